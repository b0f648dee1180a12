/** How one preflight line came out; `unknown` is "could not check" (DNS did not answer, nothing to look up). */
export type PreflightStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** The checks, in the order a report lists them. */
export const PREFLIGHT_CHECKS = [
  'dkim',
  'alignment',
  'senders',
  'unsubscribe',
  'bounceAddress',
  'bounceMailbox',
  'relayTls',
  'spf',
  'dmarc',
  'dkimRecord',
] as const;
export type PreflightCheck = (typeof PREFLIGHT_CHECKS)[number];

/** Every finding a check can report; each has a "found" and a "what to fix" text per language. */
export const PREFLIGHT_FINDINGS = [
  'dkimNotSet',
  'dkimUnreadable',
  'dkimNotAKey',
  'dkimUnsupported',
  'dkimTooShort',
  'dkimShort',
  'dkimNotSigned',
  'dkimBroken',
  'dkimOk',
  'alignNoDkim',
  'alignBadFrom',
  'alignMismatch',
  'alignOk',
  'sendersBadFrom',
  'sendersSame',
  'sendersOk',
  'unsubscribeFailed',
  'unsubscribeNotHttps',
  'unsubscribeNoHeader',
  'unsubscribeNoOneClick',
  'unsubscribeNotVisible',
  'unsubscribeNotSigned',
  'unsubscribeOk',
  'bounceAddressNotSet',
  'bounceAddressOk',
  'mailboxNotSet',
  'mailboxFailed',
  'mailboxOk',
  'relayOutbox',
  'relayNoTls',
  'relayNoTlsLocal',
  'relayFailed',
  'relaySmtps',
  'relayStarttls',
  'dnsUnknown',
  'dnsNoDomain',
  'spfMissing',
  'spfMultiple',
  'spfPermissive',
  'spfOk',
  'dmarcMissing',
  'dmarcOk',
  'dkimRecordNoKey',
  'dkimRecordMissing',
  'dkimRecordMismatch',
  'dkimRecordOk',
] as const;
export type PreflightFinding = (typeof PREFLIGHT_FINDINGS)[number];

/** One line of the report: which check, how it came out, the finding and the values its texts name (never a secret). */
export interface PreflightLine {
  check: PreflightCheck;
  status: PreflightStatus;
  finding: PreflightFinding;
  values: Record<string, string | number>;
}

/** The whole report: every line in PREFLIGHT_CHECKS order, and how many came out each way. */
export interface PreflightReport {
  lines: PreflightLine[];
  counts: Record<PreflightStatus, number>;
}

/** A TXT lookup: the record's strings per answer, or an error with the resolver's `code` (ENOTFOUND, ENODATA, ETIMEOUT…). */
export type TxtResolver = (name: string) => Promise<string[][]>;

/** Builds one line. */
export function line(check: PreflightCheck, status: PreflightStatus, finding: PreflightFinding, values: Record<string, string | number> = {}): PreflightLine {
  return { check, status, finding, values };
}

/** The message of anything thrown, on one line and bounded. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
