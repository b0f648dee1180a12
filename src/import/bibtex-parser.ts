// Kept hand-written: on 53 real .bib files it imports more entries than @retorquere/bibtex-parser under our refuse-a-broken-file rule, 20x faster, and survives @string bombs (bench/bibtex-compare.ts).
import { STANDARD_MACROS } from './bibtex-macros.js';
import { lineAt, ParseError } from './import-errors.js';

/** One BibTeX entry with its raw field values (braces kept, macros expanded, # joined). */
export interface BibEntry {
  type: string;
  key: string;
  fields: Record<string, string>;
  line: number;
}

/** A small recursive-descent reader over the file text; every error names the line. */
class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new ParseError(message, lineAt(this.text, at));
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '%') {
        // A % starts a comment to the end of the line (between fields, not inside values).
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      } else if (/\s/.test(c)) this.pos++;
      else break;
    }
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  expect(c: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== c) this.fail(`expected "${c}" but found ${this.describe()}`);
    this.pos++;
  }

  describe(): string {
    const c = this.text[this.pos];
    return c === undefined ? 'the end of the file' : `"${c}"`;
  }

  identifier(what: string): string {
    this.skipSpace();
    const m = /^[^\s"#%'(),={}]+/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) this.fail(`expected ${what} but found ${this.describe()}`);
    this.pos += m[0].length;
    return m[0];
  }

  /** A {...} group, braces balanced; returns the inner text. `start` is where the entry began, for the message. */
  braced(entryStart: number): string {
    const open = this.pos;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '\\') {
        this.pos++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        this.pos++;
        return this.text.slice(open + 1, this.pos - 1);
      }
      // An "@" at the start of a line inside an open value means the entry never closed.
      if (c === '\n' && /^\s*@\w+\s*[{(]/.test(this.text.slice(this.pos + 1, this.pos + 40)) && depth > 0) break;
    }
    this.fail('unbalanced braces: a "{" is never closed', entryStart);
  }

  quoted(entryStart: number): string {
    const open = this.pos++;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        this.pos++;
        return this.text.slice(open + 1, this.pos - 1);
      }
    }
    this.fail('unterminated quoted value', entryStart);
  }
}

/**
 * How many characters of values a file may expand to, as a multiple of its own size. @string macros that
 * double each other grow exponentially (thirty lines make gigabytes), and one long macro used in every entry
 * multiplies the work; real files stay well under three times their size.
 */
const EXPANSION_FACTOR = 10;
const MIN_EXPANSION_BUDGET = 1_000_000;
/** Whatever the file's size, values never expand past this (tens of MB of strings, not the heap). */
const MAX_EXPANSION_BUDGET = 32_000_000;

/** How many characters of values (macros, # joins, crossref copies) a file of `length` characters may expand to. */
export function expansionBudget(length: number): number {
  return Math.min(MAX_EXPANSION_BUDGET, Math.max(MIN_EXPANSION_BUDGET, length * EXPANSION_FACTOR));
}

/**
 * Walks the text forward once and knows, for the offset it was last moved to, the 1-based line and whether
 * that line is commented out. Offsets only go forward (entries come in order), so each character is looked at
 * once: going back to the start of the line for every "@" was quadratic on a long line.
 */
class LineTracker {
  line = 1;
  private at = 0;
  private lineStart = 0;
  private judgedLine = -1;
  private commented = false;
  constructor(readonly text: string) {}

  moveTo(offset: number): this {
    for (; this.at < offset; this.at++) {
      if (this.text.charCodeAt(this.at) === 10) {
        this.line++;
        this.lineStart = this.at + 1;
      }
    }
    return this;
  }

  /** True when the line starts with "%" (after blanks): an entry someone commented out. */
  commentedOut(): boolean {
    // Judged once per line, so blanks before many entries on one line are read once, not once per entry.
    if (this.judgedLine !== this.lineStart) {
      this.judgedLine = this.lineStart;
      const firstNonBlank = /[^ \t]/g;
      firstNonBlank.lastIndex = this.lineStart;
      this.commented = firstNonBlank.exec(this.text)?.[0] === '%';
    }
    return this.commented;
  }
}

/**
 * Copies into each entry with a `crossref` the fields it lacks from the entry it names, as BibTeX does. Each copy
 * counts against the expansion budget: a long parent named by every entry multiplies the importer's work as a
 * long macro does (a 28 KB file made 256 MB of abstracts).
 */
