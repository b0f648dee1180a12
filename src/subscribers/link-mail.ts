import type { Logger } from '../logger.js';
import { mailJobSchema, type MailJob } from '../jobs/mail-job.js';
import type { Queues } from '../jobs/queues.js';
import { subscriberLinks } from '../tokens/tokens.js';
import type { Subscriber } from './subscriber-repository.js';

/**
 * The confirmation email for a pending subscriber. It greets without a name: anyone can type any address
 * and any name into the form, and the name must not become text we send to a stranger's mailbox.
 */
export function confirmMail(publicUrl: string, secret: string, s: Subscriber, signupNonce?: string): MailJob {
  const links = subscriberLinks(publicUrl, secret, s);
  // The nonce names the signup whose choices this link applies (see pending_signups).
  const confirmUrl = signupNonce ? `${links.confirmUrl}?signup=${encodeURIComponent(signupNonce)}` : links.confirmUrl;
  return mailJobSchema.parse({ template: 'confirm', to: s.email, name: null, language: s.language, confirmUrl });
}

/**
 * The email with the preference and unsubscribe links, asked for through a public form. Nameless for the
 * same reason: the stored name may have been typed by whoever signed the address up before it was confirmed.
 */
export function manageMail(publicUrl: string, secret: string, s: Subscriber): MailJob {
  const links = subscriberLinks(publicUrl, secret, s);
  return mailJobSchema.parse({
    template: 'manage',
    to: s.email,
    name: null,
    language: s.language,
    preferencesUrl: links.preferencesUrl,
    unsubscribeUrl: links.unsubscribeUrl,
  });
}

/**
 * Hands a link email to the mail queue without waiting for Redis: the answer to the visitor must not take
 * longer when an email is queued than when none is, or its timing would tell who is subscribed.
 */
export function queueLinkMail(queues: Queues, job: MailJob | null, log: Pick<Logger, 'error'>): void {
  if (!job) return;
  const checked = mailJobSchema.parse(job);
  queues.mail.add(checked.template, checked).catch((err: unknown) => {
    log.error({ err, template: checked.template }, 'could not queue a link email');
  });
}
