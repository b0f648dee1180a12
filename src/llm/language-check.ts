import type { Language } from '../i18n/languages.js';
import { rankLanguages, UNSURE_SCORE } from '../i18n/text-language.js';

// Quoted passages are titles or names the model cites, often in the item's own language, not its prose.
const QUOTED = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]/g;

/**
 * A check that the model's text is written in `language` (franc over the registered languages): it
 * fails only when another language is clearly the better guess. Quoted titles are left out of the
 * judgement, and text too short to judge passes.
 */
export function looksLikeLanguage(text: string, language: Language): boolean {
  const ranked = rankLanguages(text.replace(QUOTED, ' '));
  if (ranked.length === 0 || ranked[0]!.language === language) return true;
  const own = ranked.find((r) => r.language === language)?.score ?? 0;
  return own >= UNSURE_SCORE;
}
