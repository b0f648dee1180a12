import { lineAt, ParseError } from './import-errors.js';

/** One BibTeX entry with its raw field values (braces kept, macros expanded, # joined). */
export interface BibEntry {
  type: string;
  key: string;
  fields: Record<string, string>;
  line: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

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

/** Parses BibTeX: @string macros, # concatenation, @comment/@preamble, braces or quotes. Throws ParseError. */
export function parseBibtex(text: string): BibEntry[] {
  const r = new Reader(text);
  const macros = new Map<string, string>(MONTHS.map((m, i) => [m, MONTH_NAMES[i]!]));
  const entries: BibEntry[] = [];

  const value = (entryStart: number): string => {
    let out = '';
    for (;;) {
      r.skipSpace();
      const c = r.peek();
      if (c === '{') out += r.braced(entryStart);
      else if (c === '"') out += r.quoted(entryStart);
      else if (c !== undefined && /[0-9]/.test(c)) out += r.identifier('a number');
      else {
        const name = r.identifier('a value').toLowerCase();
        const expanded = macros.get(name);
        if (expanded === undefined) r.fail(`unknown @string macro "${name}"`);
        out += expanded;
      }
      r.skipSpace();
      if (r.peek() !== '#') return out;
      r.pos++;
    }
  };

  for (;;) {
    const at = text.indexOf('@', r.pos);
    if (at < 0) break;
    r.pos = at + 1;
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
    const key = r.identifier('a citation key');
    const fields: Record<string, string> = {};
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
    entries.push({ type, key, fields, line: lineAt(text, start) });
  }
  return entries;
}
