import type { ComposeJob } from '../jobs/digest-jobs.js';
import type { ComposedWith } from '../domain/statuses.js';
import type { Tailoring } from '../llm/tailor-profile.js';
import type { ProfileText } from '../review/profile-text.js';
import type { DigestEmailModel } from './digest-email.js';

/**
 * Builds a profile's email model from its tailoring. Titles, links, authors, venues and DOIs always come
 * from the job's items, never from the model; from the model only the intro, the order and the lines.
 * An id the job does not carry is dropped.
 */
export function digestEmailModel(job: Pick<ComposeJob, 'language' | 'period' | 'candidates' | 'topics'>, tailored: Tailoring): DigestEmailModel {
  const byId = new Map(job.candidates.map((c) => [c.id, c]));
  const labels = new Map(job.topics.map((t) => [t.slug, t.label]));
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
        },
      ];
    }),
  };
}

/**
 * The email model of a profile's text as kept for review (ProfileText): the same rendering whether the
 * worker renders it first or the owner again after an editor's change or the approval (`reviewed`).
 */
export function emailModelOfText(
  job: Pick<ComposeJob, 'language' | 'period' | 'candidates' | 'topics'>,
  text: ProfileText,
  composedWith: ComposedWith,
  reviewed = false,
): DigestEmailModel {
  const tailored: Tailoring = {
    intro: text.intro.text,
    items: text.items.map((i) => ({ id: i.id, summary: i.summary.text, line: i.line.text })),
    composedWith,
    llmCalls: 0,
    llmError: null,
    newSummaries: {},
  };
  return { ...digestEmailModel(job, tailored), reviewed };
}
