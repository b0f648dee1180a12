import type { MessageClass } from './bounce-kinds.js';
import { BOUNCE_LIMITS } from './bounce-limits.js';
import { addressesIn, distinct, messageIdsIn } from './parse-addresses.js';
import { autoReplyReason } from './parse-auto-reply.js';
import { type DeliveryStatus, parseDeliveryStatus, type RecipientReport } from './parse-delivery-status.js';
import { COMPLAINT_TYPES, type FeedbackReport, parseFeedbackReport } from './parse-feedback-report.js';
import { attachmentText, headerValue, headerValues, type MimeMessage, readMime, readReturnedHeaders, UnreadableMessage } from './parse-mime.js';
import { bounceKindOf, statusInText } from './parse-status.js';
import { looksLikeBounce } from './parse-text-bounce.js';

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers']);
/** Where the envelope recipient of a bounce is written by the servers that delivered it to the mailbox. */
const ENVELOPE_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to', 'to'];

/** What a message says about the delivery it is about, strongest first. */
export interface MatchKeys {
  /** The delivery named by a valid VERP address found in the message. */
  verpDeliveryId: number | null;
  /** Message-IDs of the returned message (ours, when it is about a digest). */
  messageIds: string[];
  /** The failing or complaining recipient's addresses. */
  addresses: string[];
}

/** The headers of the message a report returns, when it returns one. */
export interface ReturnedMessage {
  messageId: string | null;
  to: string[];
  returnPath: string | null;
}

/** A message from the bounce mailbox, read. */
export interface ParsedBounce {
  class: MessageClass;
  /** Why it was read so (for the log and the tests). */
  reason: string;
  /** The bounce's own Message-ID, so reading it twice records it once. */
  messageId: string | null;
  date: Date | null;
  status: string | null;
  diagnostic: string | null;
  /** The reader's address as the report gives it. */
  recipient: string | null;
  recipients: RecipientReport[];
  feedback: FeedbackReport | null;
  returned: ReturnedMessage | null;
  match: MatchKeys;
}

/** What parsing needs from outside: which addresses are valid VERP addresses, and the delivery each names. */
export interface ParseOptions {
  verp: (address: string) => number | null;
}

const NO_MATCH: MatchKeys = { verpDeliveryId: null, messageIds: [], addresses: [] };

function base(cls: MessageClass, reason: string, email: MimeMessage | null): ParsedBounce {
  const date = email?.date ? new Date(email.date) : null;
  return {
    class: cls,
    reason,
    messageId: email?.messageId ? (messageIdsIn(email.messageId)[0] ?? null) : null,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    status: null,
    diagnostic: null,
    recipient: null,
    recipients: [],
    feedback: null,
    returned: null,
    match: NO_MATCH,
  };
}

async function returnedMessage(email: MimeMessage): Promise<ReturnedMessage | null> {
  const part = email.attachments.find((a) => RETURNED_TYPES.has(a.mimeType));
  if (!part) return null;
  const headers = await readReturnedHeaders(attachmentText(part.content));
  if (!headers) return null;
  return {
    messageId: messageIdsIn(headers.messageId)[0] ?? null,
    to: headerValues(headers.headers, 'to').flatMap(addressesIn),
    returnPath: addressesIn(headerValue(headers.headers, 'return-path'))[0] ?? null,
  };
}

function firstVerp(candidates: Array<string | null | undefined>, options: ParseOptions): number | null {
  for (const candidate of candidates) {
    for (const address of addressesIn(candidate)) {
      const id = options.verp(address);
      if (id !== null) return id;
    }
  }
  return null;
}

/** VERP addresses where the bounce was delivered, then where a report says the original came from. */
function verpOf(email: MimeMessage, extra: Array<string | null | undefined>, options: ParseOptions): number | null {
  const envelope = ENVELOPE_HEADERS.flatMap((name) => headerValues(email.headers, name));
  return firstVerp([...envelope, ...extra], options);
}

/** Message-IDs a bounce names: the returned message's, the report's, then In-Reply-To and References. */
function referencedIds(email: MimeMessage, returned: ReturnedMessage | null, extra: Array<string | null>): string[] {
  return distinct([
    ...(returned?.messageId ? [returned.messageId] : []),
    ...extra.flatMap(messageIdsIn),
    ...messageIdsIn(email.inReplyTo),
    ...messageIdsIn(email.references),
  ]);
}

function worstRecipient(report: DeliveryStatus): RecipientReport | null {
  return report.recipients.find((r) => r.kind === 'hard-bounce') ?? report.recipients.find((r) => r.kind === 'soft-bounce') ?? null;
}

