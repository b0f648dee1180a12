/**
 * Whose failure a failed send is. The relay's (unreachable, timing out, TLS or greeting trouble, 421, a
 * 4xx for everyone, a connection dropped mid-DATA, a 5xx at MAIL FROM or AUTH that refuses every email):
 * then no reader's delivery may fail; the digest pauses and waits for the relay. Or one reader's (the
 * server refuses that address, that mailbox, that message): then that delivery fails, and a dead address
 * (5xx at RCPT TO, 5.1.x) makes the reader bounced; a full mailbox is retried before it fails.
 */
export type SmtpFailure =
  | { kind: 'infrastructure' }
  | {
      kind: 'reader';
      /** A retry would get the same answer: fail now instead of backing off. */
      permanent: boolean;
      /** The address itself is dead (hard bounce): the reader is marked bounced. */
      recipientRejected: boolean;
    };

const INFRASTRUCTURE: SmtpFailure = { kind: 'infrastructure' };
const readerFailure = (permanent: boolean, recipientRejected: boolean): SmtpFailure => ({ kind: 'reader', permanent, recipientRejected });

/** Nodemailer's codes and the system's network errors that mean the relay could not be talked to. */
const NETWORK_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EAUTH',
  'ENOAUTH',
  'EREQUIRETLS',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

const MAILBOX_FULL = /\b[45]\.2\.2\b|mailbox (is )?full|over ?quota|quota exceeded/i;
const UNKNOWN_RECIPIENT = /\b5\.1\.\d\b|user unknown|unknown user|no such user|recipient (address )?rejected|mailbox (unavailable|not found)/i;

interface SmtpErrorShape {
  code?: unknown;
  errno?: unknown;
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
  message?: unknown;
}

/** Classifies what a Nodemailer send threw (pure: reads only the error's code, command and reply). */
export function classifySmtpFailure(err: unknown): SmtpFailure {
  if (!err || typeof err !== 'object') return readerFailure(false, false);
  const e = err as SmtpErrorShape;
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reply = `${typeof e.response === 'string' ? e.response : ''} ${typeof e.message === 'string' ? e.message : ''}`;
  const atRecipient = e.command === 'RCPT TO';

  if (status === null) {
    const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : '';
    // No answer at all: the relay is away, or the line to it is. Anything else (a bad address the
    // client refused to send) concerns this email and is retried as before.
    return NETWORK_CODES.has(code) ? INFRASTRUCTURE : readerFailure(false, false);
  }
  // 421: the service is closing the channel, whatever command it answered.
  if (status === 421) return INFRASTRUCTURE;
  if (MAILBOX_FULL.test(reply) || (status === 552 && atRecipient)) return readerFailure(false, false);
  if (status >= 500 && status < 600) {
    if (atRecipient || UNKNOWN_RECIPIENT.test(reply)) return readerFailure(true, true);
    // The message itself refused (content, size): this email fails, the address stays good.
    if (e.command === 'DATA' || e.code === 'EMESSAGE') return readerFailure(true, false);
    // MAIL FROM, AUTH, the greeting: a refusal of every email, a setting of the relay.
    return INFRASTRUCTURE;
  }
  if (status >= 400 && status < 500) {
    // A 4xx at RCPT TO (greylisting, a busy mailbox) concerns one reader; anywhere else, everyone.
    return atRecipient ? readerFailure(false, false) : INFRASTRUCTURE;
  }
  return readerFailure(false, false);
}
