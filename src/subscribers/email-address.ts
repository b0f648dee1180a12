import { createHmac } from 'node:crypto';
import { z } from 'zod';

/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;

export type EmailErrorCode = 'email_required' | 'email_invalid' | 'email_too_long';

/**
 * An address typed by a stranger: present, no line breaks (nothing may reach a mail header), not overlong
 * once normalised, well-formed. The output is the normalised address; each failure's message is its code.
 */
export const emailSchema = z
  .string({ error: 'email_required' })
  .refine((s) => s.trim() !== '', { error: 'email_required', abort: true })
  .refine((s) => !/[\r\n]/.test(s), { error: 'email_invalid', abort: true })
  .transform(normaliseEmail)
  .pipe(z.string().max(MAX_EMAIL_LENGTH, { error: 'email_too_long' }))
  .pipe(z.email({ error: 'email_invalid' }))
  .describe('The reader’s address; normalised (trimmed, lower-cased).');

/**
 * One spelling per address: trimmed and lower-cased. The whole address is lower-cased, not only the
 * domain, because mail providers treat the local part case-insensitively and two rows for "Ann@" and
 * "ann@" would be two subscriptions for one reader.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The same check outside a form: the normalised address, or the code of what is wrong with it. */
export function checkEmail(raw: unknown): { email: string } | { error: EmailErrorCode } {
  const result = emailSchema.safeParse(raw);
  return result.success ? { email: result.data } : { error: result.error.issues[0]!.message as EmailErrorCode };
}

/**
 * A keyed hash of the normalised address. The consent log keeps only this once a subscriber is erased:
 * it proves what was agreed without keeping the address readable.
 */
export function emailHash(secret: string, email: string): string {
  return createHmac('sha256', secret).update(normaliseEmail(email)).digest('hex');
}
