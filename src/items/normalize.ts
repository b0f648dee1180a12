/** Removes accents (é → e, ñ → n) by dropping combining marks after NFD decomposition. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** The dedupe key of a title: lower-case, no accents, no punctuation, single spaces. */
export function normalizeTitle(title: string): string {
  return stripAccents(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A topic slug from a tag: "Labour Markets" → "labour-markets", "Educación" → "educacion". */
export function slugify(tag: string): string {
  return stripAccents(tag)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/** A DOI as stored: lower-case, without a resolver prefix or "doi:"; null when it does not look like one. */
export function normalizeDoi(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const doi = raw
    .trim()
    .replace(/^doi:\s*/i, '')
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
    .toLowerCase();
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : null;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A URL as a dedupe key: no fragment, no trailing slash difference, host lower-cased; null if not http(s). */
export function normalizeUrl(raw: string | null | undefined): string | null {
  if (!raw || !isHttpUrl(raw.trim())) return null;
  const u = new URL(raw.trim());
  u.hash = '';
  return u.toString();
}

/** The URL key used to match the same work: scheme-less and without a trailing slash. */
export function urlMatchKey(url: string): string {
  return url
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * True when a URL can name one work: not a bare site root (http://example.org, https://github.com/), which
 * templates leave as a placeholder link in many pages at once.
 */
export function isOwnPageUrl(url: string | null | undefined): url is string {
  if (!url || !isHttpUrl(url)) return false;
  const u = new URL(url);
  return u.pathname.replace(/\/+$/, '') !== '' || u.search !== '';
}
