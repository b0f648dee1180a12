import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { deliveries, subscribers } from '../db/schema.js';
import type { ComposedWith } from '../domain/statuses.js';
import { SENT_WINS_OVER, UNSENT_STATUSES, WAITING_STATUSES } from './delivery-statuses.js';

/**
 * Every write to the deliveries table, one named transition each. Each is a conditional update that
 * names the states it starts from, so a report that arrives twice, late or out of order changes nothing
 * it should not; each returns how many rows it changed.
 */

const ERROR_LENGTH = 1000;

/** Plans one reader's email: the row that makes the send idempotent from here on. */
export function planDelivery(
  db: DbOrTx,
  row: { digestId: number; subscriberId: number; email: string; profileKey: string; itemIds: number[]; messageId: string },
): void {
  db.insert(deliveries).values(row).run();
}

/** Records a reader this digest leaves out, and why (nothing new for them, or already served this period). */
export function skipDelivery(db: DbOrTx, row: { digestId: number; subscriberId: number; email: string; messageId: string; reason: string }): void {
  const { reason, ...rest } = row;
  db.insert(deliveries)
    .values({ ...rest, status: 'skipped', error: reason })
    .run();
}

/**
 * Stores the exact email a reader gets (planned → composed). Keyed on "no copy stored yet" rather than on
 * status, so a copy still lands on a delivery a 'sent' report or a cancel reached first; only 'planned'
 * moves to 'composed'. Never on an erased reader's row (no subscriber any more): a compose result that
 * arrives after the erasure must not write their name and links back.
 */
export function storeComposedCopy(
  db: DbOrTx,
  copy: { digestId: number; deliveryId: number; subject: string; html: string; text: string; itemIds: number[]; composedWith: ComposedWith },
  now = new Date(),
): number {
  return db
    .update(deliveries)
    .set({
      status: sql`CASE WHEN ${deliveries.status} = 'planned' THEN 'composed' ELSE ${deliveries.status} END`,
      subject: copy.subject,
      html: copy.html,
      text: copy.text,
      itemIds: copy.itemIds,
      composedWith: copy.composedWith,
      updatedAt: now,
    })
    .where(and(eq(deliveries.id, copy.deliveryId), eq(deliveries.digestId, copy.digestId), isNull(deliveries.html), isNotNull(deliveries.subscriberId)))
    .run().changes;
}

/** The SMTP server accepted the email. Wins over a cancel or a failure that came first (see SENT_WINS_OVER). */
export function recordSent(db: DbOrTx, sent: { deliveryId: number; messageId: string; attempts: number }, now = new Date()): number {
  return db
    .update(deliveries)
    .set({ status: 'sent', messageId: sent.messageId, attempts: sent.attempts, sentAt: now, error: null, updatedAt: now })
    .where(and(eq(deliveries.id, sent.deliveryId), inArray(deliveries.status, [...SENT_WINS_OVER])))
    .run().changes;
}

/** Sending failed for good (the server refused it, or every attempt failed). Never undoes a 'sent'. */
export function recordSendFailed(db: DbOrTx, failed: { deliveryId: number; error: string; attempts: number }, now = new Date()): number {
  return db
    .update(deliveries)
    .set({ status: 'failed', error: failed.error.slice(0, ERROR_LENGTH), attempts: failed.attempts, updatedAt: now })
    .where(and(eq(deliveries.id, failed.deliveryId), inArray(deliveries.status, [...WAITING_STATUSES])))
    .run().changes;
}

/** A profile could not be composed: its readers still waiting for their email fail. */
export function failComposeOfProfile(db: DbOrTx, digestId: number, profileKey: string, error: string, now = new Date()): number {
  return db
    .update(deliveries)
    .set({ status: 'failed', error: error.slice(0, ERROR_LENGTH), updatedAt: now })
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.profileKey, profileKey), eq(deliveries.status, 'planned')))
    .run().changes;
}

/** The reader left (unsubscribed, paused, erased) while these were on their way: they are not sent. */
export function withdrawDeliveries(db: DbOrTx, deliveryIds: number[], now = new Date()): number {
  if (deliveryIds.length === 0) return 0;
  return db
    .update(deliveries)
    .set({ status: 'cancelled', error: 'reader left before sending', updatedAt: now })
    .where(and(inArray(deliveries.id, deliveryIds), inArray(deliveries.status, [...UNSENT_STATUSES])))
    .run().changes;
}

/** The digest was cancelled or failed: whatever it has not sent yet is cancelled. */
export function cancelWaitingDeliveries(db: DbOrTx, digestId: number, because: 'digest cancelled' | 'digest failed', now = new Date()): number {
  return db
    .update(deliveries)
    .set({ status: 'cancelled', error: because, updatedAt: now })
    .where(and(eq(deliveries.digestId, digestId), inArray(deliveries.status, [...UNSENT_STATUSES])))
    .run().changes;
}

/** Found at compose time: the reader left or paused after planning, so nothing is composed for them. */
export function cancelReaderLeft(db: DbOrTx, deliveryId: number, now = new Date()): number {
  return db
    .update(deliveries)
    .set({ status: 'cancelled', error: 'reader left or paused before sending', updatedAt: now })
    .where(and(eq(deliveries.id, deliveryId), eq(deliveries.status, 'planned')))
    .run().changes;
}

/** Found at compose time: every item of the profile was deleted since planning, so there is nothing to tell its readers. */
export function cancelItemsDeleted(db: DbOrTx, digestId: number, profileKey: string, now = new Date()): number {
  return db
    .update(deliveries)
    .set({ status: 'cancelled', error: 'its items were deleted before sending', updatedAt: now })
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.profileKey, profileKey), eq(deliveries.status, 'planned')))
    .run().changes;
}

/**
 * What erasure does to a reader's stored copies: the address and the email's text go, the row stays so
 * the digest's counts and its status history still add up. Whatever the status.
 */
export function eraseCopies(db: DbOrTx, subscriberId: number): number {
  return db.update(deliveries).set({ email: 'erased', html: null, text: null, subject: null }).where(eq(deliveries.subscriberId, subscriberId)).run().changes;
}

/**
 * An editor retries a digest's failed sends (failed → composed): only those with a stored email whose
 * reader is still active and not paused. Attempts are kept, the error goes; a sent delivery is never touched.
 */
export function retryFailedSends(db: DbOrTx, digestId: number, now = new Date()): number {
  const stillReading = db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(eq(subscribers.status, 'active'), eq(subscribers.paused, false)));
  return db
    .update(deliveries)
    .set({ status: 'composed', error: null, updatedAt: now })
    .where(
      and(
        eq(deliveries.digestId, digestId),
        eq(deliveries.status, 'failed'),
        isNotNull(deliveries.subject),
        isNotNull(deliveries.html),
        isNotNull(deliveries.text),
        inArray(deliveries.subscriberId, stillReading),
      ),
    )
    .run().changes;
}
