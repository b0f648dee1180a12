/** Text helpers shared by the figure and name parts of the grounding check. */

/** Lines longer than this are checked only up to here: model lines are at most a few hundred characters. */
export const MAX_CHECKED_CHARS = 4000;

const MARKS = /\p{M}/gu;

/**
 * Lower case without accents ("Martínez" → "martinez", "Ñuñoa" → "nunoa"), one character for one, so
 * that an index into the folded text is an index into the original (the caller passes NFC text).
 */
export function foldSameLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    // Plain ASCII folds by lower-casing alone (all but the backtick); only other characters are decomposed, once each.
    if (code < 0x80 && code !== 0x60) out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
    else out += foldChar(ch);
  }
  return out;
}

const FOLDED_CHARS = new Map<string, string>();
const FOLDED_CHARS_MAX = 4096;

/** One character folded: accents dropped, lower case, apostrophe-like marks as `'`; a character that would change length becomes a space (or stays, when astral). */
function foldChar(ch: string): string {
  const known = FOLDED_CHARS.get(ch);
  if (known !== undefined) return known;
  const folded = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
  const same = folded.length === ch.length ? folded : ch.length === 1 ? ' ' : ch;
  const result = same === '’' || same === '`' || same === '´' ? "'" : same;
  if (FOLDED_CHARS.size < FOLDED_CHARS_MAX) FOLDED_CHARS.set(ch, result);
  return result;
}

/** A word of text: letters and digits, with inner apostrophes and hyphens ("O'Higgins", "López-Calva", "COVID-19"). */
export const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words of a text, folded. */
export function foldedWords(text: string): string[] {
  return foldSameLength(text.normalize('NFC')).match(WORD) ?? [];
}
