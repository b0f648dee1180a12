import type { ItemKind } from '../domain/item-kinds.js';
import type { Language } from '../i18n/languages.js';
import { languageFromTag } from '../i18n/language-tags.js';
import { fitToLimits } from '../items/item-limits.js';
import { emptyRecord } from '../items/item-record.js';
import { normalizeDoi, normalizeUrl, slugify } from '../items/normalize.js';
import { parseFrontMatter } from './front-matter.js';
import type { ParsedFile } from './parsed-file.js';
import { inlineMarkdownToText, markdownToText, summaryFromBody } from './text-cleanup.js';

/** Section folder → kind (Hugo sections and Jekyll collections, without the leading underscore). */
const SECTIONS: Record<string, ItemKind> = {
  project: 'project',
  projects: 'project',
  publication: 'publication',
  publications: 'publication',
  post: 'news',
  posts: 'news',
  news: 'news',
  blog: 'news',
  event: 'news',
  events: 'news',
};

/** Author profile keys (Hugo's content/authors/<key>) mapped to display names, when the site has them. */
export type AuthorNames = ReadonlyMap<string, string>;

/** The kind and stable key of a content file, from the section folder in its path onwards. */
export function contentKey(relPath: string): { kind: ItemKind | null; key: string; section: string | null } {
  const parts = relPath.split('/').filter(Boolean);
  let at = -1;
  for (let i = parts.length - 2; i >= 0; i--) {
    if (SECTIONS[parts[i]!.replace(/^_/, '').toLowerCase()]) {
      at = i;
      break;
    }
  }
  const tail = (at >= 0 ? parts.slice(at) : parts).map((p, i) => (i === 0 && at >= 0 ? p.replace(/^_/, '').toLowerCase() : p));
  const last = tail.length - 1;
  tail[last] = tail[last]!.replace(/\.(md|markdown)$/i, '');
  if (tail[last] === 'index' && tail.length > 1) tail.pop();
  const section = at >= 0 ? parts[at]!.replace(/^_/, '').toLowerCase() : null;
  return { kind: section ? SECTIONS[section]! : null, key: tail.join('/'), section };
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString();
  return null;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => !!s);
  const s = str(v);
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

/** A calendar date as written ("2026-10-03", "2026-10-03T10:00:00+02:00" → 2026-10-03). */
export function calendarDate(v: unknown): string | null {
  const s = str(v);
  const m = s ? /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) : null;
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null;
}

function language(v: unknown): Language | null {
  const s = str(v);
  return s ? languageFromTag(s) : null;
}

/** Author names in display order; Hugo profile keys become names when the site has the profile, else are left out. */
function authors(v: unknown, names: AuthorNames): string[] {
  return list(v)
    .map((a) => names.get(a) ?? (/^[a-z0-9_.-]+$/.test(a) ? null : a))
    .filter((a): a is string => !!a);
}

/**
 * Reads one Markdown content file (academic-theme front matter) into a record, or says why it is skipped.
 * Throws ParseError for invalid front matter.
 */
export function importMarkdown(text: string, relPath: string, names: AuthorNames = new Map()): ParsedFile {
  const skip = (reason: string): ParsedFile => ({ records: [], skipped: [{ reason }] });
  const base = relPath.split('/').pop() ?? relPath;
  if (/^_index\.(md|markdown)$/i.test(base)) return skip('section list page (_index.md), not an item');
  const { section, kind, key } = contentKey(relPath);
  if (relPath.split('/').includes('authors') && !section) return skip('author profile, not an item');
  const fm = parseFrontMatter(text);
  if (fm.unsupported) return skip(fm.unsupported);
  if (!fm.data) return skip('no front matter');
  const d = fm.data;
  if (d.draft === true || str(d.draft) === 'true') return skip('draft');
  const title = str(d.title) ? inlineMarkdownToText(str(d.title)!) : null;
  if (!title) return skip('no title in the front matter');
  const jekyllDate = /(?:^|\/)(\d{4}-\d{2}-\d{2})-[^/]+$/.exec(relPath)?.[1];
  const date = calendarDate(d.date) ?? calendarDate(d.publishDate) ?? calendarDate(jekyllDate);
  if (!date) return skip(str(d.date) ? `date "${str(d.date)}" is not a calendar date` : 'no date in the front matter');
  const stated = str(d.summary) ?? str(d.abstract) ?? str(d.description);
  const pubTypes = list(d.publication_types);
  const r = emptyRecord('markdown', key === 'index' || !key ? slugify(title) : key, title);
  Object.assign(r, {
    kind: kind ?? (pubTypes.length || d.publication ? 'publication' : null),
    summary: (stated ? markdownToText(stated) : summaryFromBody(fm.body)).replace(/\s*\n\s*/g, ' '),
    url: normalizeUrl(str(d.external_link) ?? str(d.url) ?? str(d.link)),
    authors: authors(d.authors ?? d.author, names),
    date,
    topics: [...new Set(list(d.tags).map(slugify).filter(Boolean))],
    language: language(d.lang ?? d.language ?? d.locale),
    venue: str(d.publication) ? inlineMarkdownToText(str(d.publication)!) || null : null,
    doi: normalizeDoi(str(d.doi)),
    pdfUrl: normalizeUrl(str(d.url_pdf)),
    external: d.external === true || d.external_collaborators === true,
  });
  return { records: [fitToLimits(r)], skipped: [] };
}
