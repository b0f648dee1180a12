import { and, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { idsJson, inJsonList, preparedPerDb, valueSlot } from '../db/prepared.js';
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
  planDeliveries(db, [row]);
}

/** A reader's row as planning makes it: planned with a profile, or skipped with the reason. */
export type PlannedRow =
  | { digestId: number; subscriberId: number; email: string; messageId: string; profileKey: string; itemIds: number[] }
  | { digestId: number; subscriberId: number; email: string; messageId: string; status: 'skipped'; error: string };

const insertDelivery = preparedPerDb((db) =>
  db
    .insert(deliveries)
    .values({
      digestId: sql.placeholder('digestId'),
      subscriberId: sql.placeholder('subscriberId'),
      email: sql.placeholder('email'),
      messageId: sql.placeholder('messageId'),
      profileKey: sql.placeholder('profileKey'),
      itemIds: sql.placeholder('itemIds'),
      status: sql.placeholder('status'),
      error: sql.placeholder('error'),
    })
    .prepare(),
);

/**
 * Plans (or skips) a page of readers, one prepared insert per row: building the SQL of each insert
 * (one row each, or 500 rows a statement) was most of what planning cost.
 */
export function planDeliveries(db: DbOrTx, rows: readonly PlannedRow[]): void {
  const insert = insertDelivery(db);
  for (const row of rows) {
    const { digestId, subscriberId, email, messageId } = row;
    if ('status' in row) insert.run({ digestId, subscriberId, email, messageId, profileKey: null, itemIds: [], status: row.status, error: row.error });
    else insert.run({ digestId, subscriberId, email, messageId, profileKey: row.profileKey, itemIds: row.itemIds, status: 'planned', error: null });
  }
}

/** Records a reader this digest leaves out, and why (nothing new for them, or already served this period). */
export function skipDelivery(db: DbOrTx, row: { digestId: number; subscriberId: number; email: string; messageId: string; reason: string }): void {
  const { reason, ...rest } = row;
  planDeliveries(db, [{ ...rest, status: 'skipped', error: reason }]);
}

// The fields a composed profile writes on its readers' rows, as placeholders.
const composedFields = () => ({
  subject: valueSlot<string>('subject'),
  itemIds: valueSlot<number[]>('itemIds'),
  composedWith: valueSlot<ComposedWith>('composedWith'),
  updatedAt: valueSlot<Date>('now'),
});
const ofProfile = () =>
  and(eq(deliveries.digestId, sql.placeholder('digestId')), eq(deliveries.profileKey, sql.placeholder('profileKey')), isNotNull(deliveries.subscriberId));
// Two statements, each on the (digest, profile, state) index: an OR of states would scan the whole digest.
const composePlanned = preparedPerDb((db) =>
  db
    .update(deliveries)
    .set({ status: 'composed', ...composedFields() })
    .where(and(ofProfile(), eq(deliveries.status, 'planned')))
    .prepare(),
);
const describeSentFirst = preparedPerDb((db) =>
  db
    .update(deliveries)
    .set(composedFields())
    .where(and(ofProfile(), eq(deliveries.status, 'sent'), isNull(deliveries.composedWith)))
    .prepare(),
);

/**
 * A profile's email is composed (planned → composed) for every reader of it still planned and still on
 * file: one statement for the whole profile. The email itself is the profile's render (digest_profiles),
 * filled per reader when it is sent or previewed, so nothing per reader is written but the state. A row a
 * 'sent' report reached first keeps 'sent' and still learns what it was sent with.
 */
export function markProfileComposed(
  db: DbOrTx,
  profile: { digestId: number; profileKey: string; subject: string; itemIds: number[]; composedWith: ComposedWith },
  now = new Date(),
): number {
  const values = { ...profile, now };
  return composePlanned(db).run(values).changes + describeSentFirst(db).run(values).changes;
}

/** A profile composed again in review (an editor asked the model again): its waiting readers' rows say what the new email shows. */
export function updateComposedOfProfile(
  db: DbOrTx,
  profile: { digestId: number; profileKey: string; subject: string; itemIds: number[]; composedWith: ComposedWith },
  now = new Date(),
): number {
  return db
    .update(deliveries)
    .set({ subject: profile.subject, itemIds: profile.itemIds, composedWith: profile.composedWith, updatedAt: now })
    .where(and(eq(deliveries.digestId, profile.digestId), eq(deliveries.profileKey, profile.profileKey), eq(deliveries.status, 'composed')))
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

const sentBatch = preparedPerDb((db) =>
  db
    .update(deliveries)
    .set({ status: 'sent', attempts: valueSlot<number>('attempts'), sentAt: valueSlot<Date>('now'), error: null, updatedAt: valueSlot<Date>('now') })
    .where(and(inJsonList(deliveries.id, 'ids'), inArray(deliveries.status, [...SENT_WINS_OVER])))
    .prepare(),
);

/** A send job's accepted emails, in one statement (see recordSent). */
export function recordSentBatch(db: DbOrTx, sent: { deliveryIds: number[]; attempts: number }, now = new Date()): number {
  if (sent.deliveryIds.length === 0) return 0;
  return sentBatch(db).run({ ids: idsJson(sent.deliveryIds), attempts: sent.attempts, now }).changes;
}

const sendFailed = preparedPerDb((db) =>
  db
    .update(deliveries)
    .set({ status: 'failed', error: valueSlot<string>('error'), attempts: valueSlot<number>('attempts'), updatedAt: valueSlot<Date>('now') })
    .where(and(eq(deliveries.id, sql.placeholder('deliveryId')), inArray(deliveries.status, [...WAITING_STATUSES])))
    .prepare(),
);

/** Sending failed for good (the server refused it, or every attempt failed). Never undoes a 'sent'. */
export function recordSendFailed(db: DbOrTx, failed: { deliveryId: number; error: string; attempts: number }, now = new Date()): number {
  return sendFailed(db).run({ deliveryId: failed.deliveryId, error: failed.error.slice(0, ERROR_LENGTH), attempts: failed.attempts, now }).changes;
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

/** Found at compose time: readers who left or paused after planning get nothing composed (one statement for the digest). */
export function cancelReadersWhoLeft(db: DbOrTx, digestId: number, now = new Date()): number {
  const gone = db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(or(ne(subscribers.status, 'active'), eq(subscribers.paused, true)));
  return db
    .update(deliveries)
    .set({ status: 'cancelled', error: 'reader left or paused before sending', updatedAt: now })
    .where(
      and(eq(deliveries.digestId, digestId), eq(deliveries.status, 'planned'), or(isNull(deliveries.subscriberId), inArray(deliveries.subscriberId, gone))),
    )
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
 * An editor retries a digest's failed sends (failed → composed): only those whose email was composed
 * and whose reader is still active and not paused. Attempts are kept, the error goes; a sent delivery is
 * never touched. They leave their send batch: the retry queues them in new ones, under new job ids.
 */
export function retryFailedSends(db: DbOrTx, digestId: number, now = new Date()): number {
  const stillReading = db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(eq(subscribers.status, 'active'), eq(subscribers.paused, false)));
  return db
    .update(deliveries)
    .set({ status: 'composed', error: null, sendBatch: null, updatedAt: now })
    .where(
      and(
        eq(deliveries.digestId, digestId),
        eq(deliveries.status, 'failed'),
        isNotNull(deliveries.composedWith),
        inArray(deliveries.subscriberId, stillReading),
      ),
    )
    .run().changes;
}
