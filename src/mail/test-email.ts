import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { escapeForHtml } from './escape.js';
import { createMailer } from './mailer.js';

/** The words of a test email, in the sender's console language. */
export interface TestEmailText {
  subject: string;
  body: string;
}

/**
 * Sends a short test email now, from MAIL_TRANSACTIONAL_FROM, through the same transport as every
 * transactional email (SMTP_URL, or the outbox folder), and waits for the answer so the console can say
 * at once whether mail goes out. Not queued: a test that only says "queued" would not test the server.
 */
export async function sendTestEmail(config: Config, to: string, text: TestEmailText): Promise<{ messageId: string }> {
  const mailer = createMailer(config);
  const host = new URL(config.PUBLIC_URL).hostname;
  try {
    return await mailer.send({
      from: config.MAIL_TRANSACTIONAL_FROM,
      to,
      subject: text.subject,
      text: text.body,
      html: `<!doctype html><html><body><p>${escapeForHtml(text.body)}</p></body></html>`,
      messageId: `<console-test.${randomBytes(8).toString('hex')}@${host}>`,
    });
  } finally {
    mailer.close();
  }
}
