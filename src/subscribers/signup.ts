import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { subscribers } from '../db/schema.js';
import type { Language } from '../i18n/languages.js';
import type { MailJob } from '../jobs/mail-job.js';
import { eq } from 'drizzle-orm';
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

/**
 * Records a signup and says which email (if any) to send. Whatever state the address is in, the caller
 * answers the same way; only the email differs: new, pending or formerly unsubscribed addresses get a
 * confirmation link (at most one per few minutes), active ones a manage link and no change to their data,
 * bounced or complained ones nothing at all.
 */
export function signup(db: Db, config: Pick<Config, 'SECRET_KEY' | 'PUBLIC_URL'>, input: SignupInput, origin: RequestOrigin, now = new Date()): MailJob | null {
  const hash = emailHash(config.SECRET_KEY, input.email);
  return db.transaction((tx) => {
    const existing = findSubscriberByEmail(tx, input.email);
    // A mailbox that bounced or marked us as spam gets no more mail from a stranger's form, and its
    // status must not be reset to pending by one either; only the reader's own signed link can resubscribe.
    if (existing && (existing.status === 'bounced' || existing.status === 'complained')) return null;
    let id: number;
    let event: 'signup' | 'resubscribe' | null = 'signup';
    if (!existing) {
      id = tx
        .insert(subscribers)
        .values({ email: input.email, name: input.name, language: input.language, createdAt: now, updatedAt: now })
        .returning({ id: subscribers.id })
        .get().id;
    } else if (existing.status === 'active') {
      id = existing.id;
      event = null;
    } else {
      id = existing.id;
      if (existing.status !== 'pending') event = 'resubscribe';
      tx.update(subscribers)
        .set({ name: input.name, language: input.language, status: 'pending', paused: false, confirmedAt: null, updatedAt: now })
        .where(eq(subscribers.id, id))
        .run();
    }
    if (event) {
      replaceTopics(tx, id, input.topics);
      addConsentRecord(tx, {
        subscriberId: id,
        emailHash: hash,
        event,
        at: now,
        form: input.form,
        consentText: CONSENT_TEXT[input.consentLanguage],
        consentVersion: CONSENT_VERSION,
        origin,
      });
    }
    if (!claimLinkMail(tx, id, now)) return null;
    const row = getSubscriber(tx, id);
    return event ? confirmMail(config.PUBLIC_URL, config.SECRET_KEY, row) : manageMail(config.PUBLIC_URL, config.SECRET_KEY, row);
  });
}
