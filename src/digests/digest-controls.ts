import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { DbOrTx } from '../db/client.js';
import { digests } from '../db/schema.js';
import { unsentSendBatches } from '../deliveries/send-batches.js';
import { retryFailedSends } from '../deliveries/delivery-transitions.js';
import type { DigestStatus } from '../domain/statuses.js';
import { ConflictError } from '../errors.js';
import { clearDigestPaused, markDigestPaused, takeRelayPause } from '../jobs/delivery-guard.js';
import { sendJobId } from '../jobs/job-ids.js';
import { finishIfDone } from './digest-completion.js';
import { queueComposeJobs, queueSendJobs, removeQueuedWork } from './digest-queueing.js';
import { bumpDigestCounts, type Digest, digestKeyOf, getDigest } from './digest-repository.js';

/**
 * What an editor can do to a digest in flight, besides cancel (digest-service.ts): pause sending, resume
 * it, and retry the deliveries that failed. Each is a conditional update; none ever sends twice (the send
 * worker's marks in src/jobs/delivery-guard.ts see to a job that runs again).
 */
type ControlContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

/** A pause reason is kept this long at most. */
const REASON_LENGTH = 500;

/** The digests whose failed deliveries may be retried: still sending, paused, or sent. */
const RETRYABLE_STATUSES: readonly DigestStatus[] = ['sending', 'paused', 'sent'];

/** How many queue look-ups run at once when a resume brings held send jobs forward. */
const LOOKUP_BATCH = 50;

/**
 * True while a digest's sends are held: nothing may queue its send jobs (a resume does). Whatever queues
 * sends without an editor asking (the resume at start, a compose result) checks this first.
 */
export function sendsAreHeld(digest: Pick<Digest, 'status'>): boolean {
  return digest.status === 'paused';
}

/**
 * sending → paused: queued sends wait (a send already at the relay finishes). A digest the relay paused
 * becomes the editor's pause (the relay watch no longer resumes it). ConflictError otherwise.
 */
export async function pauseDigest(ctx: ControlContext, digestId: number, reason: string): Promise<Digest> {
  const digest = getDigest(ctx.db, digestId);
  const why = reason.trim().slice(0, REASON_LENGTH) || 'paused by an editor';
  const key = digestKeyOf(digest);
  if (digest.status === 'paused' && (await takeRelayPause(ctx.redis, ctx.config.QUEUE_PREFIX, key))) {
    ctx.db
      .update(digests)
      .set({ pausedReason: why })
      .where(and(eq(digests.id, digestId), eq(digests.status, 'paused')))
      .run();
    return getDigest(ctx.db, digestId);
  }
  const changed = ctx.db
    .update(digests)
    .set({ status: 'paused', pausedReason: why })
    .where(and(eq(digests.id, digestId), eq(digests.status, 'sending')))
    .run().changes;
  if (changed === 0) throw new ConflictError(`Digest ${digestId} is ${getDigest(ctx.db, digestId).status}; only a digest that is sending can be paused`);

  // The mark makes a worker that already took a job, or a job queued later, put it back instead of sending.
  // An editor's pause is never the relay's, whatever an earlier outage left behind.
  await takeRelayPause(ctx.redis, ctx.config.QUEUE_PREFIX, key);
  await markDigestPaused(ctx.redis, ctx.config.QUEUE_PREFIX, key);
  // A resume between the update and the mark must not leave the digest sending with its jobs held or gone.
  if (!sendsAreHeld(getDigest(ctx.db, digestId))) {
    await clearDigestPaused(ctx.redis, ctx.config.QUEUE_PREFIX, key);
    return getDigest(ctx.db, digestId);
  }
  // Jobs still waiting or backing off leave the queue; the resume queues them again from the stored copies.
  await removeQueuedWork(ctx, digestId, { profileKeys: [], sendBatches: unsentSendBatches(ctx.db, digestId) });
  return getDigest(ctx.db, digestId);
}

