import { pageStrings, type PageStrings } from './strings.js';

export type { PageStrings };

/**
 * The English page strings, for the routes that still import them by this name (JSON error details).
 * New code calls pageStrings(language); the text itself lives in src/i18n/en/pages.ts.
 */
export const en: PageStrings = pageStrings('en');
