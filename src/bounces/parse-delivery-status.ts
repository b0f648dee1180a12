import type { Header } from 'postal-mime';
import { BOUNCE_LIMITS } from './bounce-limits.js';
import { firstAddress } from './parse-addresses.js';
import { headerValue, readFields } from './parse-mime.js';
import { bounceKindOf, recipientStatus } from './parse-status.js';

/** One recipient's part of an RFC 3464 report. */
export interface RecipientReport {
  action: string | null;
  status: string | null;
  finalRecipient: string | null;
  originalRecipient: string | null;
  diagnostic: string | null;
  /** hard for a failure with 5.x.x, soft for a delay or a failure with 4.x.x, null when it was delivered. */
  kind: 'hard-bounce' | 'soft-bounce' | null;
}

/** A `message/delivery-status` body: the per-message fields and each recipient's. */
export interface DeliveryStatus {
  messageFields: Header[];
  recipients: RecipientReport[];
}

/** The value after `type;` in a typed field (`rfc822; a@b`, `smtp; 550 ...`). */
function typedValue(value: string | null): string | null {
  if (value === null) return null;
  const semi = value.indexOf(';');
  const text = (semi === -1 ? value : value.slice(semi + 1)).replace(/\s+/g, ' ').trim();
  return text || null;
}

function recipientOf(fields: Header[]): RecipientReport {
  const action = headerValue(fields, 'action')?.toLowerCase().split(/[\s(]/)[0] ?? null;
  const diagnostic = typedValue(headerValue(fields, 'diagnostic-code'))?.slice(0, BOUNCE_LIMITS.maxDiagnosticChars) ?? null;
  const status = recipientStatus(headerValue(fields, 'status'), diagnostic);
  let kind: RecipientReport['kind'];
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') kind = null;
  // A delay is a warning: the server keeps trying, so it never counts as permanent.
  else if (action === 'delayed') kind = status?.startsWith('2.') ? null : 'soft-bounce';
  else if (action === 'failed') kind = bounceKindOf(status) ?? (status?.startsWith('2.') ? null : 'hard-bounce');
  else kind = bounceKindOf(status);
  return {
    action,
    status,
    finalRecipient: firstAddress(typedValue(headerValue(fields, 'final-recipient'))),
    originalRecipient: firstAddress(typedValue(headerValue(fields, 'original-recipient'))),
    diagnostic,
    kind,
  };
}

/**
 * Reads an RFC 3464 `message/delivery-status` body: groups of fields separated by blank lines, the first
 * about the message, each later one about a recipient (at most maxRecipients of them).
 */
export async function parseDeliveryStatus(text: string): Promise<DeliveryStatus> {
  const groups = text
    .slice(0, BOUNCE_LIMITS.maxReportBytes)
    .split(/\r?\n[ \t]*\r?\n/)
    .filter((g) => g.trim() !== '');
  const [first = '', ...rest] = groups;
  const messageFields = await readFields(first, BOUNCE_LIMITS.maxReportBytes);
  const recipients: RecipientReport[] = [];
  for (const group of rest.slice(0, BOUNCE_LIMITS.maxRecipients)) {
    const fields = await readFields(group, BOUNCE_LIMITS.maxReportBytes);
    // Some servers put a stray blank line inside a group; a group without a recipient is not one.
    if (headerValue(fields, 'final-recipient') || headerValue(fields, 'original-recipient')) recipients.push(recipientOf(fields));
  }
  return { messageFields, recipients };
}
