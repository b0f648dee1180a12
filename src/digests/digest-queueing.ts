import type { Queue } from 'bullmq';
import type { AppContext } from '../context.js';
import { composedCopies } from '../deliveries/delivery-repository.js';
import { composeJob, sendJob } from '../jobs/job-builders.js';
import { composeJobId, sendJobId } from '../jobs/job-ids.js';
import { subscriberLinks } from '../tokens/tokens.js';
import type { digestProfiles } from '../db/schema.js';
import { ConflictError } from '../errors.js';
import { buildComposeJobs, buildRegenerateJob } from './compose-jobs.js';
import { awaitsApproval } from './digest-statuses.js';
import { type Digest, digestKeyOf } from './digest-repository.js';

/**
 * What the owner puts on the compose and send queues for a digest, and takes off them. Every job goes
 * under its id (src/jobs/job-ids.ts), so queueing the same work again is a no-op while BullMQ holds it.
 */

type QueueContext = Pick<AppContext, 'db' | 'config' | 'queues'>;

/** Send jobs are read from the database and queued this many at a time: memory grows with the page, not the digest. */
const SEND_PAGE = 500;

/** A job that failed for good keeps its id for a while; it must go before the same work is queued again. */
async function clearFailed(queue: Queue, jobIds: string[]): Promise<void> {
  for (const id of jobIds) {
    if ((await queue.getJobState(id)) === 'failed') await queue.remove(id);
  }
}

/** Queues one compose job per profile with readers still waiting; returns how many. */
export async function queueComposeJobs(ctx: QueueContext, digest: Digest): Promise<number> {
  const jobs = buildComposeJobs(ctx.db, ctx.config, digest).map(composeJob);
  if (jobs.length === 0) return 0;
  await clearFailed(
    ctx.queues.compose,
    jobs.map((j) => j.opts.jobId),
  );
  await ctx.queues.compose.addBulk(jobs);
  return jobs.length;
}

/**
 * Queues the compose job that asks the model again for one profile, under a fresh id (the profile's
 * compose job id and the revision), so it runs even though the first compose job's id is still known.
 */
export async function queueRegeneration(ctx: QueueContext, digest: Digest, profile: typeof digestProfiles.$inferSelect, revision: number): Promise<void> {
  const data = buildRegenerateJob(ctx.db, ctx.config, digest, profile, revision);
  if (!data) throw new ConflictError(`Profile ${profile.id} has no reader left to compose for`);
  await ctx.queues.compose.add('compose', data, { jobId: `${composeJobId(digest.id, profile.key)}-r${revision}` });
}

/**
 * Queues a send job for every composed, unsent email of a real digest (or of one of its profiles), made
 * from the stored copy with the one send-job builder. A dry run sends nothing. `retryFailed` first
 * clears send jobs that failed for good, as a resume does; applying a result does not, so a late
 * duplicate report cannot revive a send the server refused.
 */
export async function queueSendJobs(ctx: QueueContext, digest: Digest, opts: { profileKey?: string; retryFailed?: boolean } = {}): Promise<number> {
  // Nothing goes out before an editor approved it.
  if (digest.dryRun || awaitsApproval(digest)) return 0;
  const named = { digestId: digest.id, digestKey: digestKeyOf(digest) };
  let queued = 0;
  for (let afterId = 0; ; ) {
    const copies = composedCopies(ctx.db, digest.id, { profileKey: opts.profileKey, afterId, limit: SEND_PAGE });
    if (copies.length === 0) return queued;
    const jobs = copies.map((c) =>
      sendJob(named, c, subscriberLinks(ctx.config.PUBLIC_URL, ctx.config.SECRET_KEY, { id: c.subscriberId, linkKey: c.linkKey }).unsubscribeUrl),
    );
    if (opts.retryFailed)
      await clearFailed(
        ctx.queues.send,
        jobs.map((j) => j.opts.jobId),
      );
    await ctx.queues.send.addBulk(jobs);
    queued += jobs.length;
    afterId = copies[copies.length - 1]!.deliveryId;
  }
}

/** Takes a digest's queued compose and send jobs off the queues; a job already running is stopped by the cancel mark instead. */
export async function removeQueuedWork(
  ctx: Pick<AppContext, 'queues'>,
  digestId: number,
  work: { profileKeys: string[]; deliveryIds: number[] },
): Promise<void> {
  const drop = (queue: Queue, jobId: string) => queue.remove(jobId).catch(() => 0);
  await Promise.all([
    ...work.profileKeys.map((key) => drop(ctx.queues.compose, composeJobId(digestId, key))),
    ...work.deliveryIds.map((id) => drop(ctx.queues.send, sendJobId(digestId, id))),
  ]);
}
