import type { Language } from '../i18n/languages.js';
import { rankLanguages, UNSURE_SCORE } from '../i18n/text-language.js';

const QUOTED = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]/g;
const QUOTE_MARKS = /^["“„«]|["”»“]$/g;

const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A check that the model's text is written in `language` (franc over the registered languages): it
 * fails only when another language is clearly the better guess, and text too short to judge passes.
 * A quoted passage is left out of the judgement only when it quotes the data the model was given (a
 * title or venue in `quotable`, often in the item's own language); anything else quoted is the model's
 * own prose, and a whole answer in quotes must not slip through in the wrong language.
 */
export function looksLikeLanguage(text: string, language: Language, quotable: readonly string[] = []): boolean {
  const sources = quotable.map(normalise).filter(Boolean);
  const citesData = (quoted: string) => {
    const inner = normalise(quoted.replace(QUOTE_MARKS, ''));
    return inner.length > 0 && sources.some((source) => source.includes(inner));
  };
  const ranked = rankLanguages(text.replace(QUOTED, (quoted) => (citesData(quoted) ? ' ' : quoted)));
  if (ranked.length === 0 || ranked[0]!.language === language) return true;
  const own = ranked.find((r) => r.language === language)?.score ?? 0;
  return own >= UNSURE_SCORE;
}
