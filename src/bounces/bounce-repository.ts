import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { bounceEvents, deliveries, digests, subscribers } from '../db/schema.js';
import type { BounceEventKind } from './bounce-kinds.js';

/** A stored bounce or complaint. */
export type BounceEvent = typeof bounceEvents.$inferSelect;
export type NewBounceEvent = typeof bounceEvents.$inferInsert;

/** The delivery (and its reader) an event is about. */
export interface DeliveryTarget {
  deliveryId: number;
  subscriberId: number | null;
  digestId: number;
}

const target = { deliveryId: deliveries.id, subscriberId: deliveries.subscriberId, digestId: deliveries.digestId };

/** Stores an event; null when the same message (source + Message-ID) was stored before. */
export function insertBounceEvent(db: DbOrTx, event: NewBounceEvent): number | null {
  const row = db.insert(bounceEvents).values(event).onConflictDoNothing().returning({ id: bounceEvents.id }).get();
  return row?.id ?? null;
}

/** A delivery by id. */
export function deliveryById(db: DbOrTx, id: number): DeliveryTarget | undefined {
  return db.select(target).from(deliveries).where(eq(deliveries.id, id)).get();
}

/**
 * A delivery by the Message-ID its email went out with. Digest ids (`<digest-N.…>`) name their digest,
 * which narrows the search to that digest's rows (indexed) instead of the whole table.
 */
export function deliveryByMessageId(db: DbOrTx, messageId: string): DeliveryTarget | undefined {
  const digest = /^<digest-(\d{1,15})\./.exec(messageId);
  const where = digest ? and(eq(deliveries.digestId, Number(digest[1])), eq(deliveries.messageId, messageId)) : eq(deliveries.messageId, messageId);
  return db.select(target).from(deliveries).where(where).get();
}

/** The reader with this (normalised) address, and their latest delivery that went out, if any. */
export function readerByAddress(db: DbOrTx, email: string): { subscriberId: number; deliveryId: number | null } | undefined {
  const reader = db.select({ id: subscribers.id }).from(subscribers).where(eq(subscribers.email, email)).get();
  if (!reader) return undefined;
  const latest = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .innerJoin(digests, eq(digests.id, deliveries.digestId))
    .where(and(eq(deliveries.subscriberId, reader.id), eq(deliveries.status, 'sent'), eq(digests.dryRun, false)))
    .orderBy(desc(deliveries.digestId))
    .limit(1)
    .get();
  return { subscriberId: reader.id, deliveryId: latest?.id ?? null };
}

/** How many digests in a row with a soft bounce make a reader bounced. */
export const SOFT_BOUNCE_STREAK = 3;

/**
 * The soft-bounce rule's measure: the longest run of the reader's consecutive digests with a bounce that
 * contains this delivery's digest. The digests counted are the reader's deliveries in real digests that
 * went out (status `sent`; the anchor delivery counts whatever its status), in digest order; one with a
 * bounce event (soft or hard, any number of them) continues the run, one without was delivered and ends
 * it; deliveries that never went out (skipped, failed, cancelled) are passed over. A late bounce for an
 * older digest can complete a run with newer ones, so both sides of the anchor are read (at most
 * SOFT_BOUNCE_STREAK - 1 each way).
 */