/** paused → sending: queues the sends still waiting. ConflictError otherwise. */
export async function resumePausedDigest(ctx: ControlContext, digestId: number): Promise<Digest> {
  getDigest(ctx.db, digestId);
  const changed = ctx.db
    .update(digests)
    .set({ status: 'sending', pausedReason: null })
    .where(and(eq(digests.id, digestId), eq(digests.status, 'paused')))
    .run().changes;
  if (changed === 0) throw new ConflictError(`Digest ${digestId} is ${getDigest(ctx.db, digestId).status}; only a paused digest can be resumed`);

  const key = digestKeyOf(getDigest(ctx.db, digestId));
  // Whoever paused it, it sends now: a relay pause's mark must not make a later editor's pause the relay's.
  await takeRelayPause(ctx.redis, ctx.config.QUEUE_PREFIX, key);
  await clearDigestPaused(ctx.redis, ctx.config.QUEUE_PREFIX, key);
  // The sends in flight at the pause may have been the last ones: then there is nothing left to wait for.
  finishIfDone(ctx.db, digestId);
  await queueHeldWork(ctx, getDigest(ctx.db, digestId));
  return getDigest(ctx.db, digestId);
}

/** Failed deliveries go back to waiting and are sent again (a sent or sending digest). Returns how many. */
export async function retryFailedDeliveries(ctx: ControlContext, digestId: number): Promise<{ digest: Digest; retried: number }> {
  const retried = ctx.db.transaction((tx) => {
    const digest = getDigest(tx, digestId);
    if (digest.dryRun) throw new ConflictError(`Digest ${digestId} is a dry run: it sends nothing, so there is nothing to retry`);
    if (!RETRYABLE_STATUSES.includes(digest.status)) {
      throw new ConflictError(`Digest ${digestId} is ${digest.status}; failed deliveries can be retried while it is sending, paused or sent`);
    }
    const now = new Date();
    const n = retryFailedSends(tx, digestId, now);
    if (n === 0) return 0;
    bumpDigestCounts(tx, digestId, { failedCount: -n });
    reopenSentDigest(tx, digestId);
    return n;
  });
  const digest = getDigest(ctx.db, digestId);
  if (retried > 0 && digest.status === 'sending') {
    // A sending digest holds no sends: a mark left from an earlier pause must not hold these.
    await clearDigestPaused(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(digest));
    await queueSendJobs(ctx, digest, { retryFailed: true });
  }
  return { digest: getDigest(ctx.db, digestId), retried };
}

/** A sent digest with deliveries to send again is sending once more, so it completes again. */
function reopenSentDigest(db: DbOrTx, digestId: number): number {
  return db
    .update(digests)
    .set({ status: 'sending', finishedAt: null })
    .where(and(eq(digests.id, digestId), eq(digests.status, 'sent')))
    .run().changes;
}

/**
 * What a resume queues: compose jobs for readers still waiting, the send jobs a worker put back while the
 * digest was paused (brought forward), and a send job for every other composed, unsent email (send jobs
 * that failed for good are cleared first). Job ids make anything still queued a no-op.
 */
async function queueHeldWork(ctx: ControlContext, digest: Digest): Promise<void> {
  if (digest.status !== 'sending') return;
  await promoteDelayedSends(ctx, digest.id);
  await queueComposeJobs(ctx, digest);
  await queueSendJobs(ctx, digest, { retryFailed: true });
}

/** Send jobs of the digest that wait in the delayed set (put back while paused, or backing off) run now. */
async function promoteDelayedSends(ctx: Pick<AppContext, 'db' | 'queues'>, digestId: number): Promise<void> {
  const jobIds = unsentSendBatches(ctx.db, digestId).map((batch) => sendJobId(digestId, batch));
  for (let i = 0; i < jobIds.length; i += LOOKUP_BATCH) {
    await Promise.all(
      jobIds.slice(i, i + LOOKUP_BATCH).map(async (jobId) => {
        if ((await ctx.queues.send.getJobState(jobId)) !== 'delayed') return;
        // It may have started meanwhile: then there is nothing to bring forward.
        await (await ctx.queues.send.getJob(jobId))?.promote().catch(() => undefined);
      }),
    );
  }
}
