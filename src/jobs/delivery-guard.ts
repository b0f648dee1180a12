import type { Redis } from 'ioredis';

/**
 * Marks kept in Redis, where the stateless workers can read them: which deliveries the SMTP server has
 * accepted, which were withdrawn, and which digests were cancelled. The database stays the record; these
 * make a retried or duplicated job harmless before its result reaches the database. They are keyed by
 * the delivery's random Message-ID and by the digest key (id + creation time), never by bare SQLite ids,
 * so a database restored from a backup or created anew never meets an old mark.
 */
/** How long a mark lives: longer than any digest takes. */
const MARK_TTL_SECONDS = 180 * 24 * 3600;

const sentKey = (prefix: string, messageId: string) => `${prefix}:guard:sent:${messageId}`;
const withdrawnKey = (prefix: string, messageId: string) => `${prefix}:guard:withdrawn:${messageId}`;
const cancelledKey = (prefix: string, digestKey: string) => `${prefix}:guard:cancelled:${digestKey}`;
const pausedKey = (prefix: string, digestKey: string) => `${prefix}:guard:paused:${digestKey}`;

type Pipeline = ReturnType<Redis['pipeline']>;

/**
 * For a worker that reads and writes many marks in one round trip (src/digests/send-digest-email.ts):
 * each adds its commands to the pipeline and says what answers they leave, in order.
 */
export const guardPipeline = {
  /** Two answers: 1 when the digest was cancelled, 1 when it is paused. */
  digestStops: (pipeline: Pipeline, prefix: string, digestKey: string) => pipeline.exists(cancelledKey(prefix, digestKey)).exists(pausedKey(prefix, digestKey)),
  /** Two answers: 1 when the delivery was sent, 1 when it was withdrawn. */
  deliveryMarks: (pipeline: Pipeline, prefix: string, messageId: string) => pipeline.exists(sentKey(prefix, messageId)).exists(withdrawnKey(prefix, messageId)),
};

// Sets the sent mark and reads the digest's two stop marks: one command, where a pipeline object per email
// cost a send worker more CPU (ioredis builds one with every command on it) than the round trip itself.
const MARK_SENT_READ_STOPS = `redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
return {redis.call('EXISTS', KEYS[2]), redis.call('EXISTS', KEYS[3])}`;
const markSentReadStopsCommand = 'labdigestMarkSentReadStops';
type WithMarkSentReadStops = Redis & Record<typeof markSentReadStopsCommand, (...args: Array<string | number>) => Promise<[number, number]>>;

/**
 * Marks the delivery sent and says, in the same round trip, whether its digest was cancelled or paused
 * meanwhile: [cancelled, paused], each 1 or 0. What a send worker does after every accepted email.
 */
export async function markSentReadingStops(redis: Redis, prefix: string, messageId: string, digestKey: string): Promise<[number, number]> {
  if (!(markSentReadStopsCommand in redis)) redis.defineCommand(markSentReadStopsCommand, { numberOfKeys: 3, lua: MARK_SENT_READ_STOPS });
  return (redis as WithMarkSentReadStops)[markSentReadStopsCommand](
    sentKey(prefix, messageId),
    cancelledKey(prefix, digestKey),
    pausedKey(prefix, digestKey),
    MARK_TTL_SECONDS,
  );
}

/** True once the SMTP server has accepted the delivery with this Message-ID. */
export async function wasSent(redis: Redis, prefix: string, messageId: string): Promise<boolean> {
  return (await redis.exists(sentKey(prefix, messageId))) === 1;
}

/** Records that the SMTP server accepted the delivery with this Message-ID. */
export async function markSent(redis: Redis, prefix: string, messageId: string): Promise<void> {
  await redis.set(sentKey(prefix, messageId), '1', 'EX', MARK_TTL_SECONDS);
}

/** Records that a digest was cancelled or failed, so compose and send workers drop its jobs still queued or running. */
export async function markDigestCancelled(redis: Redis, prefix: string, digestKey: string): Promise<void> {
  await redis.set(cancelledKey(prefix, digestKey), '1', 'EX', MARK_TTL_SECONDS);
}

/** True once the digest was cancelled or failed: a worker checks it before composing or sending. */
export async function isDigestCancelled(redis: Redis, prefix: string, digestKey: string): Promise<boolean> {
  return (await redis.exists(cancelledKey(prefix, digestKey))) === 1;
}

/** Marks deliveries whose reader left (unsubscribed, paused, erased) after their email was composed. */
export async function markWithdrawn(redis: Redis, prefix: string, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  const pipeline = redis.pipeline();
  for (const id of messageIds) pipeline.set(withdrawnKey(prefix, id), '1', 'EX', MARK_TTL_SECONDS);
  await pipeline.exec();
}

/** True when the reader of this delivery left after it was composed: the send worker then drops it. */
export async function isWithdrawn(redis: Redis, prefix: string, messageId: string): Promise<boolean> {
  return (await redis.exists(withdrawnKey(prefix, messageId))) === 1;
}

/** Records that an editor paused a digest: a send worker that meets one of its jobs puts it back instead of sending. */
export async function markDigestPaused(redis: Redis, prefix: string, digestKey: string): Promise<void> {
  await redis.set(pausedKey(prefix, digestKey), '1', 'EX', MARK_TTL_SECONDS);
}

/** The digest is sending again: its jobs go out. */
export async function clearDigestPaused(redis: Redis, prefix: string, digestKey: string): Promise<void> {
  await redis.del(pausedKey(prefix, digestKey));
}

/** True while the digest is paused: a send worker checks it before SMTP. */
export async function isDigestPaused(redis: Redis, prefix: string, digestKey: string): Promise<boolean> {
  return (await redis.exists(pausedKey(prefix, digestKey))) === 1;
}

const relayPausedKey = (prefix: string, digestKey: string) => `${prefix}:guard:relay-paused:${digestKey}`;

/**
 * Records that the digest was paused because the relay was away (not by an editor), and since when:
 * only such a pause is resumed by the owner's relay watch, and only within the retry horizon.
 */
export async function markRelayPaused(redis: Redis, prefix: string, digestKey: string, since: Date): Promise<void> {
  await redis.set(relayPausedKey(prefix, digestKey), since.toISOString(), 'EX', MARK_TTL_SECONDS);
}

/** Since when the relay has kept this digest paused; null when it is not paused for the relay. */
export async function relayPausedSince(redis: Redis, prefix: string, digestKey: string): Promise<Date | null> {
  const value = await redis.get(relayPausedKey(prefix, digestKey));
  return value === null ? null : new Date(value);
}

/**
 * Takes the relay's pause over (to resume it, give up on it, or let an editor own it): true for the one
 * caller that removed the mark, so the watch and an editor never both act on the same pause.
 */
export async function takeRelayPause(redis: Redis, prefix: string, digestKey: string): Promise<boolean> {
  return (await redis.del(relayPausedKey(prefix, digestKey))) === 1;
}
