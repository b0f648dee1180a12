import { eq } from 'drizzle-orm';
import { type BounceEventExport, bounceEventsForExport } from '../bounces/bounce-repository.js';
import type { Db } from '../db/client.js';
import { consentRecords, subscribers } from '../db/schema.js';
import { deliveriesForExport, type DeliveryExport } from '../deliveries/delivery-repository.js';
import { eraseCopies } from '../deliveries/delivery-transitions.js';
import { emailHash } from './email-address.js';
import { addConsentRecord, consentRecordsOf, getSubscriber, topicSlugsOf } from './subscriber-repository.js';
import { toConsentRecordView, toSubscriberView, type ConsentRecordView, type SubscriberView } from './subscriber-view.js';

/** Everything stored about one reader, for "download my data". */
export interface SubscriberExport {
  exportedAt: string;
  subscriber: SubscriberView;
  consentRecords: ConsentRecordView[];
  deliveries: DeliveryExport[];
  /** Bounces and complaints received about the reader's address. */
  bounceEvents: BounceEventExport[];
}

/** Collects a subscriber's row, topics, consent log, digest deliveries and bounce events. */
export function exportSubscriberData(db: Db, secret: string, id: number, now = new Date()): SubscriberExport {
  const row = getSubscriber(db, id);
  return {
    exportedAt: now.toISOString(),
    subscriber: toSubscriberView(row, topicSlugsOf(db, id)),
    consentRecords: consentRecordsOf(db, emailHash(secret, row.email)).map(toConsentRecordView),
    deliveries: deliveriesForExport(db, id),
    bounceEvents: bounceEventsForExport(db, id),
  };
}

/**
 * Erases a subscriber: the row and topics go; the consent log stays as proof but loses everything that
 * names the person (only the keyed hash of the address is left); stored digest copies lose their text.
 * `by` says who asked (the reader or an admin) and is kept on the anonymous 'erase' record.
 */
export function eraseSubscriber(db: Db, secret: string, id: number, by: 'reader' | 'admin', now = new Date()): void {
  db.transaction((tx) => {
    const row = getSubscriber(tx, id);
    const hash = emailHash(secret, row.email);
    tx.update(consentRecords).set({ subscriberId: null, ip: null, userAgent: null }).where(eq(consentRecords.subscriberId, id)).run();
    eraseCopies(tx, id);
    tx.delete(subscribers).where(eq(subscribers.id, id)).run();
    addConsentRecord(tx, { subscriberId: null, emailHash: hash, event: 'erase', at: now, form: by === 'admin' ? 'admin-api' : 'preferences-page' });
  });
}
