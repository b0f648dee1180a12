import { parse, YAMLParseError } from 'yaml';
import { ParseError } from './import-errors.js';

/**
 * How many aliases (*name) a data file may use. Aliases that repeat each other grow exponentially once the
 * values are walked ("billion laughs"); real _data files use none or a handful.
 */
export const MAX_YAML_ALIASES = 100;
/** How deep a data file's lists and maps may nest; a lab's team or publication list goes three or four deep. */
export const MAX_YAML_DEPTH = 32;
/** How many entries one data file may give; the rest are left out and the summary says so. */
export const MAX_DATA_ENTRIES = 5000;

function depthOf(v: unknown, limit: number, depth = 0): number {
  if (depth > limit || !v || typeof v !== 'object') return depth;
  let deepest = depth;
  for (const child of Array.isArray(v) ? v : Object.values(v)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/**
 * Loads a YAML data file (Jekyll's _data/*.yml) with the `yaml` package: core schema (no custom tags, no code),
 * aliases and nesting bounded, a later duplicate key winning as in Jekyll. Throws ParseError with the line.
 */
export function loadYamlData(text: string): unknown {
  let data: unknown;
  try {
    data = parse(text.replace(/^\uFEFF/, ''), { schema: 'core', maxAliasCount: MAX_YAML_ALIASES, uniqueKeys: false, prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const reason = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ParseError(`invalid YAML: ${reason}`, err.linePos?.[0]?.line);
    }
    // The yaml package throws a ReferenceError for too many aliases, and may run out of stack on deep nesting.
    if (err instanceof ReferenceError) throw new ParseError(`YAML uses more than ${MAX_YAML_ALIASES} aliases`);
    if (err instanceof RangeError) throw new ParseError('the YAML is nested too deeply to read');
    throw err;
  }
  if (depthOf(data, MAX_YAML_DEPTH) > MAX_YAML_DEPTH) throw new ParseError(`YAML nested more than ${MAX_YAML_DEPTH} levels deep`);
  return data;
}
