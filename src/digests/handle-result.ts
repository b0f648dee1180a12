import type { AppContext } from '../context.js';
import { markDigestCancelled } from '../jobs/delivery-guard.js';
import type { ResultJob } from '../jobs/digest-jobs.js';
import { sendBatching } from '../jobs/send-batching.js';
import { sendReviewNotice } from '../review/review-notice.js';
import { applyResult } from './apply-result.js';
import { sendsAreHeld } from './digest-controls.js';
import { queueSendJobs, storeRendersOf } from './digest-queueing.js';
import { digestKeyOf, getDigest } from './digest-repository.js';

/**
 * What the owner does with a worker's result: apply it to the database (apply-result.ts), then what only
 * Redis can carry. A failed digest is marked so workers drop its jobs; a composed profile's emails are
 * queued for sending (the render stored once in Redis, the readers in batches), unless the digest waits for review (then, once it is
 * all composed, a scheduled digest tells the console's users). Queued after the commit: a crash in
 * between leaves 'composed' deliveries that the resume at start queues, and a retried result queues the
 * same job ids again, which BullMQ ignores.
 */
export async function handleResult(ctx: Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>, result: ResultJob): Promise<{ digestFailed: boolean }> {
  const { digestFailed, reachedReview, renderStored, sendsBatched } = applyResult(ctx.db, result, {
    llmRequired: ctx.config.LLM_REQUIRED,
    sendBatchSize: sendBatching(ctx.config).batchSize,
  });
  if (digestFailed) await markDigestCancelled(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(getDigest(ctx.db, result.digestId)));
  if (reachedReview) await sendReviewNotice(ctx, getDigest(ctx.db, result.digestId));
  if (result.type === 'composed' && !result.revision) {
    const digest = getDigest(ctx.db, result.digestId);
    // A paused digest's sends are queued by the resume; queueing them now would only bounce off the pause mark.
    // The render this result stored is the one to send; a repeat or late result stores nothing, so the database's goes.
    if (!sendsAreHeld(digest))
      await queueSendJobs(ctx, digest, { profileKey: result.profileKey, render: renderStored ? result.profile : undefined, batched: sendsBatched });
  }
  // A send worker found no render in Redis (expired, or Redis lost it): store it again; the batch looks again shortly.
  if (result.type === 'profile-missing') await storeRendersOf(ctx, getDigest(ctx.db, result.digestId), result.profileKey);
  return { digestFailed };
}