async function fromDeliveryStatus(email: MimeMessage, text: string, options: ParseOptions): Promise<ParsedBounce> {
  const report = await parseDeliveryStatus(text);
  const worst = worstRecipient(report);
  if (!worst?.kind) return { ...base('unrelated', 'delivery-status report without a failure', email), recipients: report.recipients };
  const returned = await returnedMessage(email);
  const failing = report.recipients.filter((r) => r.kind === worst.kind);
  return {
    ...base(worst.kind, 'delivery-status report', email),
    status: worst.status,
    diagnostic: worst.diagnostic,
    recipient: worst.originalRecipient ?? worst.finalRecipient,
    recipients: report.recipients,
    returned,
    match: {
      verpDeliveryId: verpOf(email, [returned?.returnPath, headerValue(report.messageFields, 'x-postfix-sender')], options),
      messageIds: referencedIds(email, returned, [headerValue(report.messageFields, 'x-original-message-id')]),
      addresses: distinct(failing.flatMap((r) => [r.originalRecipient, r.finalRecipient].filter((a): a is string => a !== null))),
    },
  };
}

async function fromFeedbackReport(email: MimeMessage, text: string, options: ParseOptions): Promise<ParsedBounce> {
  const feedback = await parseFeedbackReport(text);
  if (!feedback.feedbackType || !COMPLAINT_TYPES.has(feedback.feedbackType)) {
    return { ...base('unrelated', `feedback report of type ${feedback.feedbackType ?? 'none'}`, email), feedback };
  }
  const returned = await returnedMessage(email);
  const addresses = distinct([...feedback.originalRcptTo, ...(returned?.to ?? [])]);
  return {
    ...base('complaint', 'feedback report', email),
    diagnostic: `Feedback-Type: ${feedback.feedbackType}${feedback.userAgent ? ` (${feedback.userAgent})` : ''}`.slice(0, BOUNCE_LIMITS.maxDiagnosticChars),
    recipient: addresses[0] ?? null,
    feedback,
    returned,
    match: {
      verpDeliveryId: verpOf(email, [feedback.originalMailFrom, returned?.returnPath], options),
      messageIds: referencedIds(email, returned, []),
      addresses,
    },
  };
}

/** A bounce from a server that writes no report (qmail, old Exim): the status is read from its text. */
async function fromTextBounce(email: MimeMessage, options: ParseOptions): Promise<ParsedBounce> {
  const text = (email.text ?? '').slice(0, BOUNCE_LIMITS.maxTextBytes);
  const status = statusInText(text);
  // Without a code it is still a bounce; counting it soft is the cautious reading.
  const kind = status ? bounceKindOf(status) : 'soft-bounce';
  if (!kind) return base('unrelated', 'bounce-like message with a success status', email);
  const returned = await returnedMessage(email);
  const failed = headerValues(email.headers, 'x-failed-recipients').flatMap(addressesIn);
  return {
    ...base(kind, 'bounce without a report', email),
    status,
    diagnostic: status
      ? (text
          .split(/\r?\n/)
          .find((line) => line.includes(status))
          ?.trim()
          .slice(0, BOUNCE_LIMITS.maxDiagnosticChars) ?? null)
      : null,
    recipient: failed[0] ?? null,
    returned,
    match: {
      verpDeliveryId: verpOf(email, [returned?.returnPath], options),
      messageIds: referencedIds(
        email,
        returned,
        [...text.matchAll(/^Message-ID:\s*(<[^>\s]+>)/gim)].map((m) => m[1] ?? null),
      ),
      addresses: distinct(failed),
    },
  };
}

/**
 * Reads one message of the bounce mailbox: a delivery status notification (RFC 3464), a feedback report
 * (RFC 5965), a bounce without a report, an automatic answer, or anything else. Never throws on bad
 * input: what cannot be read is `unrelated`, and is left alone.
 */
export async function parseBounceMessage(raw: Uint8Array | string, options: ParseOptions): Promise<ParsedBounce> {
  let email: MimeMessage;
  try {
    email = await readMime(raw);
  } catch (err) {
    if (err instanceof UnreadableMessage) return base('unrelated', err.message, null);
    throw err;
  }
  const feedback = email.attachments.find((a) => a.mimeType === 'message/feedback-report');
  if (feedback) return fromFeedbackReport(email, attachmentText(feedback.content), options);
  const dsn = email.attachments.find((a) => DSN_TYPES.has(a.mimeType));
  if (dsn) return fromDeliveryStatus(email, attachmentText(dsn.content), options);
  if (looksLikeBounce(email)) return fromTextBounce(email, options);
  const auto = autoReplyReason(email);
  if (auto) return base('auto-reply', auto, email);
  return base('unrelated', 'not a bounce, complaint or automatic answer', email);
}
