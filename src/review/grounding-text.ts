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
    const folded = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
    const same = folded.length === ch.length ? folded : ch.length === 1 ? ' ' : ch;
    out += same === '’' || same === '`' || same === '´' ? "'" : same;
  }
  return out;
}

/** A word of text: letters and digits, with inner apostrophes and hyphens ("O'Higgins", "López-Calva", "COVID-19"). */
export const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words of a text, folded. */
export function foldedWords(text: string): string[] {
  return foldSameLength(text.normalize('NFC')).match(WORD) ?? [];
}
