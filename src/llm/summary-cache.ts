import { createHash } from 'node:crypto';
import type { Language } from '../i18n/languages.js';
import type { CandidateItem } from '../jobs/digest-jobs.js';

/**
 * The llm_summaries key of one item's summary: it changes when the item's text, the language or the
 * model changes, so an edited item or a new model never reuses stale text.
 */
export function summaryCacheKey(item: Pick<CandidateItem, 'title' | 'summary'>, language: Language, model: string): string {
  // JSON of an array keeps field boundaries unambiguous ("ab"+"c" differs from "a"+"bc").
  return createHash('sha256')
    .update(JSON.stringify(['labdigest-summary-v1', item.title, item.summary, language, model]))
    .digest('hex');
}

/** Keys for a list of items, by item id: what the database owner looks up to fill a ComposeJob's cachedSummaries. */
export function summaryCacheKeys(items: CandidateItem[], language: Language, model: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const item of items) keys[String(item.id)] = summaryCacheKey(item, language, model);
  return keys;
}
