/** Every code a form reports for a field; the page strings hold one message per code in each language. */
export const FORM_ERROR_CODES = [
  'email_required',
  'email_invalid',
  'email_too_long',
  'name_too_long',
  'name_invalid',
  'language_invalid',
  'topics_unknown',
  'consent_required',
  'honeypot',
  'form_invalid',
] as const;
export type FormErrorCode = (typeof FORM_ERROR_CODES)[number];

/** One error code per field that needs fixing, in the order of the form's fields. */
export type FieldErrors<F extends string = string> = Partial<Record<F, FormErrorCode>>;

/** A form issue as zod reports it (and as the route adapter rebuilds it from Fastify's validation error). */
export interface FormIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** True for one of FORM_ERROR_CODES: tells a schema's code from any other message zod may report. */
export function isFormErrorCode(value: unknown): value is FormErrorCode {
  return typeof value === 'string' && (FORM_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The field errors in a form schema's issues: the first issue of each field, whose message is its code.
 * A message that is not a code would be a mistake in a schema; it reads as form_invalid rather than
 * putting an English sentence of zod's on a Spanish page.
 */
export function fieldErrorsOf(issues: readonly FormIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= isFormErrorCode(issue.message) ? issue.message : 'form_invalid';
  }
  return errors;
}
