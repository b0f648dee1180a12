import type { ItemKind } from '../domain/item-kinds.js';
import type { Language } from '../i18n/languages.js';
import { languageFromTag } from '../i18n/language-tags.js';
import { fitToLimits } from '../items/item-limits.js';
import { emptyRecord, type ItemRecord } from '../items/item-record.js';
import { isOwnPageUrl, normalizeDoi, normalizeUrl, slugify } from '../items/normalize.js';
import { list, map, str } from './field-values.js';
import { parseFrontMatter } from './front-matter.js';
import { authorKey, hugoAuthor } from './hugo-author.js';
import { type EventFields, hugoEventFields } from './hugo-event.js';
import { type PageDate, pageDate } from './page-dates.js';
import { declaredSection, isDraft, notAnItem } from './page-rules.js';
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
  event: 'event',
  events: 'event',
  talk: 'event',
  talks: 'event',
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

/** The note the summary gives for a page whose date is not in its front matter. */
function dateNote(date: PageDate): string | null {
  if (date.from === 'front matter') return null;
  if (date.date === null) return 'no date in the front matter, the file name or a "Last updated" line: dated the day it was first seen';
  return `no date in the front matter: ${date.date} from the ${date.from}`;
}

/**
 * Reads one Markdown content file (Hugo and Jekyll front matter) into a record, a team member (Hugo author
 * profiles), or says why it is skipped. Throws ParseError for invalid front matter.
 */
export function importMarkdown(text: string, relPath: string, names: AuthorNames = new Map(), timeZone = 'UTC'): ParsedFile {
  const skip = (reason: string): ParsedFile => ({ records: [], skipped: [{ reason }] });
  const base = relPath.split('/').pop() ?? relPath;
  if (/(^|\/)_drafts\//.test(relPath)) return skip('draft (in _drafts)');
  const author = authorKey(relPath);
  if (/^_index\.(md|markdown)$/i.test(base) && !author) {
    let data: Record<string, unknown> | null = null;
    try {
      data = parseFrontMatter(text).data;
    } catch {
      // A list page is skipped whatever its front matter holds.
    }
    const landing = data ? notAnItem(data, relPath) : null;
    return skip(landing ?? 'section list page (_index.md), not an item');
  }
  const { section, kind: sectionKind, key } = contentKey(relPath);
  if (relPath.split('/').includes('authors') && !section && !author) return skip('author profile, not an item');
  const fm = parseFrontMatter(text);
  if (fm.unsupported) return skip(fm.unsupported);
  if (!fm.data) return skip('no front matter');
  const d = fm.data;
  if (author) {
    const person = hugoAuthor(author, d, fm.body);
    return person ? { records: [], skipped: [], people: [person] } : skip('author profile without a name');
  }
  if (isDraft(d)) return skip('draft');
  const notItem = notAnItem(d, relPath);
  if (notItem) return skip(notItem);
  const title = str(d.title) ? inlineMarkdownToText(str(d.title)!) : null;
  if (!title) return skip('no title in the front matter');
  const declared = declaredSection(d);
  const kind = sectionKind ?? (declared ? (SECTIONS[declared] ?? null) : null);
  const notes: ParsedFile['notes'] = [];
  let dated: Pick<ItemRecord, 'date' | 'datePrecision'> & Partial<EventFields>;
  if (kind === 'event') {
    const event = hugoEventFields(d, timeZone);
    if (typeof event === 'string') return skip(event);
    dated = { ...event, datePrecision: 'day' };
  } else {
    const date = pageDate(d, relPath, fm.body);
    if ('invalid' in date) return skip(`date "${date.invalid}" is not a calendar date`);
    // A page outside the sections with no date of its own (about, team, research) is a page of the site, not news.
    if (!kind && (date.from === 'first seen' || date.from === '"Last updated" line' || date.from === 'last_modified_at')) {
      return skip('page outside the content sections (publication, post, event, project…) and without a date: not an item');
    }
    dated = { date: date.date, datePrecision: date.precision };
    const note = dateNote(date);
    if (note) notes.push({ note });
  }
  const stated = str(d.summary) ?? str(d.abstract) ?? str(d.description);
  const ids = map(map(d.hugoblox)?.ids);
  const r = emptyRecord('markdown', key === 'index' || !key ? slugify(title) : key, title);
  Object.assign(r, {
    kind,
    summary: (stated ? markdownToText(stated) : summaryFromBody(fm.body)).replace(/\s*\n\s*/g, ' '),
    // A template's placeholder (http://example.org, a bare site root) is no address for the item.
    url: [str(d.external_link), str(d.url), str(d.link)].map(normalizeUrl).find(isOwnPageUrl) ?? null,
    authors: authors(d.authors ?? d.author, names),
    topics: [...new Set(list(d.tags).map(slugify).filter(Boolean))],
    language: language(d.lang ?? d.language ?? d.locale),
    venue: str(d.publication) ? inlineMarkdownToText(str(d.publication)!) || null : null,
    doi: normalizeDoi(str(d.doi) ?? str(ids?.doi)),
    pdfUrl: normalizeUrl(str(d.url_pdf)),
    external: d.external === true || d.external_collaborators === true,
    ...dated,
  });
  return { records: [fitToLimits(r)], skipped: [], notes };
}
