import type { Language } from '../i18n/languages.js';

// Frequent function words that are unambiguous between the two languages ("a", "no", "me" are not).
const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    'the and of to in is are was were for with this that these those on your you it its from about how what which who we our their they be been by as at an or but not new has have will can into than more most also'.split(' '),
  ),
  es: new Set(
    'el la los las del y en que es son era para con por una un su sus tu tus este esta estos estas ese esa sobre cómo como qué cual se al lo más nuevo nueva nuevos nuevas también entre pero muy ha han será puede desde hasta nuestro nuestra'.split(' '),
  ),
};

/** How many stop words of each language the text contains. */
export function stopWordCounts(text: string): Record<Language, number> {
  const counts: Record<Language, number> = { en: 0, es: 0 };
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  for (const word of words) {
    for (const language of Object.keys(STOP_WORDS) as Language[]) {
      if (STOP_WORDS[language].has(word)) counts[language] += 1;
    }
  }
  return counts;
}

/**
 * A cheap check that text is written in `language`: it fails only when another language's stop words
 * clearly outnumber the requested one's. Short texts with few stop words pass (too little to judge), and
 * titles or names quoted in another language do not tip a text that is otherwise in the right one.
 */
export function looksLikeLanguage(text: string, language: Language): boolean {
  const counts = stopWordCounts(text);
  const own = counts[language];
  const others = (Object.keys(counts) as Language[]).filter((l) => l !== language).map((l) => counts[l]);
  const strongestOther = Math.max(0, ...others);
  if (own + strongestOther < 3) return true;
  return strongestOther <= own;
}
