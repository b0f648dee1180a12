import { normalizeUrl } from '../items/normalize.js';

/** A scalar of front matter or a data file as trimmed text; null for empty, lists and maps. */
export function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString();
  return null;
}

/** A list of texts, from a YAML list or a comma-separated text. */
export function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => !!s);
  const s = str(v);
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

/** A mapping, or null for anything else. */
export function map(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** An absolute http(s) address from a field, or null (relative paths, mailto: and placeholders such as "#"). */
export function httpUrl(v: unknown): string | null {
  return normalizeUrl(str(v));
}
