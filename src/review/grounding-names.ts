import { ABBREVIATIONS, COMMON_WORDS, NAME_PARTICLES } from './grounding-words.js';
import { foldedWords, foldSameLength, WORD } from './grounding-text.js';

/** Capitalised words side by side within a name ("Rosa Martínez", "London School"), with their significant words folded. */
export interface NamePart {
  start: number;
  end: number;
  words: string[];
}

/**
 * A name found in a line: a capitalised word or run of words, its parts joined by particles ("Rosa Martínez",
 * "Universidad de Chile" = "Universidad" + "Chile", "MIT").
 */
export interface NameCandidate {
  parts: NamePart[];
}

/**
 * What the sources say in words: every word, the stems of words (a line's "Chilean" from "Chile"), the
 * stems of demonyms (a line's "Chile" from "Chilean"), and the initials of capitalised runs (for "MIT").
 */
export interface NameIndex {
  words: Set<string>;
  stems: Set<string>;
  demonymStems: Set<string>;
  initials: Set<string>;
}

interface Token {
  text: string;
  folded: string;
  start: number;
  end: number;
  capitalised: boolean;
  acronym: boolean;
  possessive: boolean;
  /** Begins a sentence (or a quotation, a parenthesis, a list entry), where any word is capitalised. */
  sentenceStart: boolean;
  /** Only spaces separate it from the word before, so it may continue a name. */
  joined: boolean;
}

