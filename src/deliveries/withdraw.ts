import type { AppContext } from '../context.js';
import { finishIfDone } from '../digests/digest-completion.js';
import { markWithdrawn } from '../jobs/delivery-guard.js';
import { unsentOfReader } from './delivery-repository.js';
import { withdrawDeliveries } from './delivery-transitions.js';

/**
 * A reader who unsubscribes, pauses or is erased while a digest is on its way gets nothing more from it:
 * their waiting deliveries are cancelled and marked, so the send worker drops them from whatever batch
 * carries them, queued or in flight (an erasure also takes the reader out of the batches themselves:
 * src/subscribers/erase-jobs.ts). Call it before erasing (erasure clears the delivery's subscriber id).
 */
export async function withdrawPendingDeliveries(ctx: Pick<AppContext, 'db' | 'redis' | 'queues' | 'config'>, subscriberId: number): Promise<number> {
  const pending = unsentOfReader(ctx.db, subscriberId);
  if (pending.length === 0) return 0;
  // The marks first: a send job already taken by a worker checks them just before SMTP.
  await markWithdrawn(
    ctx.redis,
    ctx.config.QUEUE_PREFIX,
    pending.map((p) => p.messageId),
  );
  withdrawDeliveries(
    ctx.db,
    pending.map((p) => p.id),
  );
  // This reader may have been the last one a digest was waiting for.
  for (const digestId of new Set(pending.map((p) => p.digestId))) finishIfDone(ctx.db, digestId);
  return pending.length;
}
