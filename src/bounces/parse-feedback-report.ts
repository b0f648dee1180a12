import { BOUNCE_LIMITS } from './bounce-limits.js';
import { addressesIn } from './parse-addresses.js';
import { headerValue, headerValues, readFields } from './parse-mime.js';

/** What an RFC 5965 `message/feedback-report` says. */
export interface FeedbackReport {
  /** abuse, fraud, virus, other, not-spam, auth-failure ... (lower case), or null when missing. */
  feedbackType: string | null;
  userAgent: string | null;
  /** The envelope sender of the reported message (our VERP address, when it was sent with one). */
  originalMailFrom: string | null;
  /** The reader's address as the reporting provider gives it (often redacted). */
  originalRcptTo: string[];
  arrivalDate: string | null;
}

/** Feedback types that mean the reader marked the email as spam (or worse); not-spam and auth-failure do not. */
export const COMPLAINT_TYPES: ReadonlySet<string> = new Set(['abuse', 'fraud', 'virus', 'other']);

/** Reads the fields of a feedback report. */
export async function parseFeedbackReport(text: string): Promise<FeedbackReport> {
  const fields = await readFields(text, BOUNCE_LIMITS.maxReportBytes);
  return {
    feedbackType: headerValue(fields, 'feedback-type')?.toLowerCase() ?? null,
    userAgent: headerValue(fields, 'user-agent'),
    originalMailFrom: addressesIn(headerValue(fields, 'original-mail-from'))[0] ?? null,
    originalRcptTo: headerValues(fields, 'original-rcpt-to').flatMap(addressesIn),
    arrivalDate: headerValue(fields, 'arrival-date') ?? headerValue(fields, 'received-date'),
  };
}
