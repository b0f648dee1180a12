/**
 * The ceiling: what the product's own pooled transport (createMailer, SMTP_POOL_SIZE connections) reaches
 * when there is nothing else to do: one pre-rendered digest email, as the sink received it, sent N times
 * to the same sink. End to end can only approach this.
 */
import PostalMime from 'postal-mime';
import { createMailer, type MailerSettings } from '../src/mail/mailer.js';

/** How fast the transport alone went. */
export interface CeilingRun {
  messages: number;
  /** Size of the message resent (bytes as received, headers included). */
  messageBytes: number;
  ms: number;
  emailsPerSecond: number;
}

/** A real digest email, split back into what the mailer takes. */
export async function mailFromSample(raw: Buffer): Promise<{ subject: string; html: string; text: string; unsubscribeUrl: string }> {
  const email = await PostalMime.parse(raw);
  const listUnsubscribe = email.headers.find((h) => h.key === 'list-unsubscribe')?.value ?? '';
  const unsubscribeUrl = /<(https?:[^>]+)>/.exec(listUnsubscribe)?.[1] ?? 'http://localhost/unsubscribe/bench';
  return { subject: email.subject ?? 'Digest', html: email.html ?? '', text: email.text ?? '', unsubscribeUrl };
}

/** Sends the sample to each address in turn (N in all) through a fresh product mailer; keeps the pool busy with 2× its size in flight. */
export async function runCeiling(settings: MailerSettings & { MAIL_FROM: string }, raw: Buffer, addresses: string[]): Promise<CeilingRun> {
  const mail = await mailFromSample(raw);
  const mailer = createMailer(settings);
  const host = new URL(settings.PUBLIC_URL).hostname;
  const inFlight = settings.SMTP_POOL_SIZE * 2;
  let next = 0;
  const t0 = performance.now();
  try {
    const lane = async () => {
      while (next < addresses.length) {
        const i = next++;
        await mailer.send({
          from: settings.MAIL_FROM,
          to: addresses[i]!,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          messageId: `<ceiling-${i}@${host}>`,
          list: { unsubscribeUrl: mail.unsubscribeUrl },
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, addresses.length) }, lane));
  } finally {
    mailer.close();
  }
  const ms = performance.now() - t0;
  return { messages: addresses.length, messageBytes: raw.length, ms, emailsPerSecond: (addresses.length / ms) * 1000 };
}
