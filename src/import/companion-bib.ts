import { contentKey } from './markdown-import.js';

/**
 * The page a `cite.bib` belongs to (Hugo Blox keeps a publication's BibTeX beside its index.md): the page's
 * Markdown source key, or null for any other .bib file.
 */
export function companionPageKey(rel: string): string | null {
  const parts = rel.split('/');
  if (parts.pop()?.toLowerCase() !== 'cite.bib' || parts.length === 0) return null;
  const page = contentKey(`${parts.join('/')}/index.md`);
  return page.section ? page.key : null;
}

/** The inputs in the order they are imported: each cite.bib after every page, so its page's item exists. */
export function pagesBeforeCompanions<T extends { rel: string }>(inputs: T[]): T[] {
  return [...inputs.filter((i) => companionPageKey(i.rel) === null), ...inputs.filter((i) => companionPageKey(i.rel) !== null)];
}
