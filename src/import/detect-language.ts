import type { Language } from '../i18n/languages.js';
import { stripAccents } from '../items/normalize.js';

// Frequent short words that are common in one language and rare in the other.
const STOP_WORDS: Record<Language, Set<string>> = {
  en: new Set(
    'the of and to in is are was were for on with that this by from as at an be it its we our which have has not or but their they these those can will would than into more about after between while how what when who'.split(
      ' ',
    ),
  ),
  es: new Set(
    'el la los las de del y en es son fue para por con que un una unos unas al se su sus lo como mas pero o ya entre sobre durante desde hasta nuestro nuestra nuestros este esta estos estas cual cuando donde quien muy tambien sin porque'.split(
      ' ',
    ),
  ),
};

/** Guesses English or Spanish from stop words (plus ñ and inverted marks); English when unsure. */
export function detectLanguage(text: string): Language {
  const lower = text.toLowerCase();
  let es = (lower.match(/[ñ¿¡]/g)?.length ?? 0) * 2;
  let en = 0;
  for (const word of stripAccents(lower).split(/[^a-z]+/)) {
    if (STOP_WORDS.es.has(word)) es++;
    if (STOP_WORDS.en.has(word)) en++;
  }
  return es > en ? 'es' : 'en';
}
