import type { Queue } from 'bullmq';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { deliveries, digestProfiles, digests } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { markDigestCancelled } from '../jobs/delivery-guard.js';
import type { SendJob } from '../jobs/digest-jobs.js';
import { subscriberLinks } from '../tokens/tokens.js';
import { buildComposeJobs } from './compose-jobs.js';
import { type Digest, digestKeyOf, getDigest } from './digest-repository.js';
import { planDigest, type PlanRequest } from './digest-planner.js';

type DigestContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

/** Job ids make a duplicated enqueue a no-op while the first job is still known to BullMQ. */
export const composeJobId = (digestId: number, profileKey: string) => `compose-${digestId}-${profileKey}`;
export const sendJobId = (digestId: number, deliveryId: number) => `send-${digestId}-${deliveryId}`;

/** A job that failed for good keeps its id for a while; it must go before the same work is queued again. */
async function clearFailed(queue: Queue, jobIds: string[]): Promise<void> {
  for (const id of jobIds) {
    if ((await queue.getJobState(id)) === 'failed') await queue.remove(id);
  }
}

/**
 * Plans the digest for a period (or finds the live one) and queues the work it still needs. Triggering
 * twice, or re-running a finished digest, queues nothing new for readers already served.
 */
export async function triggerDigest(ctx: DigestContext, req: PlanRequest): Promise<{ digest: Digest; created: boolean }> {
  const { digest, created } = planDigest(ctx.db, ctx.config, req);
  await resumeDigest(ctx, digest);
  return { digest: getDigest(ctx.db, digest.id), created };
}

/** Queues compose jobs for readers still waiting and send jobs for emails composed but not yet sent. */
export async function resumeDigest(ctx: DigestContext, digest: Digest): Promise<void> {
  if (!['planned', 'composing', 'sending'].includes(digest.status)) return;
  const composeJobs = buildComposeJobs(ctx.db, ctx.config, digest);
  if (composeJobs.length) {
    const ids = composeJobs.map((data) => composeJobId(digest.id, data.profileKey));
    await clearFailed(ctx.queues.compose, ids);
    await ctx.queues.compose.addBulk(composeJobs.map((data, i) => ({ name: 'compose', data, opts: { jobId: ids[i] } })));
  }
  if (digest.dryRun) return;
  const composed = ctx.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digest.id), eq(deliveries.status, 'composed')))
    .all();
  const sends: SendJob[] = composed
    .filter((d) => d.subscriberId !== null && d.subject && d.html && d.text)
    .map((d) => ({
      digestId: digest.id,
      digestKey: digestKeyOf(digest),
      deliveryId: d.id,
      to: d.email,
      subject: d.subject!,
      html: d.html!,
      text: d.text!,
      messageId: d.messageId,
      unsubscribeUrl: subscriberLinks(ctx.config.PUBLIC_URL, ctx.config.SECRET_KEY, d.subscriberId!).unsubscribeUrl,
    }));
  if (sends.length) {
    const ids = sends.map((data) => sendJobId(digest.id, data.deliveryId));
    await clearFailed(ctx.queues.send, ids);
    await ctx.queues.send.addBulk(sends.map((data, i) => ({ name: 'send', data, opts: { jobId: ids[i] } })));
  }
}

/** Stops what has not been sent: the digest and its waiting deliveries become cancelled, queued jobs go. */
export async function cancelDigest(ctx: DigestContext, id: number): Promise<Digest> {
  const digest = getDigest(ctx.db, id);
  if (!['planned', 'composing', 'sending'].includes(digest.status)) {
    throw new ConflictError(`Digest ${id} is ${digest.status}; only a digest in progress can be cancelled`);
  }
  await markDigestCancelled(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(digest));
  const unsent = ctx.db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, id), inArray(deliveries.status, ['planned', 'composed'])))
    .all();
  const profiles = ctx.db.select({ key: digestProfiles.key }).from(digestProfiles).where(eq(digestProfiles.digestId, id)).all();
  ctx.db.transaction((tx) => {
    const now = new Date();
    tx.update(digests)
      .set({ status: 'cancelled', finishedAt: now })
      .where(and(eq(digests.id, id), inArray(digests.status, ['planned', 'composing', 'sending'])))
      .run();
    tx.update(deliveries)
      .set({ status: 'cancelled', error: 'digest cancelled', updatedAt: now })
      .where(and(eq(deliveries.digestId, id), inArray(deliveries.status, ['planned', 'composed'])))
      .run();
  });
  // Remove by the ids we know; a job already running is stopped by the cancel mark instead.
  const drop = (queue: Queue, jobId: string) => queue.remove(jobId).catch(() => 0);
  await Promise.all([
    ...profiles.map((p) => drop(ctx.queues.compose, composeJobId(id, p.key))),
    ...unsent.map((d) => drop(ctx.queues.send, sendJobId(id, d.id))),
  ]);
  return getDigest(ctx.db, id);
}

/** The exact HTML a reader gets or got from a digest. */
export function previewDelivery(ctx: Pick<AppContext, 'db'>, digestId: number, subscriberId: number): { subject: string; html: string; text: string } {
  getDigest(ctx.db, digestId);
  const delivery = ctx.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.subscriberId, subscriberId)))
    .get();
  if (!delivery) throw new NotFoundError(`Subscriber ${subscriberId} has no delivery in digest ${digestId}`);
  if (!delivery.html || !delivery.subject || !delivery.text) {
    throw new ConflictError(`The email for subscriber ${subscriberId} is ${delivery.status}: there is nothing to preview yet`);
  }
  return { subject: delivery.subject, html: delivery.html, text: delivery.text };
}
