import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages.js';
import type { FormErrorCode } from './form-errors.js';

// The fields the reader-facing forms share. Each one reports its failures with the form error codes, so
// the same schema validates a request (and documents it in OpenAPI) and tells the page what to show.

export const NAME_MAX_LENGTH = 100;
export const MAX_TOPICS = 100;
/** The hidden field only bots fill in. */
export const HONEYPOT_FIELD = 'website';

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const FORM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const YES = new Set(['yes', 'on', 'true', '1']);

/** Says whether every one of these topic slugs exists (forms offer only existing topics). */
export type TopicsExist = (slugs: readonly string[]) => boolean;

const code = (error: FormErrorCode) => ({ error });

/** A ticked box: true, or what forms send for one ('yes', 'on', 'true', '1', in any case). */
export function isYes(value: unknown): boolean {
  return value === true || (typeof value === 'string' && YES.has(value.toLowerCase()));
}

/** A body's fields by name; anything that is not an object has none. */
export function fieldsOf(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** One value or many, as a list: forms send one checked box as a string and several as an array. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The id of the form a signup came from, when it is a well-formed one. */
export function formIdOf(value: unknown): string | null {
  return typeof value === 'string' && FORM_ID.test(value) ? value : null;
}

/** A whole form body; no body, a JSON array or a string counts as a form with no fields filled in. */
export function formBody<T extends z.ZodObject>(fields: T) {
  return z.preprocess(fieldsOf, fields);
}

/** An optional field: absent, or an empty string (an untouched control); `orNull` takes a JSON null as absent too. */
export function optionalField<T extends z.ZodType>(schema: T, opts: { orNull?: boolean } = {}) {
  return z.preprocess((v) => (v === '' || (opts.orNull && v === null) ? undefined : v), schema.optional()).optional();
}

/** A name as typed: no line breaks or control characters, at most NAME_MAX_LENGTH once trimmed; blank is none. */
export const nameField = z
  .string(code('name_invalid'))
  .refine((s) => !CONTROL_CHARS.test(s), { ...code('name_invalid'), abort: true })
  .refine((s) => s.trim().length <= NAME_MAX_LENGTH, code('name_too_long'))
  .transform((s) => s.trim() || null)
  .describe(`Trimmed; at most ${NAME_MAX_LENGTH} characters, no line breaks.`);

export const languageField = z.enum(LANGUAGES, code('language_invalid'));

/** Topic slugs, one as a string or several as an array; each must exist. The output has no repeats. */
export function topicsField(topicsExist: TopicsExist) {
  return z
    .union([z.string(), z.array(z.string()).max(MAX_TOPICS, code('topics_unknown'))], code('topics_unknown'))
    .transform((v) => [...new Set(listOf(v) as string[])])
    .refine((slugs) => topicsExist(slugs), code('topics_unknown'))
    .describe('Topic slugs: one as a string or several as an array.');
}

/** The consent box: it must be ticked. */
export const consentField = z
  .union([z.boolean(), z.string()], code('consent_required'))
  .refine(isYes, code('consent_required'))
  .transform((): true => true)
  .describe('Must be true (or "yes" from a form).');

/** A box that may be left unticked; anything but a tick reads as false, never as an error. */
export const checkboxField = z
  .union([z.boolean(), z.string()])
  .optional()
  .catch(undefined)
  .transform(isYes)
  .describe('"yes" (a ticked box) or true; absent or anything else is false.');

/** The honeypot: people never see it, so any value in it comes from a bot. */
export const honeypotField = optionalField(z.literal('', code('honeypot')), { orNull: true }).describe('Must be absent or empty.');

/** Which form a signup came from (stored with the consent): letters, digits, - and _, up to 64. */
export const formIdField = optionalField(z.string(code('form_invalid')).regex(FORM_ID, code('form_invalid')))
  .transform((v) => v ?? null)
  .describe('Which form the signup came from; stored with the consent.');
