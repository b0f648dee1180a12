import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { subscribers } from '../db/schema.js';
import type { Language } from '../i18n/languages.js';
import { CONSENT_TEXT, CONSENT_VERSION } from './consent.js';
import { emailHash } from './email-address.js';
import { applyPendingSignup, dropPendingSignup, isPendingSignupLink, pendingSignupOf } from './signup.js';
import { addConsentRecord, getSubscriber, replaceTopics, type RequestOrigin, type Subscriber } from './subscriber-repository.js';

/** What happened to a confirm or unsubscribe request; the pages show the same success either way. */
export type TransitionOutcome = 'changed' | 'already' | 'not-applicable';

/**
 * Double opt-in: pending → active, once. With the `signup` value of the link sent for a signup whose
 * choices wait (pending_signups), also unsubscribed → active, and those choices are applied; an older
 * link confirms the reader as they are. A repeated confirm changes nothing.
 */
export function confirmSubscriber(db: Db, secret: string, id: number, origin: RequestOrigin, now = new Date(), signupNonce?: string): TransitionOutcome {
  return db.transaction((tx) => {
    const row = getSubscriber(tx, id);
    const forPending = isPendingSignupLink(pendingSignupOf(tx, id), signupNonce);
    const from: Array<Subscriber['status']> = forPending ? ['pending', 'unsubscribed'] : ['pending'];
    const result = tx
      .update(subscribers)
      .set({ status: 'active', paused: false, confirmedAt: now, unsubscribedAt: null, updatedAt: now })
      .where(and(eq(subscribers.id, id), inArray(subscribers.status, from)))
      .run();
    if (result.changes === 0) return row.status === 'active' ? 'already' : 'not-applicable';
    if (forPending) applyPendingSignup(tx, id, now);
    else dropPendingSignup(tx, id);
    addConsentRecord(tx, { subscriberId: id, emailHash: emailHash(secret, row.email), event: 'confirm', at: now, origin });
    return 'changed';
  });
}

/** Stops all list mail to a subscriber; a repeated unsubscribe changes nothing. */
export function unsubscribeSubscriber(db: Db, secret: string, id: number, origin: RequestOrigin, form: string, now = new Date()): TransitionOutcome {
  return db.transaction((tx) => {
    const row = getSubscriber(tx, id);
    const result = tx
      .update(subscribers)
      .set({ status: 'unsubscribed', unsubscribedAt: now, updatedAt: now })
      .where(and(eq(subscribers.id, id), inArray(subscribers.status, ['pending', 'active'])))
      .run();
    if (result.changes === 0) return 'already';
    addConsentRecord(tx, { subscriberId: id, emailHash: emailHash(secret, row.email), event: 'unsubscribe', at: now, form, origin });
    return 'changed';
  });
}

/**
 * Subscribes again from the preference page. The signed link proves the reader holds the mailbox, so
 * this goes straight to active (no second opt-in), with a fresh consent record.
 */
export function resubscribeSubscriber(
  db: Db,
  secret: string,
  id: number,
  origin: RequestOrigin,
  consentLanguage: Language,
  now = new Date(),
): TransitionOutcome {
  return db.transaction((tx) => {
    const row = getSubscriber(tx, id);
    const result = tx
      .update(subscribers)
      .set({ status: 'active', paused: false, confirmedAt: now, unsubscribedAt: null, updatedAt: now })
      .where(and(eq(subscribers.id, id), inArray(subscribers.status, ['unsubscribed', 'bounced', 'complained'])))
      .run();
    if (result.changes === 0) return 'already';
    addConsentRecord(tx, {
      subscriberId: id,
      emailHash: emailHash(secret, row.email),
      event: 'resubscribe',
      at: now,
      form: 'preferences-page',
      consentText: CONSENT_TEXT[consentLanguage],
      consentVersion: CONSENT_VERSION,
      origin,
    });
    return 'changed';
  });
}

/**
 * A hard bounce: the mail server refused the reader's address, so later digests skip them (active →
 * bounced) until they subscribe again. Runs inside the transaction that records the failed send; true
 * when the status changed.
 */
export function markBounced(db: DbOrTx, id: number, now = new Date()): boolean {
  const result = db
    .update(subscribers)
    .set({ status: 'bounced', updatedAt: now })
    .where(and(eq(subscribers.id, id), eq(subscribers.status, 'active')))
    .run();
  return result.changes === 1;
}

/**
 * A spam complaint (a feedback report from the reader's provider): mail to them stops at once (active or
 * bounced → complained) until they subscribe again. True when the status changed.
 */
export function markComplained(db: DbOrTx, id: number, now = new Date()): boolean {
  const result = db
    .update(subscribers)
    .set({ status: 'complained', updatedAt: now })
    .where(and(eq(subscribers.id, id), inArray(subscribers.status, ['active', 'bounced'])))
    .run();
  return result.changes === 1;
}

/** The choices a reader can change on the preference page; without a language the current one stays. */
export interface PreferencesInput {
  name: string | null;
  language?: Language;
  topics: readonly string[];
  paused: boolean;
}

/** Saves a reader's choices (status is left alone: pausing is a flag, not a state). */
export function updatePreferences(db: Db, id: number, input: PreferencesInput, now = new Date()): void {
  db.transaction((tx) => {
    const row = getSubscriber(tx, id);
    tx.update(subscribers)
      .set({ name: input.name, language: input.language ?? row.language, paused: input.paused, updatedAt: now })
      .where(eq(subscribers.id, id))
      .run();
    replaceTopics(tx, id, input.topics);
  });
}
