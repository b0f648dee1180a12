import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { deliveries, digests } from '../db/schema.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../domain/statuses.js';
import { UNSENT_STATUSES, waitingStates } from './delivery-statuses.js';

/**
 * Reads of the deliveries table. The writes are the named transitions in delivery-transitions.ts.
 */
export type Delivery = typeof deliveries.$inferSelect;

/** Counts a digest's deliveries by status (every status present, zero when none). */
export function deliveryCounts(db: DbOrTx, digestId: number): Record<DeliveryStatus, number> {
  const rows = db
    .select({ status: deliveries.status, n: sql<number>`count(*)` })
    .from(deliveries)
    .where(eq(deliveries.digestId, digestId))
    .groupBy(deliveries.status)
    .all();
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

const firstWaiting = (dryRun: boolean) =>
  preparedPerDb((db) =>
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.digestId, sql.placeholder('digestId')), inArray(deliveries.status, [...waitingStates(dryRun)])))
      .limit(1)
      .prepare(),
  );
const firstWaitingOf = { real: firstWaiting(false), dryRun: firstWaiting(true) };

/**
 * Whether a digest still waits for any of its deliveries (see waitingStates). Asked after every result,
 * so it stops at the first row found instead of counting them all.
 */
export function isWaitingForAny(db: DbOrTx, digestId: number, dryRun: boolean): boolean {
  return firstWaitingOf[dryRun ? 'dryRun' : 'real'](db).get({ digestId }) !== undefined;
}

/** One page of a digest's deliveries in id order, optionally of one status, and how many there are in all. */
export function deliveriesPage(
  db: DbOrTx,
  digestId: number,
  query: { status?: DeliveryStatus; page: number; limit: number },
): { rows: Delivery[]; total: number } {
  const where = and(eq(deliveries.digestId, digestId), query.status ? eq(deliveries.status, query.status) : undefined);
  const rows = db
    .select()
    .from(deliveries)
    .where(where)
    .orderBy(asc(deliveries.id))
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(deliveries).where(where).get()!.n;
  return { rows, total };
}

/** A reader's delivery in a digest, with its stored copy if there is one: what a preview shows. */
export function deliveryOfReader(db: DbOrTx, digestId: number, subscriberId: number): Delivery | undefined {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.subscriberId, subscriberId)))
    .get();
}

/** A reader's deliveries not sent yet in real digests (a dry run sends nothing, so nothing to withdraw there). */
export function unsentOfReader(db: DbOrTx, subscriberId: number): Array<{ id: number; digestId: number; messageId: string; sendBatch: number | null }> {
  return db
    .select({ id: deliveries.id, digestId: deliveries.digestId, messageId: deliveries.messageId, sendBatch: deliveries.sendBatch })
    .from(deliveries)
    .innerJoin(digests, eq(digests.id, deliveries.digestId))
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(digests.dryRun, false), inArray(deliveries.status, [...UNSENT_STATUSES])))
    .all();
}

/** Which of these readers already got the email of this period from a real digest (one that may since have been cancelled or failed). */
export function readersServedIn(db: DbOrTx, period: string, subscriberIds: readonly number[]): Set<number> {
  if (subscriberIds.length === 0) return new Set();
  const rows = db
    .select({ subscriberId: deliveries.subscriberId })
    .from(deliveries)
    .innerJoin(digests, eq(digests.id, deliveries.digestId))
    .where(and(eq(digests.period, period), eq(digests.dryRun, false), eq(deliveries.status, 'sent'), inArray(deliveries.subscriberId, [...subscriberIds])))
    .all();
  return new Set(rows.map((r) => r.subscriberId).filter((id): id is number => id !== null));
}

const readerOf = preparedPerDb((db) =>
  db
    .select({ subscriberId: deliveries.subscriberId })
    .from(deliveries)
    .where(eq(deliveries.id, sql.placeholder('deliveryId')))
    .prepare(),
);

/** The reader a delivery was for, or null when there is none (erased). */
export function readerOfDelivery(db: DbOrTx, deliveryId: number): number | null {
  return readerOf(db).get({ deliveryId })?.subscriberId ?? null;
}

/** One digest email meant for the reader, for "download my data": what and when, never the email itself. */
export interface DeliveryExport {
  digestId: number;
  period: string;
  status: string;
  subject: string | null;
  messageId: string;
  sentAt: string | null;
  composedWith: string | null;
}

/** A reader's deliveries in id order, with their digest's period, without the stored copy. */
export function deliveriesForExport(db: DbOrTx, subscriberId: number): DeliveryExport[] {
  return db
    .select({
      digestId: deliveries.digestId,
      period: digests.period,
      status: deliveries.status,
      subject: deliveries.subject,
      messageId: deliveries.messageId,
      sentAt: deliveries.sentAt,
      composedWith: deliveries.composedWith,
    })
    .from(deliveries)
    .innerJoin(digests, eq(digests.id, deliveries.digestId))
    .where(eq(deliveries.subscriberId, subscriberId))
    .orderBy(asc(deliveries.id))
    .all()
    .map((d) => ({ ...d, sentAt: d.sentAt ? d.sentAt.toISOString() : null }));
}
