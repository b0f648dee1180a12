import type { Queue } from 'bullmq';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { digestProfiles } from '../db/schema.js';
import type { ProfileRender } from '../mail/digest-email.js';
import { assignSendBatches, type BatchMember, sendBatchMembers } from '../deliveries/send-batches.js';
import type { SendReader } from '../jobs/digest-jobs.js';
import { composeJob, sendJob } from '../jobs/job-builders.js';
import { composeJobId, sendJobId } from '../jobs/job-ids.js';
import { renderTtlSeconds, storeProfileRenders } from '../jobs/profile-renders.js';
import { sendBatching } from '../jobs/send-batching.js';
import { verpAddress } from '../bounces/verp.js';
import { subscriberLinks } from '../tokens/tokens.js';
import { ConflictError } from '../errors.js';
import { buildComposeJobs, buildRegenerateJob } from './compose-jobs.js';
import { awaitsApproval } from './digest-statuses.js';
import { type Digest, digestKeyOf } from './digest-repository.js';

/**
 * What the owner puts on the compose and send queues for a digest, and takes off them. Every job goes
 * under its id (src/jobs/job-ids.ts), so queueing the same work again is a no-op while BullMQ holds it.
 */

type QueueContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

/** A job that failed for good keeps its id for a while; it must go before the same work is queued again. */
async function clearFailed(queue: Queue, jobIds: string[]): Promise<void> {
  for (const id of jobIds) {
    if ((await queue.getJobState(id)) === 'failed') await queue.remove(id);
  }
}

/** Compose jobs go to Redis this many at a time: BullMQ's buffers for one addBulk grow with the jobs in it. */
const COMPOSE_PAGE = 50;

