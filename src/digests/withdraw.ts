import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { deliveries, digests } from '../db/schema.js';
import { markWithdrawn } from '../jobs/delivery-guard.js';
import { finishIfDone } from './digest-completion.js';
import { sendJobId } from './digest-service.js';

/**
 * A reader who unsubscribes, pauses or is erased while a digest is on its way gets nothing more from it:
 * their waiting deliveries are cancelled, queued send jobs removed, and in-flight ones marked so the
 * send worker drops them. Call it before erasing (erasure clears the delivery's subscriber id).
 */
export async function withdrawPendingDeliveries(ctx: Pick<AppContext, 'db' | 'redis' | 'queues' | 'config'>, subscriberId: number): Promise<number> {
  const pending = ctx.db
    .select({ id: deliveries.id, digestId: deliveries.digestId, messageId: deliveries.messageId })
    .from(deliveries)
    .innerJoin(digests, eq(digests.id, deliveries.digestId))
    // A dry run sends nothing, so there is nothing to withdraw from it.
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(digests.dryRun, false), inArray(deliveries.status, ['planned', 'composed'])))
    .all();
  if (pending.length === 0) return 0;
  await markWithdrawn(ctx.redis, ctx.config.QUEUE_PREFIX, pending.map((p) => p.messageId));
  ctx.db
    .update(deliveries)
    .set({ status: 'cancelled', error: 'reader left before sending', updatedAt: new Date() })
    .where(and(inArray(deliveries.id, pending.map((p) => p.id)), inArray(deliveries.status, ['planned', 'composed'])))
    .run();
  await Promise.all(pending.map((p) => ctx.queues.send.remove(sendJobId(p.digestId, p.id)).catch(() => 0)));
  // This reader may have been the last one a digest was waiting for.
  for (const digestId of new Set(pending.map((p) => p.digestId))) finishIfDone(ctx.db, digestId);
  return pending.length;
}
