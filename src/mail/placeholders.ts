/**
 * The tiny template language used after MJML has run: `{{name}}` is a value, `<!--ld:begin:name-->` …
 * `<!--ld:end:name-->` is a block (repeated for an array, shown for a true or non-empty value;
 * `begin:!name` shows it when the value is empty). MJML keeps HTML comments, so blocks survive the
 * compiler and the repeating parts of the digest are cut out of its output as reusable fragments.
 */
export type Part = string | { value: string } | { block: string; inverted: boolean; body: Part[] };

export type ScopeValue = string | boolean | null | undefined | readonly Scope[];
export interface Scope {
  readonly [key: string]: ScopeValue;
}

/** Rendered output with some values left open: texts[0] slot[0] texts[1] … (texts has one more entry). */
export interface Segments {
  readonly texts: readonly string[];
  readonly slots: readonly string[];
}

export type Escape = (value: string) => string;

const TOKEN = /\{\{\s*([A-Za-z]\w*)\s*\}\}|<!--ld:(begin|end):(!?)([A-Za-z]\w*)-->/g;
const LINE_END = /[ \t]*(?:\r?\n|$)/y;

/** Parses a template once into parts; a marker alone on its line takes its line with it. */
export function parseTemplate(src: string): Part[] {
  const root: Part[] = [];
  const stack: Array<{ block: string; inverted: boolean; body: Part[] }> = [];
  let current = root;
  let last = 0;
  for (const m of src.matchAll(TOKEN)) {
    let start = m.index;
    let end = start + m[0].length;
    if (m[2]) {
      const lineStart = src.lastIndexOf('\n', start - 1) + 1;
      LINE_END.lastIndex = end;
      const after = LINE_END.exec(src);
      if (lineStart >= last && /^[ \t]*$/.test(src.slice(lineStart, start)) && after) {
        start = lineStart;
        end += after[0].length;
      }
    }
    if (start > last) current.push(src.slice(last, start));
    last = end;
    if (m[1]) {
      current.push({ value: m[1] });
    } else if (m[2] === 'begin') {
      const block = { block: m[4]!, inverted: m[3] === '!', body: [] as Part[] };
      current.push(block);
      stack.push(block);
      current = block.body;
    } else {
      const open = stack.pop();
      if (!open || open.block !== m[4] || open.inverted !== (m[3] === '!')) {
        throw new Error(`Template block end "${m[3]}${m[4]}" does not match "${open ? open.block : 'nothing'}"`);
      }
      current = stack.length ? stack[stack.length - 1]!.body : root;
    }
  }
  if (stack.length) throw new Error(`Template block "${stack[stack.length - 1]!.block}" is never closed`);
  if (last < src.length) current.push(src.slice(last));
  return root;
}

function lookup(scopes: readonly Scope[], name: string): ScopeValue {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i]!;
    if (Object.hasOwn(s, name)) return s[name];
  }
  return undefined;
}

function isShown(value: ScopeValue): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/**
 * Renders parts with escaped values; names in `open` that the scope lacks stay as slots to fill later.
 * Values never get parsed again, so text that looks like `{{name}}` stays text.
 */
export function renderParts(parts: readonly Part[], scope: Scope, escapeValue: Escape, open: ReadonlySet<string> = new Set()): Segments {
  const texts: string[] = [];
  const slots: string[] = [];
  let buf = '';
  const walk = (list: readonly Part[], scopes: readonly Scope[]) => {
    for (const part of list) {
      if (typeof part === 'string') {
        buf += part;
      } else if ('value' in part) {
        const v = lookup(scopes, part.value);
        if (typeof v === 'string') buf += escapeValue(v);
        else if (v === undefined && open.has(part.value)) {
          texts.push(buf);
          slots.push(part.value);
          buf = '';
        } else throw new Error(`Template value "${part.value}" is missing or not text`);
      } else {
        const v = lookup(scopes, part.block);
        if (part.inverted) {
          if (!isShown(v)) walk(part.body, scopes);
        } else if (Array.isArray(v)) {
          for (const child of v as readonly Scope[]) walk(part.body, [...scopes, child]);
        } else if (isShown(v)) walk(part.body, scopes);
      }
    }
  };
  walk(parts, [scope]);
  texts.push(buf);
  return { texts, slots };
}

/** Fills the open slots; every value is escaped. Pure string work, meant to run once per reader. */
export function fillSegments(seg: Segments, values: Readonly<Record<string, string>>, escapeValue: Escape): string {
  let out = seg.texts[0]!;
  for (let i = 0; i < seg.slots.length; i++) {
    const name = seg.slots[i]!;
    const v = values[name];
    if (v === undefined) throw new Error(`Template value "${name}" was not given`);
    out += escapeValue(v) + seg.texts[i + 1]!;
  }
  return out;
}

/** Applies a change to the literal text between slots (e.g. tidying blank lines once per profile). */
export function mapTexts(seg: Segments, fn: (text: string) => string): Segments {
  return { texts: seg.texts.map(fn), slots: seg.slots };
}
