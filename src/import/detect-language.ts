import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';
import { rankLanguages, UNSURE_SCORE } from '../i18n/text-language.js';

/**
 * Guesses an imported item's language from its text (franc over the registered languages). The default
 * language when unsure: text too short to judge, or a runner-up too close to the best guess.
 */
export function detectLanguage(text: string): Language {
  const [best, runnerUp] = rankLanguages(text);
  if (!best) return DEFAULT_LANGUAGE;
  if (best.language !== DEFAULT_LANGUAGE && runnerUp && runnerUp.score >= UNSURE_SCORE) return DEFAULT_LANGUAGE;
  return best.language;
}
