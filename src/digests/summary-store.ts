import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { inJsonList, preparedPerDb } from '../db/prepared.js';
import { digestProfiles, llmSummaries } from '../db/schema.js';
import type { Language } from '../i18n/languages.js';
import type { CandidateItem } from '../jobs/digest-jobs.js';
import { summaryCacheKey } from '../llm/summary-cache.js';
import { loadCandidateTexts } from './candidate-items.js';
import { getDigest } from './digest-repository.js';

/**
 * The model's per-item summaries in the database (llm_summaries), under the keys of src/llm/summary-cache.ts:
 * read into each compose job, written from each composed result. Only the owner of the database uses
 * this; the workers get the cached text in the job and report new text in the result.
 */

const summaryTexts = preparedPerDb((db) =>
  db.select({ key: llmSummaries.key, text: llmSummaries.text }).from(llmSummaries).where(inJsonList(llmSummaries.key, 'keys')).prepare(),
);

/**
 * The cached summaries of these items in each of these languages for this model, read in one query: a
 * function that gives any compose job's cachedSummaries (item id → text) from them, for building many
 * jobs at once (profiles share their items).
 */
export function cachedSummariesOf(
  db: DbOrTx,
  items: readonly CandidateItem[],
  languages: readonly Language[],
  model: string,
): (candidates: readonly CandidateItem[], language: Language) => Record<string, string> {
  const keyOf = new Map<string, string>();
  for (const language of new Set(languages)) for (const item of items) keyOf.set(`${language}:${item.id}`, summaryCacheKey(item, language, model));
  const texts = new Map<string, string>();
  if (keyOf.size > 0) for (const r of summaryTexts(db).all({ keys: JSON.stringify([...keyOf.values()]) })) texts.set(r.key, r.text);
  return (candidates, language) => {
    const found: Record<string, string> = {};
    for (const c of candidates) {
      const text = texts.get(keyOf.get(`${language}:${c.id}`) ?? '');
      if (text !== undefined) found[String(c.id)] = text;
    }
    return found;
  };
}

/** The cached summaries of these items in this language for this model, by item id: a compose job's cachedSummaries. */
export function cachedSummaries(db: DbOrTx, candidates: CandidateItem[], language: Language, model: string): Record<string, string> {
  return cachedSummariesOf(db, candidates, [language], model)(candidates, language);
}

const profileLanguage = preparedPerDb((db) =>
  db
    .select({ language: digestProfiles.language })
    .from(digestProfiles)
    .where(and(eq(digestProfiles.digestId, sql.placeholder('digestId')), eq(digestProfiles.key, sql.placeholder('profileKey'))))
    .prepare(),
);

const insertSummary = preparedPerDb((db) =>
  db
    .insert(llmSummaries)
    .values({ key: sql.placeholder('key'), text: sql.placeholder('text') })
    .onConflictDoNothing()
    .prepare(),
);

/**
 * Keeps the summaries a composed profile reports (item id → text) for later digests, keyed by the item as
 * its compose job carried it, the profile's language and the digest's model. A key already stored keeps
 * its first text (and costs no write: most profiles of a digest report items another one reported first).
 */
export function storeSummaries(db: DbOrTx, digestId: number, profileKey: string, summaries: Record<string, string>): void {
  const ids = Object.keys(summaries).map(Number).filter(Number.isInteger);
  if (ids.length === 0) return;
  const profile = profileLanguage(db).get({ digestId, profileKey });
  if (!profile) return;
  const model = getDigest(db, digestId).model ?? '';
  const insert = insertSummary(db);
  for (const item of loadCandidateTexts(db, ids)) {
    const text = summaries[String(item.id)];
    if (text) insert.run({ key: summaryCacheKey(item, profile.language, model), text });
  }
}
