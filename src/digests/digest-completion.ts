import { and, eq, notExists } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { deliveries, digests } from '../db/schema.js';
import { isWaitingForAny } from '../deliveries/delivery-repository.js';
import { closeDigestAsSent, getDigest } from './digest-repository.js';

/**
 * Moves a digest that needs review from composing to review once no reader waits to be composed (a
 * conditional update: only one caller sees the change). Returns whether this call moved it.
 */
export function moveToReviewIfComposed(db: DbOrTx, digestId: number): boolean {
  const planned = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.status, 'planned')));
  return (
    db
      .update(digests)
      .set({ status: 'review' })
      .where(and(eq(digests.id, digestId), eq(digests.status, 'composing'), eq(digests.reviewRequired, true), notExists(planned)))
      .run().changes > 0
  );
}

/**
 * Closes a digest once no delivery is waiting any more; a digest that needs review moves to `review`
 * once every reader is composed instead. A digest in review is never closed here: an editor decides.
 * Returns what happened.
 */
export function finishIfDone(db: DbOrTx, digestId: number, now = new Date()): 'sent' | 'review' | null {
  const digest = getDigest(db, digestId);
  if (digest.status === 'review') return null;
  if (!isWaitingForAny(db, digestId, digest.dryRun)) return closeDigestAsSent(db, digestId, now) > 0 ? 'sent' : null;
  if (digest.reviewRequired && digest.status === 'composing' && moveToReviewIfComposed(db, digestId)) return 'review';
  return null;
}
