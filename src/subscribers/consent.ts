import { LANGUAGES, packFor, type Language } from '../i18n/languages.js';

/**
 * Bumped whenever any language's consent text (src/i18n/<code>/consent.ts) changes, so each consent
 * record says which text the reader saw. Adding a language does not change the others' text.
 */
export const CONSENT_VERSION = '2026-11-1';

/** What the reader agrees to when ticking the box, quoted on the form and stored in the consent log. */
export const CONSENT_TEXT: Record<Language, string> = Object.fromEntries(LANGUAGES.map((language) => [language, packFor(language).consent])) as Record<
  Language,
  string
>;

/** Form id recorded when the signup came through our own page. */
export const DEFAULT_FORM_ID = 'subscribe-page';
/** Form id recorded when the signup came as JSON without a `form` field. */
export const DEFAULT_API_FORM_ID = 'api';
