import { createHmac } from 'node:crypto';
import { z } from 'zod';

/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;

export type EmailErrorCode = 'email_required' | 'email_invalid' | 'email_too_long';

const wellFormed = z.email();

/**
 * One spelling per address: trimmed and lower-cased. The whole address is lower-cased, not only the
 * domain, because mail providers treat the local part case-insensitively and two rows for "Ann@" and
 * "ann@" would be two subscriptions for one reader.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Checks an address typed by a stranger (no line breaks, not overlong, well-formed) and normalises it. */
export function checkEmail(raw: unknown): { email: string } | { error: EmailErrorCode } {
  if (typeof raw !== 'string' || raw.trim() === '') return { error: 'email_required' };
  if (/[\r\n]/.test(raw)) return { error: 'email_invalid' };
  const email = normaliseEmail(raw);
  if (email.length > MAX_EMAIL_LENGTH) return { error: 'email_too_long' };
  if (!wellFormed.safeParse(email).success) return { error: 'email_invalid' };
  return { email };
}

/** The same check as a zod schema, for JSON routes whose errors need no translation. */
export const emailInputSchema = z
  .string()
  .max(1000)
  .transform((raw, ctx) => {
    const result = checkEmail(raw);
    if ('email' in result) return result.email;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });

/**
 * A keyed hash of the normalised address. The consent log keeps only this once a subscriber is erased:
 * it proves what was agreed without keeping the address readable.
 */
export function emailHash(secret: string, email: string): string {
  return createHmac('sha256', secret).update(normaliseEmail(email)).digest('hex');
}