/** Queues one compose job per profile with readers still waiting; returns how many. */
export async function queueComposeJobs(ctx: QueueContext, digest: Digest): Promise<number> {
  const data = buildComposeJobs(ctx.db, ctx.config, digest);
  for (let start = 0; start < data.length; start += COMPOSE_PAGE) {
    const jobs = data.slice(start, start + COMPOSE_PAGE).map(composeJob);
    await clearFailed(
      ctx.queues.compose,
      jobs.map((j) => j.opts.jobId),
    );
    await ctx.queues.compose.addBulk(jobs);
  }
  return data.length;
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

/** Send jobs are made this many batches at a time: memory grows with the page, not the digest. */
const BATCH_PAGE = 100;
/** Profile renders are read from the database and stored in Redis this many at a time. */
const RENDER_PAGE = 20;

/**
 * Stores in Redis the rendered email of every composed profile of a digest (or of one), which the send
 * workers fill per reader; again on every call, so a resume or restart renews what expired or was lost.
 */
export async function storeRendersOf(ctx: QueueContext, digest: Digest, profileKey?: string): Promise<void> {
  const ttl = renderTtlSeconds(ctx.config.SMTP_RETRY_HORIZON_HOURS);
  for (let afterId = 0; ; ) {
    const rows = ctx.db
      .select({ id: digestProfiles.id, key: digestProfiles.key, render: digestProfiles.render })
      .from(digestProfiles)
      .where(
        and(
          eq(digestProfiles.digestId, digest.id),
          gt(digestProfiles.id, afterId),
          isNotNull(digestProfiles.render),
          profileKey === undefined ? undefined : eq(digestProfiles.key, profileKey),
        ),
      )
      .orderBy(asc(digestProfiles.id))
      .limit(RENDER_PAGE)
      .all();
    if (rows.length === 0) return;
    await storeProfileRenders(
      ctx.redis,
      ctx.config.QUEUE_PREFIX,
      digestKeyOf(digest),
      rows.map((r) => ({ profileKey: r.key, render: r.render! })),
      ttl,
    );
    afterId = rows[rows.length - 1]!.id;
  }
}

/**
 * Queues the send jobs of every composed, unsent email of a real digest (or of one of its profiles):
 * batches of readers (src/deliveries/send-batches.ts), each job carrying only the readers' own values,
 * after the profiles' renders are stored in Redis (of one profile: `render` when the caller has what the
 * database holds, which saves reading and parsing it back; `batched` when the readers have their batches
 * already, given in the composed result's transaction). A dry run sends nothing. `retryFailed` first clears
 * send jobs that failed for good, as a resume does; applying a result does not, so a late duplicate
 * report cannot revive a send the server refused.
 */
export async function queueSendJobs(
  ctx: QueueContext,
  digest: Digest,
  opts: { profileKey?: string; retryFailed?: boolean; render?: ProfileRender; batched?: boolean } = {},
): Promise<number> {
  // Nothing goes out before an editor approved it.
  if (digest.dryRun || awaitsApproval(digest)) return 0;
  const { batchSize } = sendBatching(ctx.config);
  if (!opts.batched) ctx.db.transaction((tx) => assignSendBatches(tx, digest.id, batchSize, opts.profileKey));
  if (opts.profileKey !== undefined && opts.render !== undefined) {
    const ttl = renderTtlSeconds(ctx.config.SMTP_RETRY_HORIZON_HOURS);
    await storeProfileRenders(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(digest), [{ profileKey: opts.profileKey, render: opts.render }], ttl);
  } else await storeRendersOf(ctx, digest, opts.profileKey);
  const named = { digestId: digest.id, digestKey: digestKeyOf(digest) };
  let queued = 0;
  for (let afterBatch = 0; ; ) {
    const members = sendBatchMembers(ctx.db, digest.id, { afterBatch, limit: BATCH_PAGE, profileKey: opts.profileKey });
    if (members.length === 0) return queued;
    const jobs = jobsOfMembers(ctx.config, named, members);
    if (opts.retryFailed)
      await clearFailed(
        ctx.queues.send,
        jobs.map((j) => j.opts.jobId),
      );
    // One job (most composed profiles are one batch) goes without addBulk's MULTI round.
    if (jobs.length === 1) await ctx.queues.send.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
    else await ctx.queues.send.addBulk(jobs);
    queued += members.length;
    // A page of fewer batches than asked for was the last one.
    if (jobs.length < BATCH_PAGE) return queued;
    afterBatch = members[members.length - 1]!.batch;
  }
}

/** One send job per batch of these members (in batch order), each reader with their signed links. */
function jobsOfMembers(config: QueueContext['config'], digest: { digestId: number; digestKey: string }, members: BatchMember[]) {
  const byBatch = new Map<number, { profileKey: string; readers: SendReader[] }>();
  for (const m of members) {
    const links = subscriberLinks(config.PUBLIC_URL, config.SECRET_KEY, { id: m.subscriberId, linkKey: m.linkKey });
    const reader: SendReader = {
      deliveryId: m.deliveryId,
      to: m.email,
      messageId: m.messageId,
      name: m.name,
      preferencesUrl: links.preferencesUrl,
      unsubscribeUrl: links.unsubscribeUrl,
      ...(config.BOUNCE_ADDRESS ? { envelopeFrom: verpAddress(config.BOUNCE_ADDRESS, config.SECRET_KEY, m.deliveryId) } : {}),
    };
    const entry = byBatch.get(m.batch);
    if (entry) entry.readers.push(reader);
    else byBatch.set(m.batch, { profileKey: m.profileKey, readers: [reader] });
  }
  return [...byBatch].map(([batch, b]) => sendJob(digest, batch, b.profileKey, b.readers));
}

/** Takes a digest's queued compose and send jobs off the queues; a job already running is stopped by the cancel mark instead. */
export async function removeQueuedWork(
  ctx: Pick<AppContext, 'queues'>,
  digestId: number,
  work: { profileKeys: string[]; sendBatches: number[] },
): Promise<void> {
  const drop = (queue: Queue, jobId: string) => queue.remove(jobId).catch(() => 0);
  await Promise.all([
    ...work.profileKeys.map((key) => drop(ctx.queues.compose, composeJobId(digestId, key))),
    ...work.sendBatches.map((batch) => drop(ctx.queues.send, sendJobId(digestId, batch))),
  ]);
}
