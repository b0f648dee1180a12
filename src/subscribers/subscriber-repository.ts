import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { consentRecords, subscribers, subscriberTopics, topics } from '../db/schema.js';
import { NotFoundError } from '../errors.js';

export type Subscriber = typeof subscribers.$inferSelect;
export type ConsentRecord = typeof consentRecords.$inferSelect;
export type ConsentEvent = ConsentRecord['event'];
export type { DbOrTx };

/** How long one address waits before another confirmation or manage-link email may go out. */
export const LINK_MAIL_INTERVAL_MS = 5 * 60 * 1000;

/** Where a request came from, kept with consent events. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** The subscriber with this (normalised) address, if any: signup and the manage link start from the address. */
export function findSubscriberByEmail(db: DbOrTx, email: string): Subscriber | undefined {
  return db.select().from(subscribers).where(eq(subscribers.email, email)).get();
}

/** The subscriber with this id, if any: for callers to whom a missing row is an answer, not an error (an erased reader's link). */
export function findSubscriber(db: DbOrTx, id: number): Subscriber | undefined {
  return db.select().from(subscribers).where(eq(subscribers.id, id)).get();
}

/** The subscriber a link or admin call names; a missing one is a 404. */
export function getSubscriber(db: DbOrTx, id: number): Subscriber {
  const row = findSubscriber(db, id);
  if (!row) throw new NotFoundError(`Subscriber ${id} does not exist`);
  return row;
}

/** The slugs of a subscriber's topics, in form order. */
export function topicSlugsOf(db: DbOrTx, subscriberId: number): string[] {
  return db
    .select({ slug: topics.slug })
    .from(subscriberTopics)
    .innerJoin(topics, eq(topics.id, subscriberTopics.topicId))
    .where(eq(subscriberTopics.subscriberId, subscriberId))
    .orderBy(asc(topics.position), asc(topics.slug))
    .all()
    .map((r) => r.slug);
}

/** Replaces a subscriber's topics with the given (already checked) slugs. */
export function replaceTopics(db: DbOrTx, subscriberId: number, slugs: readonly string[]): void {
  db.delete(subscriberTopics).where(eq(subscriberTopics.subscriberId, subscriberId)).run();
  if (slugs.length === 0) return;
  const ids = db
    .select({ id: topics.id })
    .from(topics)
    .where(inArray(topics.slug, [...slugs]))
    .all();
  if (ids.length === 0) return;
  db.insert(subscriberTopics)
    .values(ids.map((t) => ({ subscriberId, topicId: t.id })))
    .run();
}

/** Appends one event to the consent log. */
export function addConsentRecord(
  db: DbOrTx,
  record: {
    subscriberId: number | null;
    emailHash: string;
    event: ConsentEvent;
    at: Date;
    form?: string | null;
    consentText?: string | null;
    consentVersion?: string | null;
    origin?: RequestOrigin;
  },
): void {
  db.insert(consentRecords)
    .values({
      subscriberId: record.subscriberId,
      emailHash: record.emailHash,
      event: record.event,
      at: record.at,
      form: record.form ?? null,
      consentText: record.consentText ?? null,
      consentVersion: record.consentVersion ?? null,
      ip: record.origin?.ip ?? null,
      userAgent: record.origin?.userAgent ?? null,
    })
    .run();
}

/** Every consent event of one address (by its keyed hash), oldest first. */
export function consentRecordsOf(db: DbOrTx, emailHashHex: string): ConsentRecord[] {
  return db.select().from(consentRecords).where(eq(consentRecords.emailHash, emailHashHex)).orderBy(asc(consentRecords.id)).all();
}

/**
 * Claims the right to email a link to this subscriber now. A conditional update, so two requests at
 * once cannot both win: true at most once per LINK_MAIL_INTERVAL_MS.
 */
export function claimLinkMail(db: DbOrTx, subscriberId: number, now: Date): boolean {
  const result = db
    .update(subscribers)
    .set({ lastLinkSentAt: now })
    .where(
      and(
        eq(subscribers.id, subscriberId),
        or(isNull(subscribers.lastLinkSentAt), lt(subscribers.lastLinkSentAt, new Date(now.getTime() - LINK_MAIL_INTERVAL_MS))),
      ),
    )
    .run();
  return result.changes === 1;
}
