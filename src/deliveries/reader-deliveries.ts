import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { deliveries, digests } from '../db/schema.js';
import type { DeliveryStatus } from '../domain/statuses.js';

/** One digest email meant for a reader, as the console's subscriber page lists it. */
export interface ReaderDelivery {
  digestId: number;
  period: string;
  status: DeliveryStatus;
  attempts: number;
  sentAt: Date | null;
  error: string | null;
}

/** A reader's deliveries, newest digest first, with their error (the data export leaves errors out). */
export function readerDeliveries(db: DbOrTx, subscriberId: number, limit = 100): ReaderDelivery[] {
  return db
    .select({
      digestId: deliveries.digestId,
      period: digests.period,
      status: deliveries.status,
      attempts: deliveries.attempts,
      sentAt: deliveries.sentAt,
      error: deliveries.error,
    })
    .from(deliveries)
    .innerJoin(digests, eq(digests.id, deliveries.digestId))
    .where(eq(deliveries.subscriberId, subscriberId))
    .orderBy(desc(deliveries.digestId))
    .limit(limit)
    .all();
}
