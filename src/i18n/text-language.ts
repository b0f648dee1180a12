import { francAll } from 'franc';
import { LANGUAGES, packFor, type Language } from './languages.js';

/**
 * Below this many letters franc's guess is noise: on the packs' own short strings it named the wrong
 * language for about a quarter of those under 20 letters, and for none of those above (measured in issue 7).
 */
export const MIN_LETTERS = 20;

/**
 * franc scores the best language 1 and the others lower; a runner-up at or above this is too close to
 * call. Text in the wrong language scored 0.4 to 0.8 in our samples; English beside Spanish up to 0.99.
 */
export const UNSURE_SCORE = 0.9;

const BY_ISO = new Map<string, Language>(LANGUAGES.map((language) => [packFor(language).iso6393, language]));
const ONLY = [...BY_ISO.keys()];

export interface LanguageScore {
  language: Language;
  /** franc's score: 1 for the most likely language, lower for the others. */
  score: number;
}

/**
 * The registered languages `text` may be written in, most likely first (franc, trigram model, limited to
 * the packs' ISO 639-3 codes). Empty when the text is too short to judge or in no registered script.
 */
export function rankLanguages(text: string): LanguageScore[] {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return [];
  return francAll(text, { only: ONLY, minLength: 1 }).flatMap(([iso, score]) => {
    const language = BY_ISO.get(iso);
    return language ? [{ language, score }] : [];
  });
}
