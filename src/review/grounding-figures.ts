import type { Language } from '../i18n/languages.js';
import { NUMBER_WORDS } from './grounding-words.js';
import { foldSameLength } from './grounding-text.js';

/** A currency a figure names; `$` alone may be dollars or pesos. */
type Currency = 'usd' | 'eur' | 'gbp' | 'peso' | '$';

/** A figure found in a text: where it is, what it may mean, and how to report it. */
export interface Figure {
  start: number;
  end: number;
  /** The number as written, separators included ("1.200", "3,5"). */
  digits: string;
  /** The values it may stand for (a Spanish "1,200" may be 1200 or 1.2), scale applied. */
  values: number[];
  percent: boolean;
  /** A scale word or letter followed it ("2 million", "€5M"). */
  scaled: boolean;
  currency: Currency | null;
}

/** What the sources say in figures: every value (with the currencies it came with; '' for none), the percentages, and the raw numbers. */
export interface FigureIndex {
  values: Map<number, Set<Currency | ''>>;
  percents: Set<number>;
  digits: Set<string>;
}

// A run of digits and the separators that may group or split them; interpreted in code, not by backtracking.
const NUMBER_RUN = /\d+(?:[.,\s]\d+)*/gu;
const SPACE = /\s/u;
const GLUED_BEFORE = /[\p{L}\p{N}_]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const LETTER_RUN = /\p{L}+/gu;

const CURRENCY_BEFORE = /(?<![\p{L}\p{N}])(us\$|clp\$|mxn\$|r\$|\$|€|£|usd|eur|clp|mxn|gbp)\s?$/u;
const CURRENCY_AFTER = /\s?(?:de\s)?(€|£|euros?|dolares|dollars?|dolar|pesos?|libras?|pounds?|usd|eur|clp|mxn|gbp)(?![\p{L}\p{N}])/uy;
const PERCENT_AFTER = /\s?(%|percentage points?|percent|per cent|por ciento|puntos porcentuales|p\.p\.|pp)(?![\p{L}\p{N}])/uy;
const SCALE_AFTER = /\s?(mil millones|millones|millon|millions?|mill\.|billones|billon|billions?|thousands?|mil|bn)(?![\p{L}\p{N}])/uy;
const GLUED_SCALE_AFTER = /(mm|m|k|bn)(?![\p{L}\p{N}])/uy;
const ORDINAL_AFTER = /(st|nd|rd|th|er|ra|ro|do|to|\.?[ºª°]|'?s)(?![\p{L}\p{N}])/uy;

const SCALES: Record<string, number> = {
  'mil millones': 1e9,
  millones: 1e6,
  millon: 1e6,
  million: 1e6,
  millions: 1e6,
  'mill.': 1e6,
  mm: 1e6,
  m: 1e6,
  billones: 1e12,
  billon: 1e12,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  thousand: 1e3,
  thousands: 1e3,
  mil: 1e3,
  k: 1e3,
};

const CURRENCIES: Record<string, Currency> = {
  $: '$',
  us$: 'usd',
  usd: 'usd',
  dollar: 'usd',
  dollars: 'usd',
  dolar: 'usd',
  dolares: 'usd',
  '€': 'eur',
  eur: 'eur',
  euro: 'eur',
  euros: 'eur',
  '£': 'gbp',
  gbp: 'gbp',
  pound: 'gbp',
  pounds: 'gbp',
  libra: 'gbp',
  libras: 'gbp',
  clp$: 'peso',
  mxn$: 'peso',
  clp: 'peso',
  mxn: 'peso',
  peso: 'peso',
  pesos: 'peso',
  r$: 'peso',
};

/** Rounds away float noise so that 2.5 × 1e6 and 2500000 are the same key. */
const key = (value: number): number => Number(value.toPrecision(12));

/**
 * The values a written number may have. One separator followed by three digits is ambiguous: in an
 * English line "1,200" is 1200 and "1.200" is 1.2; in a Spanish line "1.200" is 1200 and "1,200" may be
 * either (Mexico groups with commas); in the sources (`null`), whose language is not known, it is both.
 */
function readings(written: string, language: Language | null): number[] {
  const spaced = SPACE.test(written);
  const s = written.replace(/\s/gu, '');
  const seps = s.match(/[.,]/g) ?? [];
  const groups = s.split(/[.,]/);
  const first = groups[0]!;
  const last = groups[groups.length - 1]!;
  const inner = groups.slice(1, -1);
  if (seps.length === 0) return [Number(s)];
  const grouped = (gs: string[]) => gs.every((g) => g.length === 3);
  if (new Set(seps).size === 2) {
    const ok = seps.slice(0, -1).every((c) => c === seps[0]) && first.length <= 3 && grouped(inner);
    return ok ? [Number(`${groups.slice(0, -1).join('')}.${last}`)] : [];
  }
  if (seps.length > 1) return first.length <= 3 && grouped(groups.slice(1)) ? [Number(groups.join(''))] : [];
  const decimal = Number(`${first}.${last}`);
  if (spaced || last.length !== 3 || first.length > 3 || first === '0') return [decimal];
  const thousands = Number(first + last);
  const sep = seps[0];
  if (language === 'en') return [sep === ',' ? thousands : decimal];
  if (language === 'es' && sep === '.') return [thousands];
  return [thousands, decimal];
}

/** Splits a run of digits at spaces, except where a space groups thousands ("1 200", "12 500 000"). */
function chunks(run: string, offset: number): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const re = /\S+/gu;
  for (let m = re.exec(run); m !== null; m = re.exec(run)) {
    const prev = out[out.length - 1];
    const joins = prev !== undefined && /^\d{1,3}(?:\s\d{3})*$/u.test(prev.text) && /^\d{3}(?:[.,]\d+)?$/u.test(m[0]);
    if (joins) prev.text = run.slice(prev.start - offset, m.index + m[0].length);
    else out.push({ start: offset + m.index, text: m[0] });
  }
  return out;
}

