import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { deliveries, digestProfiles, subscribers, topics } from '../db/schema.js';
import { readersToCompose } from '../deliveries/delivery-repository.js';
import { cancelItemsDeleted, cancelReaderLeft } from '../deliveries/delivery-transitions.js';
import type { CandidateItem, ComposeJob, Reader } from '../jobs/digest-jobs.js';
import { subscriberLinks } from '../tokens/tokens.js';
import { loadCandidates } from './candidate-items.js';
import { type Digest, digestKeyOf } from './digest-repository.js';
import { cachedSummaries } from './summary-store.js';
import { topicLabel } from '../topics/topic-schema.js';
import { finishIfDone } from './digest-completion.js';

type Profile = typeof digestProfiles.$inferSelect;

/** A profile's topics with their labels in its language, in the profile's order. */
export function profileTopics(db: DbOrTx, profile: Pick<Profile, 'topicSlugs' | 'language'>): Array<{ slug: string; label: string }> {
  if (profile.topicSlugs.length === 0) return [];
  const rows = db.select({ slug: topics.slug, labels: topics.labels }).from(topics).where(inArray(topics.slug, profile.topicSlugs)).all();
  const bySlug = new Map(rows.map((t) => [t.slug, topicLabel(t, profile.language)]));
  return profile.topicSlugs.filter((slug) => bySlug.has(slug)).map((slug) => ({ slug, label: bySlug.get(slug)! }));
}

function composeJobOf(db: Db, config: Config, digest: Digest, profile: Profile, candidates: CandidateItem[], readers: Reader[], revision?: number): ComposeJob {
  return {
    digestId: digest.id,
    digestKey: digestKeyOf(digest),
    period: digest.period,
    profileKey: profile.key,
    language: profile.language,
    topics: profileTopics(db, profile),
    candidates,
    cachedSummaries: revision ? {} : cachedSummaries(db, candidates, profile.language, digest.model ?? config.OLLAMA_MODEL),
    readers,
    dryRun: digest.dryRun,
    orgName: config.ORG_NAME,
    // An editor reviews the text: flagged lines stay for them to see. Otherwise they never reach a reader.
    replaceFlagged: !digest.reviewRequired,
    ...(revision ? { revision } : {}),
  };
}

/**
 * The compose job that asks the model again for one profile of a digest in review. It carries the
 * profile's first composed reader only: the owner fills the new text into every stored copy itself, in
 * pages (apply-result.ts), so the job and its result stay one email's size. Null when no reader is left.
 */
export function buildRegenerateJob(db: Db, config: Config, digest: Digest, profile: Profile, revision: number): ComposeJob | null {
  const first = composedReaders(db, digest.id, profile.key, { afterId: 0, limit: 1 })[0];
  const candidates = loadCandidates(db, profile.candidateIds);
  if (!first || candidates.length === 0) return null;
  const links = subscriberLinks(config.PUBLIC_URL, config.SECRET_KEY, { id: first.subscriberId, linkKey: first.linkKey });
  const reader: Reader = { deliveryId: first.deliveryId, name: first.name, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl };
  return composeJobOf(db, config, digest, profile, candidates, [reader], revision);
}

/**
 * The readers of a profile whose email is composed and not sent yet, in delivery order after `afterId`:
 * the copies an editor's change or the approval fills again.
 */
export function composedReaders(db: DbOrTx, digestId: number, profileKey: string, page: { afterId: number; limit: number }) {
  return db
    .select({ deliveryId: deliveries.id, subscriberId: subscribers.id, linkKey: subscribers.linkKey, name: subscribers.name })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.profileKey, profileKey), eq(deliveries.status, 'composed'), gt(deliveries.id, page.afterId)))
    .orderBy(asc(deliveries.id))
    .limit(page.limit)
    .all();
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
      const links = subscriberLinks(config.PUBLIC_URL, config.SECRET_KEY, { id: w.subscriberId, linkKey: w.linkKey });
      readers.push({ deliveryId: w.deliveryId, name: w.name, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl });
    }
    if (readers.length === 0) continue;
    const candidates = loadCandidates(db, profile.candidateIds);
    if (candidates.length === 0) {
      cancelItemsDeleted(db, digest.id, profile.key);
      continue;
    }
    jobs.push(composeJobOf(db, config, digest, profile, candidates, readers));
  }
  // Cancelling readers above may have left nothing to wait for.
  finishIfDone(db, digest.id);
  return jobs;
}
