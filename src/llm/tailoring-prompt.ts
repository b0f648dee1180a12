import { packFor, type Language } from '../i18n/languages.js';
import type { CandidateItem } from '../jobs/digest-jobs.js';
import { PROMPT_SUMMARY_CHARS } from './limits.js';
import { truncateAtWord } from './plain-text.js';

/**
 * The version of the tailoring prompt, kept in each profile's provenance. Bump it whenever the
 * instructions (i18n/<lang>/prompt.ts) or the data block below change.
 */
export const PROMPT_VERSION = 'tailoring-2026-12.1';

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

/** One item as the prompt's data block carries it (without the per-call needs_summary flag). */
export function promptItem(item: CandidateItem) {
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
  };
}

/** The system and user messages for one profile: fixed instructions, with all item text inside the data block. */
export function buildTailoringMessages(input: {
  language: Language;
  topics: Array<{ slug: string; label: string }>;
  candidates: CandidateItem[];
  cachedSummaryIds: ReadonlySet<number>;
}): PromptMessage[] {
  const text = packFor(input.language).prompt;
  const data = {
    language: input.language,
    reader_topics: input.topics.map((t) => ({ slug: t.slug, label: t.label })),
    items: input.candidates.map((item) => ({ ...promptItem(item), needs_summary: !input.cachedSummaryIds.has(item.id) })),
  };
  const user = `${text.before}\n\n\`\`\`json\n${dataBlockJson(data)}\n\`\`\`\n\n${text.after}`;
  return [
    { role: 'system', content: text.system },
    { role: 'user', content: user },
  ];
}
