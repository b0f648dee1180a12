import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { deliveries, digests } from '../db/schema.js';
import type { DeliveryStatus } from '../domain/statuses.js';
import { getDigest } from './digest-repository.js';

/** Delivery states that still wait for something: a dry run is done with a reader once it is composed. */
export function waitingStates(dryRun: boolean): DeliveryStatus[] {
  return dryRun ? ['planned', 'sending'] : ['planned', 'composed', 'sending'];
}

/** Closes a digest once no delivery is waiting any more. */
export function finishIfDone(db: DbOrTx, digestId: number, now = new Date()): void {
  const digest = getDigest(db, digestId);
  const waiting = db
    .select({ n: sql<number>`count(*)` })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), inArray(deliveries.status, waitingStates(digest.dryRun))))
    .get()!.n;
  if (waiting > 0) return;
  db.update(digests)
    .set({ status: 'sent', finishedAt: now })
    .where(and(eq(digests.id, digestId), inArray(digests.status, ['planned', 'composing', 'sending'])))
    .run();
}