function applyCrossrefs(entries: BibEntry[], budget: number, expandedSoFar: number): void {
  const byKey = new Map(entries.map((e) => [e.key.toLowerCase(), e]));
  let expanded = expandedSoFar;
  const inherit = (e: BibEntry, name: string, value: string) => {
    expanded += value.length;
    if (expanded > budget) throw new ParseError(`values copied through crossref expand to more than ${budget} characters`, e.line);
    e.fields[name] = value;
  };
  for (const e of entries) {
    const parent = e.fields.crossref ? byKey.get(e.fields.crossref.trim().toLowerCase()) : undefined;
    if (!parent || parent === e) continue;
    for (const [name, value] of Object.entries(parent.fields)) if (e.fields[name] === undefined && name !== 'crossref') inherit(e, name, value);
    // biblatex: a proceedings' or collection's title is the booktitle of what it contains.
    if (e.fields.booktitle === undefined && parent.fields.title !== undefined) inherit(e, 'booktitle', parent.fields.title);
  }
}

/** Parses BibTeX: @string macros, # concatenation, @comment/@preamble, braces or quotes, crossref. Throws ParseError. */
export function parseBibtex(text: string): BibEntry[] {
  const r = new Reader(text);
  const macros = new Map<string, string>(STANDARD_MACROS);
  const entries: BibEntry[] = [];
  const lines = new LineTracker(text);
  const budget = expansionBudget(text.length);
  let expanded = 0;

  const value = (entryStart: number): string => {
    let out = '';
    for (;;) {
      r.skipSpace();
      const c = r.peek();
      if (c === '{') out += r.braced(entryStart);
      else if (c === '"') out += r.quoted(entryStart);
      else if (c !== undefined && /[0-9]/.test(c)) out += r.identifier('a number');
      else {
        // BibTeX warns about an undefined macro and reads it as empty; files that rely on a macro file
        // kept elsewhere (IEEEabrv.bib, strings.bib) are common, so do the same rather than refuse the file.
        out += macros.get(r.identifier('a value').toLowerCase()) ?? '';
      }
      if (expanded + out.length > budget) r.fail(`@string macros expand to more than ${budget} characters`, entryStart);
      r.skipSpace();
      if (r.peek() !== '#') {
        expanded += out.length;
        return out;
      }
      r.pos++;
    }
  };

  for (;;) {
    const at = text.indexOf('@', r.pos);
    if (at < 0) break;
    r.pos = at + 1;
    if (lines.moveTo(at).commentedOut()) {
      r.pos = text.indexOf('\n', at) + 1 || text.length;
      continue;
    }
    const start = at;
    const type = r.identifier('an entry type').toLowerCase();
    r.skipSpace();
    const opener = r.peek();
    if (opener !== '{' && opener !== '(') r.fail(`expected "{" after @${type} but found ${r.describe()}`);
    const closer = opener === '{' ? '}' : ')';
    if (type === 'comment' || type === 'preamble') {
      if (opener === '{') r.braced(start);
      else r.pos = text.indexOf(')', r.pos) + 1 || r.fail('unbalanced parentheses', start);
      continue;
    }
    r.pos++;
    if (type === 'string') {
      const name = r.identifier('a macro name').toLowerCase();
      r.expect('=');
      macros.set(name, value(start));
      r.expect(closer);
      continue;
    }
    r.skipSpace();
    // Some exports (Aigaion) write entries without a key: "@techreport{,". Read them; the importer skips them.
    const key = r.peek() === ',' ? '' : r.identifier('a citation key');
    // Without a prototype, a field named "constructor" or "__proto__" is a field like any other (and crossref copies it).
    const fields: Record<string, string> = Object.create(null);
    r.skipSpace();
    while (r.peek() === ',') {
      r.pos++;
      r.skipSpace();
      if (r.peek() === closer) break;
      const name = r.identifier('a field name').toLowerCase();
      r.expect('=');
      fields[name] = value(start);
      r.skipSpace();
    }
    if (r.peek() !== closer) {
      if (r.peek() === undefined) r.fail('unbalanced braces: the entry is never closed', start);
      r.fail(`expected "," or "${closer}" after a field but found ${r.describe()}`);
    }
    r.pos++;
    entries.push({ type, key, fields, line: lines.moveTo(start).line });
  }
  applyCrossrefs(entries, budget, expanded);
  return entries;
}
