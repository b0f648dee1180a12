import type { CandidateItem, ComposeJob } from '../jobs/digest-jobs.js';
import { formatEventWhen } from '../items/event-when.js';
import type { Language } from '../i18n/languages.js';
import type { ComposedWith } from '../domain/statuses.js';
import type { Tailoring } from '../llm/tailor-profile.js';
import type { ProfileText } from '../review/profile-text.js';
import type { DigestEmailModel } from './digest-email.js';

/** What a profile's email is made from: the job's language, period, items, topics, new team members and time zone. */
export type EmailSource = Pick<ComposeJob, 'language' | 'period' | 'candidates' | 'topics' | 'people' | 'timeZone'>;

/** An event's when (in the reader's language, the lab's zone) and where, as the email shows them. */
function eventOf(item: CandidateItem, e: NonNullable<CandidateItem['event']>, language: Language, timeZone: string) {
  const when = formatEventWhen({ date: item.date, endDate: e.endDate, startsAt: e.startsAt, endsAt: e.endsAt }, language, timeZone);
  return { when, location: e.location, upcoming: e.upcoming };
}

/**
 * Builds a profile's email model from its tailoring. Titles, links, authors, venues and DOIs always come
 * from the job's items, never from the model; from the model only the intro, the order and the lines.
 * An id the job does not carry is dropped.
 */
export function digestEmailModel(job: EmailSource, tailored: Tailoring): DigestEmailModel {
  const byId = new Map(job.candidates.map((c) => [c.id, c]));
  const labels = new Map(job.topics.map((t) => [t.slug, t.label]));
  const members = new Map((job.people ?? []).map((p) => [p.id, p]));
  const zone = job.timeZone ?? 'UTC';
  return {
    language: job.language,
    period: job.period,
    intro: tailored.intro,
    composedWith: tailored.composedWith,
    items: tailored.items.flatMap((t) => {
      const item = byId.get(t.id);
      if (!item) return [];
      return [
        {
          id: item.id,
          kind: item.kind,
          title: item.title,
          url: item.url,
          authors: item.authors,
          venue: item.venue,
          doi: item.doi,
          summary: t.summary,
          line: t.line,
          matchedTopics: item.topics.filter((s) => labels.has(s)).map((s) => labels.get(s)!),
          external: item.external,
          ...(item.event ? { event: eventOf(item, item.event, job.language, zone) } : {}),
        },
      ];
    }),
    // Names, roles and photos come from the job's people, never from the model; a person not in the job is dropped.
    ...(tailored.welcome?.length
      ? {
          people: tailored.welcome.flatMap((w) => {
            const person = members.get(w.id);
            return person ? [{ id: person.id, name: person.name, role: person.role, photoUrl: person.photoUrl, line: w.line }] : [];
          }),
        }
      : {}),
  };
}

/**
 * The email model of a profile's text as kept for review (ProfileText): the same rendering whether the
 * worker renders it first or the owner again after an editor's change or the approval (`reviewed`).
 */
export function emailModelOfText(job: EmailSource, text: ProfileText, composedWith: ComposedWith, reviewed = false): DigestEmailModel {
  const tailored: Tailoring = {
    intro: text.intro.text,
    items: text.items.map((i) => ({ id: i.id, summary: i.summary.text, line: i.line.text })),
    welcome: (text.people ?? []).map((p) => ({ id: p.id, line: p.line.text })),
    composedWith,
    llmCalls: 0,
    llmError: null,
    newSummaries: {},
  };
  return { ...digestEmailModel(job, tailored), reviewed };
}
