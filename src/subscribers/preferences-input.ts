import { z } from 'zod';
import type { Language } from '../i18n/languages.js';
import { isLanguage } from '../i18n/languages.js';
import type { PreferencesInput } from './lifecycle.js';
import { MAX_TOPICS, NAME_MAX_LENGTH, type SubscribeErrorCode } from './subscribe-input.js';

export type PreferencesField = 'name' | 'language' | 'topics';

/** The body's shape for the OpenAPI document; the checks are in parsePreferencesInput. */
export const preferencesBodySchema = z.object({
  name: z.string().max(NAME_MAX_LENGTH).optional(),
  language: z.enum(['en', 'es']).optional(),
  topics: z.union([z.string(), z.array(z.string()).max(MAX_TOPICS)]).optional(),
  paused: z.union([z.boolean(), z.string()]).optional().describe('"yes" (a ticked box) or true pauses; absent resumes'),
});

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const YES = new Set(['yes', 'on', 'true', '1']);

/** Turns an untrusted preferences body into choices, or an error code per field. */
export function parsePreferencesInput(
  raw: unknown,
  knownTopics: ReadonlySet<string>,
  current: Language,
): { ok: true; input: PreferencesInput } | { ok: false; errors: Partial<Record<PreferencesField, SubscribeErrorCode>>; input: PreferencesInput } {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const errors: Partial<Record<PreferencesField, SubscribeErrorCode>> = {};
  const topicsRaw = body.topics === undefined || body.topics === '' ? [] : Array.isArray(body.topics) ? body.topics : [body.topics];
  const input: PreferencesInput = {
    name: typeof body.name === 'string' ? body.name.trim().slice(0, 300) || null : null,
    language: isLanguage(body.language) ? body.language : current,
    topics: [...new Set(topicsRaw.filter((t): t is string => typeof t === 'string' && knownTopics.has(t)))],
    paused: body.paused === true || (typeof body.paused === 'string' && YES.has(body.paused.toLowerCase())),
  };
  if (body.name !== undefined && (typeof body.name !== 'string' || CONTROL_CHARS.test(body.name))) errors.name = 'name_invalid';
  else if (typeof body.name === 'string' && body.name.trim().length > NAME_MAX_LENGTH) errors.name = 'name_too_long';
  if (body.language !== undefined && !isLanguage(body.language)) errors.language = 'language_invalid';
  if (topicsRaw.length > MAX_TOPICS || topicsRaw.some((t) => typeof t !== 'string' || !knownTopics.has(t))) errors.topics = 'topics_unknown';
  return Object.keys(errors).length ? { ok: false, errors, input } : { ok: true, input };
}
