import { readFileSync } from 'node:fs';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Settings } from '../config.js';
import { InvalidInputError } from '../errors.js';
import { writeOutboxCopy } from './outbox-files.js';
import { createMessagePreparer, fillPrepared, fitsPrepared, type PreparedMessage } from './prepared-message.js';

export { outboxRecipientPart } from './outbox-files.js';

/** One email as the workers hand it over; `list` marks list mail (the digest), which gets List-* headers. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per delivery, `<…@host>`; sent exactly as given so a retry carries the same id. */
  messageId: string;
  list?: { unsubscribeUrl: string };
  /** The SMTP envelope when it differs from the headers: a digest's VERP sender (src/bounces/verp.ts). */
  envelope?: { from: string; to: string };
  /** `html` and `text` already quoted-printable encoded (src/mail/encoded-body.ts): sent as they are. */
  encoded?: { html: string; text: string };
}

/** Sends mail over pooled SMTP, or writes it to OUTBOX_DIR when no SMTP_URL is set. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export type MailerSettings = Pick<
  Settings,
  | 'SMTP_URL'
  | 'SMTP_POOL_SIZE'
  | 'OUTBOX_DIR'
  | 'ORG_NAME'
  | 'PUBLIC_URL'
  | 'CONTACT_EMAIL'
  | 'UNSUBSCRIBE_MAILTO'
  | 'DKIM_DOMAIN'
  | 'DKIM_SELECTOR'
  | 'DKIM_PRIVATE_KEY_PATH'
>;

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
// Gmail and Yahoo require the one-click headers to be covered by the signature (RFC 8058 §4).
const DKIM_HEADERS =
  'from:sender:reply-to:subject:date:message-id:to:cc:mime-version:content-type:content-transfer-encoding:list-id:list-unsubscribe:list-unsubscribe-post';

/** True for an SMTP refusal that a retry would get again (5xx); 4xx, lost connections and timeouts are transient. */
export function isPermanentSmtpError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * True when the server refused the recipient itself (RCPT TO answered 5xx, or an enhanced status 5.1.x):
 * the address is dead, not just this message. Such a reader is marked bounced.
 */
export function isRecipientRejected(err: unknown): boolean {
  if (!isPermanentSmtpError(err)) return false;
  const e = err as { command?: unknown; code?: unknown; response?: unknown; message?: unknown };
  return e.command === 'RCPT TO' || e.code === 'EENVELOPE' || /\b5\.1\.\d\b/.test(String(e.response ?? e.message ?? ''));
}

function dkimOptions(settings: MailerSettings): SendMailOptions['dkim'] {
  if (!settings.DKIM_DOMAIN || !settings.DKIM_SELECTOR || !settings.DKIM_PRIVATE_KEY_PATH) return undefined;
  let privateKey: string;
  try {
    privateKey = readFileSync(settings.DKIM_PRIVATE_KEY_PATH, 'utf8');
  } catch (err) {
    throw new Error(`DKIM_PRIVATE_KEY_PATH=${settings.DKIM_PRIVATE_KEY_PATH} cannot be read: ${(err as Error).message}`);
  }
  return { domainName: settings.DKIM_DOMAIN, keySelector: settings.DKIM_SELECTOR, privateKey, headerFieldNames: DKIM_HEADERS };
}