/** Reads the words right after a number at `at` with a sticky pattern; returns the match or null. */
function after(pattern: RegExp, folded: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(folded);
}

/** Every figure in `text` (numbers, decimals, percentages, years, amounts, ordinals) with its possible values. */
export function findFigures(text: string, language: Language | null): Figure[] {
  const folded = foldSameLength(text);
  const figures: Figure[] = [];
  NUMBER_RUN.lastIndex = 0;
  for (let run = NUMBER_RUN.exec(folded); run !== null; run = NUMBER_RUN.exec(folded)) {
    for (const chunk of chunks(run[0], run.index)) {
      const figure = readFigure(folded, chunk.start, chunk.text.trimEnd(), language);
      if (figure !== null) figures.push(figure);
    }
  }
  return figures;
}

function readFigure(folded: string, start: number, digits: string, language: Language | null): Figure | null {
  const before = folded[start - 1] ?? '';
  // A number glued to letters is part of a name or code ("COVID-19", "H1N1", "G20"), which the name check sees.
  if (GLUED_BEFORE.test(before) || (before === '-' && LETTER.test(folded[start - 2] ?? ''))) return null;
  let begin = start;
  let currency: Currency | null = null;
  const prefix = CURRENCY_BEFORE.exec(folded.slice(Math.max(0, start - 7), start));
  if (prefix !== null) {
    currency = CURRENCIES[prefix[1]!] ?? null;
    begin = start - prefix[0].length;
  }
  let end = start + digits.length;
  let scale = 1;
  let percent = false;
  const ordinal = after(ORDINAL_AFTER, folded, end);
  if (ordinal !== null) end += ordinal[0].length;
  else {
    const word = after(SCALE_AFTER, folded, end) ?? (currency !== null ? after(GLUED_SCALE_AFTER, folded, end) : null);
    if (word !== null) {
      scale = SCALES[word[1]!] ?? 1;
      end += word[0].length;
    }
    const pct = after(PERCENT_AFTER, folded, end);
    if (pct !== null) {
      percent = true;
      end += pct[0].length;
    } else {
      const unit = after(CURRENCY_AFTER, folded, end);
      if (unit !== null && (currency === null || unit[1]!.length > 1)) {
        currency ??= CURRENCIES[unit[1]!] ?? null;
        end += unit[0].length;
      }
    }
  }
  // Digits running on into letters ("5G", "3D") name a thing, not a quantity.
  if (LETTER_OR_DIGIT.test(folded[end] ?? '') && LETTER_OR_DIGIT.test(folded[end - 1] ?? '')) return null;
  const values = readings(digits, language).map((v) => key(v * scale));
  return { start: begin, end, digits, values, percent, scaled: scale !== 1, currency };
}

/** Indexes the figures of every source, and the numbers they spell out in words ("twelve", "doce"). */
export function indexFigures(sources: readonly string[]): FigureIndex {
  const index = emptyFigureIndex();
  const add = (value: number, currency: Currency | '') => {
    const set = index.values.get(value) ?? new Set();
    set.add(currency);
    index.values.set(value, set);
  };
  for (const source of sources) {
    for (const figure of findFigures(source, null)) {
      index.digits.add(figure.digits);
      for (const value of figure.values) {
        add(value, figure.currency ?? '');
        if (figure.percent) index.percents.add(value);
      }
    }
    const folded = foldSameLength(source);
    LETTER_RUN.lastIndex = 0;
    for (let word = LETTER_RUN.exec(folded); word !== null; word = LETTER_RUN.exec(folded)) {
      const value = NUMBER_WORDS.get(word[0]);
      if (value === undefined) continue;
      add(value, '');
      // "twelve percent", "half of": a line may say "12%", "50%".
      if (after(PERCENT_AFTER, folded, LETTER_RUN.lastIndex) !== null || word[0] === 'half' || word[0] === 'mitad') index.percents.add(value);
    }
  }
  return index;
}

export function emptyFigureIndex(): FigureIndex {
  return { values: new Map(), percents: new Set(), digits: new Set() };
}

/** Adds what `part` holds to `into` (`part` is left as it was). */
export function mergeFigureIndex(into: FigureIndex, part: FigureIndex): void {
  for (const [value, currencies] of part.values) {
    const set = into.values.get(value);
    if (set === undefined) into.values.set(value, new Set(currencies));
    else for (const c of currencies) set.add(c);
  }
  for (const p of part.percents) into.percents.add(p);
  for (const d of part.digits) into.digits.add(d);
}

const compatible = (a: Currency, b: Currency | ''): boolean =>
  b === '' || a === b || (a === '$' && (b === 'usd' || b === 'peso')) || (b === '$' && (a === 'usd' || a === 'peso'));

/** True when the sources hold this figure: the same value (a percentage as a percentage, an amount in a compatible currency). */
export function figureGrounded(figure: Figure, index: FigureIndex): boolean {
  if (!figure.percent && !figure.scaled && figure.currency === null && index.digits.has(figure.digits)) return true;
  return figure.values.some((value) => {
    if (figure.percent) return index.percents.has(value);
    const currencies = index.values.get(value);
    if (currencies === undefined) return false;
    return figure.currency === null || [...currencies].some((c) => compatible(figure.currency!, c));
  });
}
