import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { digestProfiles, topics } from '../db/schema.js';
import { readersToCompose } from '../deliveries/delivery-repository.js';
import { cancelItemsDeleted, cancelReaderLeft } from '../deliveries/delivery-transitions.js';
import type { ComposeJob, Reader } from '../jobs/digest-jobs.js';
import { subscriberLinks } from '../tokens/tokens.js';
import { loadCandidates } from './candidate-items.js';
import { type Digest, digestKeyOf } from './digest-repository.js';
import { cachedSummaries } from './summary-store.js';
import { topicLabel } from '../topics/topic-schema.js';
import { finishIfDone } from './digest-completion.js';

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
