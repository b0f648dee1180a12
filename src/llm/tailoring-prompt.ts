import { packFor, type Language } from '../i18n/languages.js';
import type { CandidateItem, TeamMember } from '../jobs/digest-jobs.js';
import { wallTimeIn } from '../items/event-times.js';
import { PROMPT_SUMMARY_CHARS } from './limits.js';
import { truncateAtWord } from './plain-text.js';

/**
 * The version of the tailoring prompt, kept in each profile's provenance. Bump it whenever the
 * instructions (i18n/<lang>/prompt.ts) or the data block below change.
 */
export const PROMPT_VERSION = 'tailoring-2027-01.1';

export interface PromptMessage {
  role: 'system' | 'user';
  content: string;
}

/**
 * Serialises data for the fenced block. Backticks, angle brackets and ampersands are written as JSON
 * \u escapes, so no item text can close the fence or smuggle literal markup outside it; it stays valid JSON.
 */
export function dataBlockJson(data: unknown): string {
  return JSON.stringify(data, null, 1).replace(/`/g, '\\u0060').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** An event's when and where in the data block: local wall times of the lab (its time zone), the place, whether it is still to come. */
function promptEvent(event: NonNullable<CandidateItem['event']>, timeZone: string) {
  return {
    starts: event.startsAt ? wallTimeIn(event.startsAt, timeZone).replace('T', ' ') : null,
    ends: event.endsAt ? wallTimeIn(event.endsAt, timeZone).replace('T', ' ') : event.endDate,
    location: event.location,
    upcoming: event.upcoming,
  };
}

/** One item as the prompt's data block carries it (without the per-call needs_summary flag). */
export function promptItem(item: CandidateItem, timeZone = 'UTC') {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    summary: truncateAtWord(item.summary, PROMPT_SUMMARY_CHARS),
    authors: item.authors.slice(0, 8),
    venue: item.venue,
    date: item.date,
    topics: item.topics,
    external_collaborators: item.external,
    ...(item.event ? promptEvent(item.event, timeZone) : {}),
  };
}

/** One new team member as the data block carries them (the photo is never given: the model has no use for it). */
export function promptPerson(person: TeamMember) {
  return { id: person.id, name: person.name, role: person.role, bio: truncateAtWord(person.bio, PROMPT_SUMMARY_CHARS), start_date: person.startDate };
}

/** The system and user messages for one profile: fixed instructions, with all item text inside the data block. */
export function buildTailoringMessages(input: {
  language: Language;
  topics: Array<{ slug: string; label: string }>;
  candidates: CandidateItem[];
  cachedSummaryIds: ReadonlySet<number>;
  people?: readonly TeamMember[];
  timeZone?: string;
}): PromptMessage[] {
  const text = packFor(input.language).prompt;
  const data = {
    language: input.language,
    reader_topics: input.topics.map((t) => ({ slug: t.slug, label: t.label })),
    items: input.candidates.map((item) => ({ ...promptItem(item, input.timeZone), needs_summary: !input.cachedSummaryIds.has(item.id) })),
    ...(input.people?.length ? { team_members: input.people.map(promptPerson) } : {}),
  };
  const user = `${text.before}\n\n\`\`\`json\n${dataBlockJson(data)}\n\`\`\`\n\n${text.after}`;
  return [
    { role: 'system', content: text.system },
    { role: 'user', content: user },
  ];
}