export function softBounceStreak(db: DbOrTx, subscriberId: number, anchor: DeliveryTarget): number {
  // Spelled out: drizzle drops the table name from columns of a one-table select, and a bare "id" inside
  // the subquery would be the event's.
  const bounced = sql<number>`exists (select 1 from bounce_events be where be.delivery_id = "deliveries"."id" and be.kind in ('soft-bounce', 'hard-bounce'))`;
  const side = (newer: boolean) =>
    db
      .select({ bounced })
      .from(deliveries)
      .innerJoin(digests, eq(digests.id, deliveries.digestId))
      .where(
        and(
          eq(deliveries.subscriberId, subscriberId),
          eq(digests.dryRun, false),
          eq(deliveries.status, 'sent'),
          newer ? gt(deliveries.digestId, anchor.digestId) : lt(deliveries.digestId, anchor.digestId),
        ),
      )
      .orderBy(newer ? asc(deliveries.digestId) : desc(deliveries.digestId))
      .limit(SOFT_BOUNCE_STREAK - 1)
      .all();
  const run = (rows: Array<{ bounced: number }>) => {
    const end = rows.findIndex((r) => !r.bounced);
    return end === -1 ? rows.length : end;
  };
  const anchorBounced = db.select({ bounced }).from(deliveries).where(eq(deliveries.id, anchor.deliveryId)).get()?.bounced;
  if (!anchorBounced) return 0;
  return run(side(false)) + 1 + run(side(true));
}

/** One event as the console and the data export show it: with the period of the digest it was about. */
export interface ReaderBounceEvent {
  kind: BounceEventKind;
  status: string | null;
  diagnostic: string | null;
  recipient: string | null;
  source: BounceEvent['source'];
  matchedBy: BounceEvent['matchedBy'];
  receivedAt: Date;
  digestId: number | null;
  period: string | null;
}

/** A reader's events, newest first. */
export function bounceEventsOfReader(db: DbOrTx, subscriberId: number, limit = 100): ReaderBounceEvent[] {
  return db
    .select({
      kind: bounceEvents.kind,
      status: bounceEvents.status,
      diagnostic: bounceEvents.diagnostic,
      recipient: bounceEvents.recipient,
      source: bounceEvents.source,
      matchedBy: bounceEvents.matchedBy,
      receivedAt: bounceEvents.receivedAt,
      digestId: deliveries.digestId,
      period: digests.period,
    })
    .from(bounceEvents)
    .leftJoin(deliveries, eq(deliveries.id, bounceEvents.deliveryId))
    .leftJoin(digests, eq(digests.id, deliveries.digestId))
    .where(eq(bounceEvents.subscriberId, subscriberId))
    .orderBy(desc(bounceEvents.receivedAt), desc(bounceEvents.id))
    .limit(limit)
    .all();
}

/** A digest's bounce figures: how many of its deliveries hard-bounced, soft-bounced, or drew a complaint. */
export interface DigestBounceCounts {
  hardBounces: number;
  softBounces: number;
  complaints: number;
}

/** Counts a digest's deliveries with each kind of event (a delivery with two soft bounces counts once). */
export function digestBounceCounts(db: DbOrTx, digestId: number): DigestBounceCounts {
  const rows = db
    .select({ kind: bounceEvents.kind, n: sql<number>`count(distinct ${bounceEvents.deliveryId})` })
    .from(bounceEvents)
    .innerJoin(deliveries, eq(deliveries.id, bounceEvents.deliveryId))
    .where(eq(deliveries.digestId, digestId))
    .groupBy(bounceEvents.kind)
    .all();
  const n = (kind: BounceEventKind) => rows.find((r) => r.kind === kind)?.n ?? 0;
  return { hardBounces: n('hard-bounce'), softBounces: n('soft-bounce'), complaints: n('complaint') };
}

/** One bounce or complaint as "download my data" gives it. */
export interface BounceEventExport {
  kind: BounceEventKind;
  status: string | null;
  diagnostic: string | null;
  recipient: string | null;
  source: BounceEvent['source'];
  receivedAt: string;
  period: string | null;
}

/** Every event kept about a reader, oldest first, for their data export. */
export function bounceEventsForExport(db: DbOrTx, subscriberId: number): BounceEventExport[] {
  return bounceEventsOfReader(db, subscriberId, Number.MAX_SAFE_INTEGER)
    .reverse()
    .map((e) => ({
      kind: e.kind,
      status: e.status,
      diagnostic: e.diagnostic,
      recipient: e.recipient,
      source: e.source,
      receivedAt: e.receivedAt.toISOString(),
      period: e.period,
    }));
}
