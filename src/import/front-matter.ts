import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { ParseError } from './import-errors.js';

/** A Markdown file split into its YAML front matter and its body. */
export interface FrontMatterFile {
  data: Record<string, unknown> | null;
  /** Set when the file has front matter in a format labdigest does not read (TOML, JSON). */
  unsupported?: string;
  body: string;
}

/** Splits "---\nyaml\n---\nbody" and loads the YAML safely (core schema: no custom types, no code). */
export function parseFrontMatter(text: string): FrontMatterFile {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (src.startsWith('+++\n')) return { data: null, unsupported: 'TOML front matter (+++) is not supported', body: src };
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(src);
  if (!m) {
    if (src.startsWith('---\n')) throw new ParseError('front matter starts with --- but is never closed', 1);
    return { data: null, body: src };
  }
  let data: unknown;
  try {
    data = load(m[1]!, { schema: CORE_SCHEMA });
  } catch (err) {
    if (err instanceof YAMLException) {
      const reason = err.message.split('\n')[0]!.replace(/\s*\(\d+:\d+\)\s*$/, '');
      // The YAML starts on the file's second line, after the opening ---.
      throw new ParseError(`invalid YAML front matter: ${reason}`, err.mark ? err.mark.line + 2 : undefined);
    }
    throw err;
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ParseError('front matter must be a YAML mapping (key: value lines)', 2);
  return { data: data as Record<string, unknown>, body: src.slice(m[0].length) };
}
