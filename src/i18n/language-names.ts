import { LANGUAGES, type Language } from './languages.js';

/**
 * The offered languages named in `language`, as a choice: "English or Spanish", "inglés o español".
 * Names come from the runtime's CLDR data (Intl), so adding a language changes no sentence.
 */
export function offeredLanguagesIn(language: Language): string {
  const names = new Intl.DisplayNames([language], { type: 'language' });
  return new Intl.ListFormat(language, { type: 'disjunction' }).format(LANGUAGES.map((l) => names.of(l) ?? l));
}
