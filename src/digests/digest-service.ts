import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { digestProfiles, digests } from '../db/schema.js';
import { markForReviewNotice } from '../review/review-notice.js';
import { readModelDigest } from './model-digest.js';
import { deliveryOfReader } from '../deliveries/delivery-repository.js';
import { unsentSendBatches } from '../deliveries/send-batches.js';
import { cancelWaitingDeliveries } from '../deliveries/delivery-transitions.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { readerEmail } from './reader-email.js';
import { markDigestCancelled } from '../jobs/delivery-guard.js';
import { queueComposeJobs, queueSendJobs, removeQueuedWork } from './digest-queueing.js';
import { closeDigestAsCancelled, type Digest, digestKeyOf, getDigest } from './digest-repository.js';
import { sendsAreHeld } from './digest-controls.js';
import { isLiveDigest } from './digest-statuses.js';
import { planDigest, type PlanRequest } from './digest-planner.js';

type DigestContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

/**
 * Plans the digest for a period (or finds the live one) and queues the work it still needs. Triggering
 * twice, or re-running a finished digest, queues nothing new for readers already served.
 */
export async function triggerDigest(ctx: DigestContext, req: PlanRequest, opts: { scheduled?: boolean } = {}): Promise<{ digest: Digest; created: boolean }> {
  const { digest, created } = planDigest(ctx.db, ctx.config, req);
  // Before any compose job runs: the mark must be there when the digest reaches review.
  if (created && opts.scheduled && digest.reviewRequired) await markForReviewNotice(ctx, digest);
  await Promise.all([created ? recordModelDigest(ctx, digest.id) : undefined, resumeDigest(ctx, digest)]);
  return { digest: getDigest(ctx.db, digest.id), created };
}

/** Keeps the digest of the model Ollama has under OLLAMA_MODEL on the digest (provenance); nothing when unknown. */
async function recordModelDigest(ctx: DigestContext, digestId: number): Promise<void> {
  const modelDigest = await readModelDigest(ctx.config);
  if (modelDigest) ctx.db.update(digests).set({ modelDigest }).where(eq(digests.id, digestId)).run();
}

/**
 * Queues compose jobs for readers still waiting and send jobs for emails composed but not yet sent: what
 * heals a crash between storing a profile's emails and queueing their sends.
 */
export async function resumeDigest(ctx: DigestContext, digest: Digest): Promise<void> {
  if (!isLiveDigest(digest.status)) return;
  await queueComposeJobs(ctx, digest);
  // A paused digest's sends wait for an editor's resume; one in review (queueSendJobs checks) for the approval.
  if (sendsAreHeld(digest)) return;
  await queueSendJobs(ctx, digest, { retryFailed: true });
}

/** Stops what has not been sent: the digest and its waiting deliveries become cancelled, queued jobs go. */
export async function cancelDigest(ctx: DigestContext, id: number): Promise<Digest> {
  const digest = getDigest(ctx.db, id);
  if (!isLiveDigest(digest.status)) {
    throw new ConflictError(`Digest ${id} is ${digest.status}; only a digest in progress can be cancelled`);
  }
  // The mark first: a job a worker already holds checks it before composing and before SMTP.
  await markDigestCancelled(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(digest));
  const sendBatches = unsentSendBatches(ctx.db, id);
  const profileKeys = ctx.db
    .select({ key: digestProfiles.key })
    .from(digestProfiles)
    .where(eq(digestProfiles.digestId, id))
    .all()
    .map((p) => p.key);
  ctx.db.transaction((tx) => {
    const now = new Date();
    closeDigestAsCancelled(tx, id, now);
    cancelWaitingDeliveries(tx, id, 'digest cancelled', now);
  });
  await removeQueuedWork(ctx, id, { profileKeys, sendBatches });
  return getDigest(ctx.db, id);
}

/** The email a reader gets or got from a digest (see readerEmail). */
export function previewDelivery(
  ctx: Pick<AppContext, 'db' | 'config'>,
  digestId: number,
  subscriberId: number,
): { subject: string; html: string; text: string } {
  getDigest(ctx.db, digestId);
  const delivery = deliveryOfReader(ctx.db, digestId, subscriberId);
  if (!delivery) throw new NotFoundError(`Subscriber ${subscriberId} has no delivery in digest ${digestId}`);
  return readerEmail(ctx.db, ctx.config, delivery);
}
