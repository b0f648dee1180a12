import { offeredLanguagesIn } from './language-names.js';
import type { PageStrings } from './page-strings.js';
import { LANGUAGES, packFor, type Language } from './languages.js';
import { format } from './format.js';

export type { PageStrings };

// Filled once per language: the only page string that depends on which languages are registered.
const PAGES = new Map<Language, PageStrings>(
  LANGUAGES.map((language) => {
    const pages = packFor(language).pages;
    const languageInvalid = format(pages.errors.language_invalid, { languages: offeredLanguagesIn(language) });
    return [language, { ...pages, errors: { ...pages.errors, language_invalid: languageInvalid } }];
  }),
);

/** The public pages' text in one language. */
export function pageStrings(lang: Language): PageStrings {
  return PAGES.get(lang)!;
}
