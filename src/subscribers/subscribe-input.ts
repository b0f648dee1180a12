import { z } from 'zod';
import { isLanguage } from '../i18n/languages.js';
import type { Language } from '../i18n/languages.js';
import { checkEmail, type EmailErrorCode } from './email-address.js';

export const NAME_MAX_LENGTH = 100;
export const MAX_TOPICS = 100;
/** The hidden field only bots fill in. */
export const HONEYPOT_FIELD = 'website';

export type SubscribeErrorCode =
  | EmailErrorCode
  | 'name_too_long'
  | 'name_invalid'
  | 'language_invalid'
  | 'topics_unknown'
  | 'consent_required'
  | 'honeypot'
  | 'form_invalid';

export type SubscribeField = 'email' | 'name' | 'language' | 'topics' | 'consent' | 'website' | 'form';

/** Checked signup choices, ready for the domain. */
export interface SubscribeInput {
  email: string;
  name: string | null;
  language: Language;
  topics: string[];
  form: string | null;
}

/** What the reader typed, kept to fill the form again after an error. */
export interface SubscribeValues {
  email: string;
  name: string;
  language: string;
  topics: string[];
  consent: boolean;
}

/** The body's shape for the OpenAPI document; the real checks are in parseSubscribeInput. */
export const subscribeBodySchema = z.object({
  email: z.string().max(1000).describe('The reader’s address; normalised (trimmed, lower-cased).'),
  name: z.string().max(NAME_MAX_LENGTH).optional(),
  language: z.enum(['en', 'es']).optional(),
  topics: z.union([z.string(), z.array(z.string()).max(MAX_TOPICS)]).optional().describe('Topic slugs.'),
  consent: z.union([z.boolean(), z.string()]).describe('Must be true (or "yes" from a form).'),
  [HONEYPOT_FIELD]: z.string().optional().describe('Must be absent or empty.'),
  form: z.string().max(64).optional().describe('Which form the signup came from; stored with the consent.'),
});

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const ACCEPTED = new Set(['yes', 'on', 'true', '1']);

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Turns an untrusted body (form or JSON) into signup choices, or one error code per field. */
export function parseSubscribeInput(
  raw: unknown,
  knownTopics: ReadonlySet<string>,
  fallbackLanguage: Language,
): { ok: true; input: SubscribeInput; values: SubscribeValues } | { ok: false; errors: Partial<Record<SubscribeField, SubscribeErrorCode>>; values: SubscribeValues } {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const errors: Partial<Record<SubscribeField, SubscribeErrorCode>> = {};
  const topicsRaw = asList(body.topics);
  const values: SubscribeValues = {
    email: typeof body.email === 'string' ? body.email.slice(0, 300) : '',
    name: typeof body.name === 'string' ? body.name.slice(0, 300) : '',
    language: typeof body.language === 'string' ? body.language : fallbackLanguage,
    topics: topicsRaw.filter((t): t is string => typeof t === 'string' && knownTopics.has(t)),
    consent: body.consent === true || (typeof body.consent === 'string' && ACCEPTED.has(body.consent.toLowerCase())),
  };

  const email = checkEmail(body.email);
  if ('error' in email) errors.email = email.error;

  let name: string | null = null;
  if (body.name !== undefined && body.name !== null) {
    if (typeof body.name !== 'string' || CONTROL_CHARS.test(body.name)) errors.name = 'name_invalid';
    else if (body.name.trim().length > NAME_MAX_LENGTH) errors.name = 'name_too_long';
    else name = body.name.trim() || null;
  }

  let language = fallbackLanguage;
  if (body.language !== undefined && body.language !== '') {
    if (isLanguage(body.language)) language = body.language;
    else errors.language = 'language_invalid';
  }

  if (topicsRaw.length > MAX_TOPICS || topicsRaw.some((t) => typeof t !== 'string' || !knownTopics.has(t))) {
    errors.topics = 'topics_unknown';
  }
  if (!values.consent) errors.consent = 'consent_required';

  const honeypot = body[HONEYPOT_FIELD];
  if (honeypot !== undefined && honeypot !== null && honeypot !== '') errors.website = 'honeypot';

  let form: string | null = null;
  if (body.form !== undefined && body.form !== '') {
    if (typeof body.form === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(body.form)) form = body.form;
    else errors.form = 'form_invalid';
  }

  if (Object.keys(errors).length > 0 || !('email' in email)) return { ok: false, errors, values };
  return { ok: true, input: { email: email.email, name, language, topics: [...new Set(values.topics)], form }, values };
}
