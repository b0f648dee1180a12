import type { BounceEventKind } from './bounce-kinds.js';

/** RFC 3463 enhanced status code: class.subject.detail, the class being 2, 4 or 5. */
const ENHANCED = /(?:^|[^\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])/;
/** A basic SMTP reply code at the start of a diagnostic (`550 ...`, `452-...`). */
const BASIC = /^\s*([245])\d\d[\s-]/;

/** The enhanced status code first written in a text, or null. */
export function statusInText(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = ENHANCED.exec(text);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/**
 * A recipient's status from its Status field and Diagnostic-Code: the field when it says something
 * specific; the diagnostic's own code when the field is missing or only says `X.0.0` (Exim writes
 * `5.0.0` beside `550 5.1.1`) and the class agrees; the diagnostic's basic SMTP code as a last resort.
 */
export function recipientStatus(statusField: string | null, diagnostic: string | null): string | null {
  const field = statusInText(statusField ? ` ${statusField}` : null);
  const diagnosed = statusInText(diagnostic);
  if (field && !field.endsWith('.0.0')) return field;
  if (diagnosed && (!field || diagnosed[0] === field[0])) return diagnosed;
  if (field) return field;
  const basic = diagnostic ? BASIC.exec(diagnostic) : null;
  return basic ? `${basic[1]}.0.0` : null;
}

/** What a status code means for the reader: 5.x.x hard, 4.x.x soft, 2.x.x (delivered) nothing. */
export function bounceKindOf(status: string | null): Extract<BounceEventKind, 'hard-bounce' | 'soft-bounce'> | null {
  if (status?.startsWith('5.')) return 'hard-bounce';
  if (status?.startsWith('4.')) return 'soft-bounce';
  return null;
}
