import type { Language } from './languages.js';
import { en, type PageStrings } from './strings-en.js';
import { es } from './strings-es.js';

export type { PageStrings };

const ALL: Record<Language, PageStrings> = { en, es };

/** The public pages' text in one language. */
export function pageStrings(lang: Language): PageStrings {
  return ALL[lang];
}