/** The List-* headers of list mail: one-click unsubscribe (RFC 8058) over https, a mailto, and a List-Id. */
function listHeaders(settings: MailerSettings): (unsubscribeUrl: string) => Pick<SendMailOptions, 'list' | 'headers'> {
  // The same for every email of the process: worked out once, not per recipient.
  const mailto = `mailto:${settings.UNSUBSCRIBE_MAILTO ?? settings.CONTACT_EMAIL}?subject=unsubscribe`;
  const id = { url: `digest.${new URL(settings.PUBLIC_URL).hostname}`, comment: `${settings.ORG_NAME} digest` };
  return (unsubscribeUrl) => {
    if (!/^https?:\/\//i.test(unsubscribeUrl)) throw new InvalidInputError('unsubscribeUrl must be an http(s) URL');
    return { list: { unsubscribe: [[unsubscribeUrl, mailto]], id }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
  };
}

/** A body part given already encoded: its own headers, then the quoted-printable body. */
function encodedPart(contentType: 'text/html' | 'text/plain', body: string): string {
  return `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`;
}

/** How many profiles' prepared messages a mailer keeps (a digest has a few hundred profiles at most in flight). */
const PREPARED_KEPT = 256;

/** Creates the one mailer of a process: pooled SMTP when SMTP_URL is set, the outbox folder otherwise. */
export function createMailer(settings: MailerSettings): Mailer {
  const dkim = dkimOptions(settings);
  const listOptionsOf = listHeaders(settings);
  const transporter: Transporter = settings.SMTP_URL
    ? nodemailer.createTransport({ url: settings.SMTP_URL, pool: true, maxConnections: settings.SMTP_POOL_SIZE, dkim })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim });

  const optionsOf = (mail: Pick<OutgoingMail, 'from' | 'subject' | 'html' | 'text' | 'encoded'> & { unsubscribeUrl?: string }): SendMailOptions => ({
    from: mail.from,
    subject: mail.subject,
    ...(mail.encoded
      ? { html: { raw: encodedPart('text/html', mail.encoded.html) }, text: { raw: encodedPart('text/plain', mail.encoded.text) } }
      : { html: mail.html, text: mail.text }),
    // Our text is mostly Latin script: quoted-printable, said once, spares Nodemailer scanning every part to choose.
    textEncoding: 'quoted-printable',
    ...(mail.unsubscribeUrl === undefined ? {} : listOptionsOf(mail.unsubscribeUrl)),
  });
  const prepare = createMessagePreparer(({ from, subject, unsubscribeUrl, encoded }) =>
    optionsOf({ from, subject, html: '', text: '', encoded, unsubscribeUrl }),
  );
  // Per From and Subject (a profile's email): the message built once, or null when it could not be (sent the general way).
  const prepared = new Map<string, Promise<PreparedMessage | null>>();
  const preparedFor = (from: string, subject: string): Promise<PreparedMessage | null> => {
    const key = `${from}\n${subject}`;
    let message = prepared.get(key);
    if (message) {
      prepared.delete(key);
    } else {
      message = prepare({ from, subject }).catch(() => null);
      if (prepared.size >= PREPARED_KEPT) prepared.delete(prepared.keys().next().value!);
    }
    prepared.set(key, message);
    return message;
  };

  /** The reader's whole message from the profile's prepared one, when the reader's values fit it. */
  const rawOf = async (mail: OutgoingMail): Promise<{ raw: string; envelope: { from: string; to: string } } | null> => {
    const unsubscribeUrl = mail.list?.unsubscribeUrl;
    if (!mail.encoded || unsubscribeUrl === undefined || !fitsPrepared({ to: mail.to, messageId: mail.messageId, unsubscribeUrl })) return null;
    const message = await preparedFor(mail.from, mail.subject);
    if (!message) return null;
    const raw = fillPrepared(message, { to: mail.to, messageId: mail.messageId, unsubscribeUrl, ...mail.encoded }, new Date());
    return { raw, envelope: mail.envelope ?? { from: message.envelopeFrom, to: mail.to } };
  };

  return {
    async send(mail) {
      if (!MESSAGE_ID.test(mail.messageId)) throw new InvalidInputError(`messageId must look like <id@host>, got "${mail.messageId}"`);
      const prebuilt = await rawOf(mail);
      const options: SendMailOptions = prebuilt
        ? { ...prebuilt, messageId: mail.messageId }
        : {
            ...optionsOf({ ...mail, unsubscribeUrl: mail.list?.unsubscribeUrl }),
            to: mail.to,
            messageId: mail.messageId,
            ...(mail.envelope ? { envelope: mail.envelope } : {}),
          };
      const info = await transporter.sendMail(options);
      if (!settings.SMTP_URL) {
        await writeOutboxCopy(settings.OUTBOX_DIR, mail.to, info.message as Buffer, mail.html);
      }
      return { messageId: mail.messageId };
    },
    close() {
      transporter.close();
    },
  };
}
