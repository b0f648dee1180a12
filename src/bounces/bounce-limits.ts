/**
 * Bounds on the work one message from the bounce mailbox (or one webhook call) can cause. A message past
 * them is left alone, never guessed at.
 */
export const BOUNCE_LIMITS = {
  /** Largest message parsed; a report with the returned digest is well under this (a digest is < 100 KB). */
  maxMessageBytes: 2 * 1024 * 1024,
  /** Most MIME parts (attachments after parsing) a report may have. */
  maxParts: 50,
  /** Deepest MIME nesting postal-mime accepts before it rejects the message. */
  maxNestingDepth: 16,
  /** Most header bytes across all parts. */
  maxHeadersBytes: 256 * 1024,
  /** Most bytes of a returned message read for its headers. */
  maxReturnedHeaderBytes: 64 * 1024,
  /** Most bytes of a delivery-status or feedback-report part read. */
  maxReportBytes: 64 * 1024,
  /** Most recipient groups read from one delivery-status report. */
  maxRecipients: 50,
  /** Most bytes of plain text searched for a status code in a bounce without a report. */
  maxTextBytes: 64 * 1024,
  /** Longest diagnostic kept with an event. */
  maxDiagnosticChars: 1000,
  /** Most candidate addresses or message ids kept per message. */
  maxCandidates: 20,
} as const;
