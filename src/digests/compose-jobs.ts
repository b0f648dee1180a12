import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { digestProfiles, items, llmSummaries, topics } from '../db/schema.js';
import { readersToCompose } from '../deliveries/delivery-repository.js';
import { cancelItemsDeleted, cancelReaderLeft } from '../deliveries/delivery-transitions.js';
import type { Language } from '../i18n/languages.js';
import { clipText, ITEM_LIMITS } from '../items/item-limits.js';
import { topicSlugsOf } from '../items/item-repository.js';
import type { CandidateItem, ComposeJob, Reader } from '../jobs/digest-jobs.js';
import { summaryCacheKey } from '../llm/summary-cache.js';
import { subscriberLinks } from '../tokens/tokens.js';
import { type Digest, digestKeyOf } from './digest-repository.js';
import { topicLabel } from '../topics/topic-schema.js';
import { finishIfDone } from './digest-completion.js';

/**
 * Loads items as the workers see them: everything the prompt and the email need, from the database,
 * held to the item limits (an item stored before the limits existed must not make a job invalid).
 */
export function loadCandidates(db: DbOrTx, ids: number[]): CandidateItem[] {
  if (ids.length === 0) return [];
  const rows = db.select().from(items).where(inArray(items.id, ids)).all();
  const tags = topicSlugsOf(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => r !== undefined)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      title: clipText(r.title, ITEM_LIMITS.title),
      summary: clipText(r.summary, ITEM_LIMITS.summary),
      url: r.url && r.url.length <= ITEM_LIMITS.url ? r.url : null,
      authors: r.authors.slice(0, ITEM_LIMITS.authors).map((a) => clipText(a, ITEM_LIMITS.author)),
      venue: r.venue === null ? null : clipText(r.venue, ITEM_LIMITS.venue),
      doi: r.doi && r.doi.length <= ITEM_LIMITS.doi ? r.doi : null,
      date: r.date.toISOString().slice(0, 10),
      language: r.language,
      external: r.external,
      topics: (tags.get(r.id) ?? []).slice(0, ITEM_LIMITS.topics),
    }));
}

function cachedSummaries(db: Db, candidates: CandidateItem[], language: Language, model: string): Record<string, string> {
  const keys = new Map(candidates.map((c) => [summaryCacheKey(c, language, model), c.id]));
  if (keys.size === 0) return {};
  const rows = db
    .select()
    .from(llmSummaries)
    .where(inArray(llmSummaries.key, [...keys.keys()]))
    .all();
  return Object.fromEntries(rows.map((r) => [String(keys.get(r.key)), r.text]));
}

/**
 * One compose job per profile that still has readers waiting (deliveries in `planned`). Readers who left
 * since planning are cancelled here rather than written to, and so are the readers of a profile whose
 * items were all deleted since.
 */
export function buildComposeJobs(db: Db, config: Config, digest: Digest): ComposeJob[] {
  const profiles = db.select().from(digestProfiles).where(eq(digestProfiles.digestId, digest.id)).all();
  const jobs: ComposeJob[] = [];
  for (const profile of profiles) {
    const readers: Reader[] = [];
    for (const w of readersToCompose(db, digest.id, profile.key)) {
      if (w.subscriberId === null || w.status !== 'active' || w.paused) {
        cancelReaderLeft(db, w.deliveryId);
        continue;
      }
      const links = subscriberLinks(config.PUBLIC_URL, config.SECRET_KEY, w.subscriberId);
      readers.push({ deliveryId: w.deliveryId, name: w.name, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl });
    }
    if (readers.length === 0) continue;
    const candidates = loadCandidates(db, profile.candidateIds);
    if (candidates.length === 0) {
      cancelItemsDeleted(db, digest.id, profile.key);
      continue;
    }
    const labels = profile.topicSlugs.length
      ? db.select({ slug: topics.slug, labels: topics.labels }).from(topics).where(inArray(topics.slug, profile.topicSlugs)).all()
      : [];
    jobs.push({
      digestId: digest.id,
      digestKey: digestKeyOf(digest),
      period: digest.period,
      profileKey: profile.key,
      language: profile.language,
      topics: labels.map((t) => ({ slug: t.slug, label: topicLabel(t, profile.language) })),
      candidates,
      cachedSummaries: cachedSummaries(db, candidates, profile.language, digest.model ?? config.OLLAMA_MODEL),
      readers,
      dryRun: digest.dryRun,
    });
  }
  // Cancelling readers above may have left nothing to wait for.
  finishIfDone(db, digest.id);
  return jobs;
}
