import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { digests } from '../db/schema.js';
import { unsentSendBatches } from '../deliveries/send-batches.js';
import { ConflictError } from '../errors.js';
import { clearDigestPaused, markDigestPaused, markRelayPaused, relayPausedSince, takeRelayPause } from '../jobs/delivery-guard.js';
import { resumePausedDigest, sendsAreHeld } from './digest-controls.js';
import { removeQueuedWork } from './digest-queueing.js';
import { type Digest, digestKeyOf, getDigest } from './digest-repository.js';

/**
 * The pause that the relay, not an editor, puts on a digest: applied by the owner when a send worker
 * reports the relay away, lifted by the owner's relay watch (src/owner/relay-watch.ts) when the relay
 * answers, or turned into an ordinary pause when the retry horizon has passed. A Redis mark (with the
 * outage's start) tells it from an editor's pause, which nothing resumes but an editor.
 */
type RelayContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

/** The paused reason stays within the length an editor's reason has. */
const REASON_LENGTH = 500;

const clip = (text: string) => (text.length > REASON_LENGTH ? `${text.slice(0, REASON_LENGTH - 1)}…` : text);

/** What the console and the API show while the relay keeps the digest paused. */
export function relayDownReason(error: string, since: Date): string {
  return clip(`The mail relay did not answer: ${error.slice(0, 300)}, since ${since.toISOString()}`);
}

/** What they show once the watch has given up: nothing failed, an editor decides. */
export function relayGaveUpReason(error: string, since: Date, hours: number): string {
  return clip(
    `Gave up waiting for the mail relay after ${hours} h (it has not answered since ${since.toISOString()}: ${error.slice(0, 200)}). ` +
      'No reader was recorded failed; an editor can resume or cancel the digest.',
  );
}

/**
 * sending → paused because the relay is away: its sends wait (the pause mark), queued ones leave the
 * queue (the resume queues them again). False when the digest was not sending (an editor's pause, a
 * digest that finished or was cancelled): then nothing changes.
 */
export async function pauseForRelay(ctx: RelayContext, digestId: number, error: string, since: Date): Promise<boolean> {
  const changed = ctx.db
    .update(digests)
    .set({ status: 'paused', pausedReason: relayDownReason(error, since) })
    .where(and(eq(digests.id, digestId), eq(digests.status, 'sending')))
    .run().changes;
  if (changed === 0) return false;
  const digest = getDigest(ctx.db, digestId);
  const key = digestKeyOf(digest);
  await markRelayPaused(ctx.redis, ctx.config.QUEUE_PREFIX, key, since);
  await markDigestPaused(ctx.redis, ctx.config.QUEUE_PREFIX, key);
  // An editor's resume in between must not leave the digest sending with its jobs held.
  if (!sendsAreHeld(getDigest(ctx.db, digestId))) {
    await clearDigestPaused(ctx.redis, ctx.config.QUEUE_PREFIX, key);
    await takeRelayPause(ctx.redis, ctx.config.QUEUE_PREFIX, key);
    return false;
  }
  await removeQueuedWork(ctx, digestId, { profileKeys: [], sendBatches: unsentSendBatches(ctx.db, digestId) });
  return true;
}

/** The digests the relay keeps paused (not an editor), with the start of their outage. */
export async function relayPausedDigests(ctx: Pick<AppContext, 'db' | 'config' | 'redis'>): Promise<Array<{ digest: Digest; since: Date }>> {
  const paused = ctx.db.select().from(digests).where(eq(digests.status, 'paused')).all();
  const found: Array<{ digest: Digest; since: Date }> = [];
  for (const digest of paused) {
    const since = await relayPausedSince(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(digest));
    if (since) found.push({ digest, since });
  }
  return found;
}

/** The relay answers: a digest it paused sends again. False when an editor took the pause over first. */
export async function resumeAfterRelay(ctx: RelayContext, digest: Digest): Promise<boolean> {
  if (!(await takeRelayPause(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(digest)))) return false;
  try {
    await resumePausedDigest(ctx, digest.id);
    return true;
  } catch (err) {
    // Resumed or cancelled by an editor meanwhile: nothing left to do.
    if (err instanceof ConflictError) return false;
    throw err;
  }
}

/** The horizon passed: the digest stays paused as an editor's to resume or cancel; no delivery fails. */
export async function giveUpOnRelay(ctx: RelayContext, digest: Digest, error: string, since: Date): Promise<boolean> {
  if (!(await takeRelayPause(ctx.redis, ctx.config.QUEUE_PREFIX, digestKeyOf(digest)))) return false;
  const reason = relayGaveUpReason(error, since, ctx.config.SMTP_RETRY_HORIZON_HOURS);
  return (
    ctx.db
      .update(digests)
      .set({ pausedReason: reason })
      .where(and(eq(digests.id, digest.id), eq(digests.status, 'paused')))
      .run().changes > 0
  );
}
