import type { MimeMessage } from './parse-mime.js';
import { headerValue } from './parse-mime.js';

const DAEMON = /^(?:mailer-daemon|mail-daemon|postmaster|mailer|mail\.?delivery\.?(?:system|subsystem))(?:@|$)/i;
const BOUNCE_SUBJECT =
  /^\s*(?:undeliver|undelivered|returned mail|failure notice|delivery (?:status notification|failure|has failed|notification)|mail delivery (?:failed|failure|system)|non[- ]?delivery|unzustellbar|no se puede entregar|non remis)/i;

/**
 * True when a message without a delivery-status report still says it is a bounce: sent by a mailer
 * daemon or postmaster, a bounce subject, or an X-Failed-Recipients header (old and non-RFC 3464 MTAs).
 */
export function looksLikeBounce(email: MimeMessage): boolean {
  const from = email.from && 'address' in email.from ? (email.from.address ?? '') : '';
  const fromHeader = headerValue(email.headers, 'from') ?? '';
  if (DAEMON.test(from) || DAEMON.test(fromHeader.trim())) return true;
  if (email.subject && BOUNCE_SUBJECT.test(email.subject)) return true;
  return headerValue(email.headers, 'x-failed-recipients') !== null;
}
