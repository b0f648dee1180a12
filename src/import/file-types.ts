/** The formats an import reads. */
export type ImportFormat = 'markdown' | 'bibtex' | 'feed' | 'data';

/** The format a file name says it has, or null for files an import ignores. */
export function formatOfName(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (/\.(md|markdown)$/.test(lower)) return 'markdown';
  if (lower.endsWith('.bib')) return 'bibtex';
  if (/\.(xml|rss|atom)$/.test(lower)) return 'feed';
  if (/\.ya?ml$/.test(lower)) return 'data';
  return null;
}

/** True for a YAML file a folder import reads: Jekyll's data files, in _data/ at the site's root. */
export function isSiteDataFile(rel: string): boolean {
  return /^_data\/[^/]+\.ya?ml$/i.test(rel);
}

/** The format of content whose name does not say (a URL, an upload): from the media type, else the first characters. */
export function sniffFormat(text: string, mediaType = ''): ImportFormat | null {
  const type = mediaType.toLowerCase();
  if (/xml|rss|atom/.test(type)) return 'feed';
  if (/bibtex|x-bib/.test(type)) return 'bibtex';
  if (/markdown/.test(type)) return 'markdown';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'feed';
  if (start.startsWith('@') || /^%.*\n\s*@/.test(start)) return 'bibtex';
  if (start.startsWith('---') || start.startsWith('+++')) return 'markdown';
  return null;
}
