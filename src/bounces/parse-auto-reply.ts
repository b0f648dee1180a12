import type { MimeMessage } from './parse-mime.js';
import { headerValue } from './parse-mime.js';

/** Subjects of vacation and out-of-office answers, in the languages readers write in. */
const AUTO_REPLY_SUBJECT =
  /^\s*(?:auto(?:matic)?[ -]?(?:reply|response|antwort|respuesta|risposta)|auto:|out of (?:the )?office|on vacation|vacation|away from|absent|fuera de la oficina|respuesta autom[aá]tica|ausencia|vacaciones|r[ée]ponse automatique|absence|abwesenheit|automatische antwort)/i;

/**
 * Why a message is an automatic answer (RFC 3834 Auto-Submitted, the X-Autoreply family, Precedence, a
 * vacation subject), or null when it is not one. Asked only of messages that carry no delivery or
 * feedback report: bounces are automatic too, and are read before this.
 */
export function autoReplyReason(email: MimeMessage): string | null {
  const h = email.headers;
  const autoSubmitted = headerValue(h, 'auto-submitted')?.toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (headerValue(h, name)) return name;
  }
  const precedence = headerValue(h, 'precedence')?.toLowerCase();
  if (precedence && ['auto_reply', 'bulk', 'junk', 'list'].includes(precedence)) return `Precedence: ${precedence}`;
  if (email.subject && AUTO_REPLY_SUBJECT.test(email.subject)) return 'vacation subject';
  return null;
}