const UPPER = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const LETTERS = /\p{L}/gu;
const POSSESSIVE = /['’]s$/u;
const SENTENCE_MARK = /[.!?:;…¿¡•"“”«»()[\]—–\n]/u;
const ROMAN = /^(?:x{0,3})(?:ix|iv|v?i{0,3})$/;
/** Endings of demonyms and adjectives made from place names ("Chilean", "Mexican", "Brazilian", "chilenos"). */
const DEMONYM_ENDINGS = [
  'ians',
  'ian',
  'eans',
  'ean',
  'ans',
  'an',
  'ese',
  'ish',
  'i',
  'enos',
  'enas',
  'eno',
  'ena',
  'anos',
  'anas',
  'ano',
  'ana',
  'ense',
  'enses',
];

function tokenise(text: string): Token[] {
  const folded = foldSameLength(text);
  const tokens: Token[] = [];
  let previousEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const gap = text.slice(previousEnd, m.index);
    const prev = tokens[tokens.length - 1];
    const raw = m[0];
    const possessive = POSSESSIVE.test(raw);
    const word = possessive ? raw.slice(0, -2) : raw;
    const letters = word.match(LETTERS) ?? [];
    const abbreviation = prev !== undefined && /^\.\s/u.test(gap) && (ABBREVIATIONS.has(prev.folded) || /^\p{Lu}$/u.test(prev.text));
    const numberJoin = /^[.,]$/u.test(gap) && /\d$/u.test(prev?.text ?? '') && /^\d/u.test(raw);
    tokens.push({
      text: word,
      folded: folded.slice(m.index, m.index + word.length),
      start: m.index,
      end: m.index + word.length,
      capitalised: UPPER.test(word),
      acronym: letters.length >= 2 && !HAS_LOWER.test(word),
      possessive,
      sentenceStart: prev === undefined || (SENTENCE_MARK.test(gap) && !abbreviation && !numberJoin),
      joined: prev !== undefined && gap.trim() === '' && !prev.possessive,
    });
    previousEnd = m.index + raw.length;
  }
  return tokens;
}

/** Splits the tokens into runs of capitalised words, joined by name particles ("de", "la", "of"). */
function runs(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  const close = () => {
    while (current.length > 0 && !current[current.length - 1]!.capitalised) current.pop();
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const continues = current.length > 0 && token.joined;
    if (token.capitalised) {
      if (!continues) close();
      current.push(token);
    } else if (continues && NAME_PARTICLES.has(token.folded) && tokens[i + 1]?.joined === true) {
      current.push(token);
    } else close();
  }
  close();
  return out;
}

/** A word that carries no name by itself: an article, a pronoun, a month, a single letter, a Roman numeral. */
function insignificant(token: Token): boolean {
  const letters = token.folded.match(LETTERS)?.length ?? 0;
  return letters < 2 || COMMON_WORDS.has(token.folded) || NAME_PARTICLES.has(token.folded) || (token.acronym && ROMAN.test(token.folded));
}

/**
 * The names in a line. A lone capitalised word that begins a sentence is not taken for a name ("Researchers
 * found…", "Este estudio…"): without a dictionary it cannot be told from a common word, unless it is an
 * acronym, a possessive ("Soto's team") or begins a run of capitalised words ("Rosa Martínez shows").
 */
export function findNames(line: string): NameCandidate[] {
  const names: NameCandidate[] = [];
  for (const run of runs(tokenise(line))) {
    const significant = run.filter((t) => !insignificant(t));
    const first = significant[0];
    if (first === undefined) continue;
    const lone = significant.length === 1 && run[0] === first;
    if (lone && first.sentenceStart && !first.acronym && !first.possessive) continue;
    const parts: NamePart[] = [];
    let part: Token[] = [];
    const closePart = () => {
      const words = part.filter((t) => !insignificant(t));
      if (words.length > 0) parts.push({ start: words[0]!.start, end: words[words.length - 1]!.end, words: words.map((t) => t.folded) });
      part = [];
    };
    for (const token of run) {
      if (token.capitalised) part.push(token);
      else closePart();
    }
    closePart();
    names.push({ parts });
  }
  return names;
}

/** Indexes the words of every source, with hyphenated words also by their parts. */
export function indexNames(sources: readonly string[]): NameIndex {
  const index = emptyNameIndex();
  for (const source of sources) {
    for (const word of foldedWords(source)) {
      const bare = word.replace(POSSESSIVE, '');
      index.words.add(bare);
      for (const part of bare.split(/['-]/)) index.words.add(part);
      if (bare.length >= 4) {
        index.stems.add(bare);
        index.stems.add(bare.replace(/[aeiou]$/, ''));
        for (const ending of DEMONYM_ENDINGS) {
          if (bare.endsWith(ending) && bare.length - ending.length >= 4) index.demonymStems.add(bare.slice(0, -ending.length));
        }
      }
    }
    for (const run of runs(tokenise(source))) {
      const initials = run
        .filter((t) => !NAME_PARTICLES.has(t.folded))
        .map((t) => t.folded[0])
        .join('');
      if (initials.length >= 2) index.initials.add(initials);
    }
  }
  return index;
}

export function emptyNameIndex(): NameIndex {
  return { words: new Set(), stems: new Set(), demonymStems: new Set(), initials: new Set() };
}

/** Adds what `part` holds to `into` (`part` is left as it was). */
export function mergeNameIndex(into: NameIndex, part: NameIndex): void {
  for (const key of ['words', 'stems', 'demonymStems', 'initials'] as const) for (const value of part[key]) into[key].add(value);
}

/** True when the sources hold this word: as a word, as each part of a hyphenated word, as a place name's demonym, or as initials. */
function wordGrounded(word: string, index: NameIndex): boolean {
  if (index.words.has(word) || index.initials.has(word)) return true;
  const parts = word.split(/['-]/).filter((p) => p.length > 1);
  if (parts.length > 1 && parts.every((p) => index.words.has(p) || COMMON_WORDS.has(p))) return true;
  if (index.demonymStems.has(word) || index.demonymStems.has(word.replace(/[aeiou]$/, ''))) return true;
  return DEMONYM_ENDINGS.some((ending) => word.endsWith(ending) && index.stems.has(word.slice(0, -ending.length)));
}

/**
 * Where the name goes beyond the sources: from the first to the last of its parts holding a word they lack
 * ("London School of Economics" in "Rosa Martínez of the London School of Economics"), or null when every
 * significant word appears ("Martínez" alone passes when they have "Rosa Martínez").
 */
export function ungroundedSpan(name: NameCandidate, index: NameIndex): { start: number; end: number } | null {
  const failing = name.parts.filter((part) => !part.words.every((word) => wordGrounded(word, index)));
  if (failing.length === 0) return null;
  return { start: failing[0]!.start, end: failing[failing.length - 1]!.end };
}
