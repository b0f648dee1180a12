import type { Redis } from 'ioredis';

/**
 * Marks kept in Redis, where the stateless workers can read them: which deliveries the SMTP server has
 * accepted, and which digests were cancelled. The database stays the record; these make a retried or
 * duplicated job harmless before its result reaches the database.
 */
const TTL_SECONDS = 180 * 24 * 3600;

const sentKey = (prefix: string, deliveryId: number) => `${prefix}:guard:sent:${deliveryId}`;
const cancelledKey = (prefix: string, digestId: number) => `${prefix}:guard:cancelled:${digestId}`;

/** The Message-ID the SMTP server accepted for this delivery, or null when it was never sent. */
export async function sentMessageId(redis: Redis, prefix: string, deliveryId: number): Promise<string | null> {
  return redis.get(sentKey(prefix, deliveryId));
}

/** Records that the SMTP server accepted this delivery. */
export async function markSent(redis: Redis, prefix: string, deliveryId: number, messageId: string): Promise<void> {
  await redis.set(sentKey(prefix, deliveryId), messageId, 'EX', TTL_SECONDS);
}

export async function markDigestCancelled(redis: Redis, prefix: string, digestId: number): Promise<void> {
  await redis.set(cancelledKey(prefix, digestId), '1', 'EX', TTL_SECONDS);
}

export async function isDigestCancelled(redis: Redis, prefix: string, digestId: number): Promise<boolean> {
  return (await redis.exists(cancelledKey(prefix, digestId))) === 1;
}

const withdrawnKey = (prefix: string, deliveryId: number) => `${prefix}:guard:withdrawn:${deliveryId}`;

/** Marks deliveries whose reader left (unsubscribed, paused, erased) after their email was composed. */
export async function markWithdrawn(redis: Redis, prefix: string, deliveryIds: number[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const pipeline = redis.pipeline();
  for (const id of deliveryIds) pipeline.set(withdrawnKey(prefix, id), '1', 'EX', TTL_SECONDS);
  await pipeline.exec();
}

export async function isWithdrawn(redis: Redis, prefix: string, deliveryId: number): Promise<boolean> {
  return (await redis.exists(withdrawnKey(prefix, deliveryId))) === 1;
}
