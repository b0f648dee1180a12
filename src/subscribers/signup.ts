import { randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { pendingSignups, subscribers } from '../db/schema.js';
import type { Language } from '../i18n/languages.js';
import type { MailJob } from '../jobs/mail-job.js';
import { CONSENT_TEXT, CONSENT_VERSION } from './consent.js';
import { emailHash } from './email-address.js';
import { confirmMail, manageMail } from './link-mail.js';
import { addConsentRecord, claimLinkMail, findSubscriberByEmail, getSubscriber, replaceTopics, type RequestOrigin } from './subscriber-repository.js';

/** A checked signup, with the form it came from and the language of the consent text the reader saw. */
export interface SignupInput {
  email: string;
  name: string | null;
  language: Language;
  topics: readonly string[];
  form: string;
  consentLanguage: Language;
}

/** The choices a signup for a stored address left waiting for the confirmation link, if any. */
export function pendingSignupOf(db: DbOrTx, subscriberId: number) {
  return db.select().from(pendingSignups).where(eq(pendingSignups.subscriberId, subscriberId)).get();
}

/** Drops the choices waiting for a reader (an older link confirmed them as they were; the choices are moot). */
export function dropPendingSignup(db: DbOrTx, subscriberId: number): void {
  db.delete(pendingSignups).where(eq(pendingSignups.subscriberId, subscriberId)).run();
}

/** True when a confirmation link's `signup` value is the one sent for the choices waiting now. */
export function isPendingSignupLink(pending: { nonce: string } | undefined, nonce: string | undefined): boolean {
  if (!pending || typeof nonce !== 'string') return false;
  const a = Buffer.from(pending.nonce);
  const b = Buffer.from(nonce);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Applies the choices waiting for this reader's confirmation (name, language, topics) and drops them.
 * Called only by the confirmation through the link sent for them (see isPendingSignupLink).
 */
export function applyPendingSignup(db: DbOrTx, subscriberId: number, now: Date): boolean {
  const pending = pendingSignupOf(db, subscriberId);
  if (!pending) return false;
  db.update(subscribers).set({ name: pending.name, language: pending.language, updatedAt: now }).where(eq(subscribers.id, subscriberId)).run();
  replaceTopics(db, subscriberId, pending.topics);
  db.delete(pendingSignups).where(eq(pendingSignups.subscriberId, subscriberId)).run();
  return true;
}

/**
 * Records a signup and says which email (if any) to send. Whatever state the address is in, the caller
 * answers the same way; only the email differs: a new address is stored pending and gets a confirmation
 * link; a pending or formerly unsubscribed one keeps everything stored about it (name, language, topics,
 * status) and the new choices wait for the confirmation link sent to it (at most one per few minutes);
 * an active one gets a manage link and no change; bounced or complained ones nothing at all.
 */
export function signup(db: Db, config: Pick<Config, 'SECRET_KEY' | 'PUBLIC_URL'>, input: SignupInput, origin: RequestOrigin, now = new Date()): MailJob | null {
  const hash = emailHash(config.SECRET_KEY, input.email);
  return db.transaction((tx) => {
    const existing = findSubscriberByEmail(tx, input.email);
    // A mailbox that bounced or marked us as spam gets no more mail from a stranger's form, and its
    // status must not be reset to pending by one either; only the reader's own signed link can resubscribe.
    if (existing && (existing.status === 'bounced' || existing.status === 'complained')) return null;
    if (existing?.status === 'active') {
      if (!claimLinkMail(tx, existing.id, now)) return null;
      return manageMail(config.PUBLIC_URL, config.SECRET_KEY, existing);
    }
    let id: number;
    let nonce: string | undefined;
    if (!existing) {
      id = tx
        .insert(subscribers)
        .values({ email: input.email, name: input.name, language: input.language, createdAt: now, updatedAt: now })
        .returning({ id: subscribers.id })
        .get().id;
      replaceTopics(tx, id, input.topics);
    } else {
      id = existing.id;
      nonce = randomBytes(16).toString('base64url');
      const choices = { name: input.name, language: input.language, topics: [...input.topics], nonce, createdAt: now };
      tx.insert(pendingSignups)
        .values({ subscriberId: id, ...choices })
        .onConflictDoUpdate({ target: pendingSignups.subscriberId, set: choices })
        .run();
    }
    addConsentRecord(tx, {
      subscriberId: id,
      emailHash: hash,
      event: existing && existing.status !== 'pending' ? 'resubscribe' : 'signup',
      at: now,
      form: input.form,
      consentText: CONSENT_TEXT[input.consentLanguage],
      consentVersion: CONSENT_VERSION,
      origin,
    });
    if (!claimLinkMail(tx, id, now)) return null;
    // In the language just chosen: the email asks about this signup's choices.
    return confirmMail(config.PUBLIC_URL, config.SECRET_KEY, { ...getSubscriber(tx, id), language: input.language }, nonce);
  });
}
