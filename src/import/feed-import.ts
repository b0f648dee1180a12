import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ItemKind } from '../domain/item-kinds.js';
import { fitToLimits } from '../items/item-limits.js';
import { emptyRecord, type ItemRecord } from '../items/item-record.js';
import { normalizeUrl, slugify } from '../items/normalize.js';
import { ParseError } from './import-errors.js';
import type { ParsedFile } from './parsed-file.js';
import { calendarDate } from './calendar-date.js';
import { htmlToText } from './text-cleanup.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type Node = Record<string, unknown>;

/** The text of an element that may carry attributes ({"#text": ..., "@_type": ...}). */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Node)['#text']);
  return null;
}

function many(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** "Mon, 02 Nov 2026 00:00:00 +0000" → 2026-11-02: the calendar date as the feed wrote it. */
export function rfc822Date(v: string | null): string | null {
  if (!v) return null;
  const m = /(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})/.exec(v);
  if (!m) return calendarDate(v);
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  return month ? calendarDate(`${m[3]}-${month}-${m[1]}`) : null;
}

/** Kind from the link's section (/publication/…, /project/…) or a category of that name; news otherwise. */
function kindOf(link: string | null, categories: string[]): ItemKind {
  const words = [...(link ? new URL(link).pathname.split('/') : []), ...categories].map((w) => w.toLowerCase());
  if (words.some((w) => w === 'publication' || w === 'publications')) return 'publication';
  if (words.some((w) => w === 'project' || w === 'projects')) return 'project';
  return 'news';
}

function record(
  key: string,
  title: string,
  link: string | null,
  dateText: string | null,
  html: string,
  categories: string[],
  authors: string[],
): ItemRecord | string {
  const date = rfc822Date(dateText);
  if (!date) return `no date${dateText ? ` ("${dateText}" is not a date)` : ''}`;
  const r = emptyRecord('feed', key, htmlToText(title).replace(/\s+/g, ' '));
  Object.assign(r, {
    kind: kindOf(link, categories),
    summary: htmlToText(html).replace(/\s*\n\s*/g, ' '),
    url: link,
    authors,
    date,
    topics: [...new Set(categories.map(slugify).filter(Boolean))],
  });
  return fitToLimits(r);
}

function rssItem(item: Node): ItemRecord | string {
  const title = text(item.title);
  if (!title) return 'item without a title';
  const link = normalizeUrl(text(item.link));
  const key = text(item.guid) ?? link ?? title;
  const categories = many(item.category)
    .map(text)
    .filter((c): c is string => !!c);
  const authors = many(item['dc:creator'] ?? item.author)
    .map(text)
    .filter((a): a is string => !!a);
  const html = text(item.description) ?? text(item['content:encoded']) ?? '';
  return record(key, title, link, text(item.pubDate) ?? text(item['dc:date']), html, categories, authors);
}

function atomEntry(entry: Node): ItemRecord | string {
  const title = text(entry.title);
  if (!title) return 'entry without a title';
  const links = many(entry.link) as Node[];
  const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  const link = normalizeUrl(typeof alternate === 'object' ? text(alternate?.['@_href']) : text(alternate));
  const key = text(entry.id) ?? link ?? title;
  const categories = (many(entry.category) as Node[]).map((c) => text(c?.['@_term']) ?? text(c)).filter((c): c is string => !!c);
  const authors = (many(entry.author) as Node[]).map((a) => text(a?.name)).filter((a): a is string => !!a);
  const html = text(entry.summary) ?? text(entry.content) ?? '';
  return record(key, title, link, text(entry.published) ?? text(entry.updated), html, categories, authors);
}

/** How deep a feed's elements may nest; a real RSS or Atom feed goes about six deep (with inline XHTML a few more). */
export const MAX_XML_DEPTH = 64;

/**
 * The deepest nesting of elements, counted in one pass over the tags (comments, CDATA and declarations
 * skipped, self-closing tags not counted). An approximation on broken XML, which the validator then refuses.
 */
export function maxElementDepth(xml: string): number {
  const tags = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<(\/?)[^\s<>/!?][^<>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (const m of xml.matchAll(tags)) {
    if (m[1] === '/') depth--;
    else if (m[1] === '' && m[2] === '') max = Math.max(max, ++depth);
  }
  return max;
}

/** Reads an RSS 2.0 or Atom feed into records; throws ParseError for text that is not XML or not a feed. */
export function importFeed(xml: string): ParsedFile {
  // Refused before parsing: the parser recurses once per level, and throws plain Errors for names such as
  // <__proto__> or too many nested tags, which must be this file's error and not the server's.
  const depth = maxElementDepth(xml);
  if (depth > MAX_XML_DEPTH) throw new ParseError(`XML nested more than ${MAX_XML_DEPTH} elements deep`);
  let doc: Node;
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new ParseError(`not valid XML: ${valid.err.msg}`, valid.err.line);
    // Only the five standard entities are expanded; a document type that declares its own is refused.
    if (/<!ENTITY/i.test(xml)) throw new ParseError('XML with entity declarations (<!ENTITY) is refused');
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, htmlEntities: false, parseTagValue: false }).parse(
      xml,
    ) as Node;
  } catch (error) {
    if (error instanceof ParseError) throw error;
    throw new ParseError(`not a readable feed: ${(error as Error).message.replace(/^\[SECURITY\]\s*/, '').slice(0, 200)}`);
  }
  const rss = doc.rss as Node | undefined;
  const feed = doc.feed as Node | undefined;
  const channel = rss?.channel as Node | undefined;
  if (!channel && !feed) throw new ParseError('not an RSS 2.0 or Atom feed (no <rss><channel> or <feed> element)');
  const out: ParsedFile = { records: [], skipped: [] };
  const entries = channel ? (many(channel.item) as Node[]).map(rssItem) : (many(feed!.entry) as Node[]).map(atomEntry);
  const seen = new Set<string>();
  for (const e of entries) {
    if (typeof e === 'string') out.skipped.push({ reason: e });
    else if (seen.has(e.sourceKey)) out.skipped.push({ entry: e.sourceKey, reason: 'duplicate guid/id in the feed' });
    else {
      seen.add(e.sourceKey);
      out.records.push(e);
    }
  }
  return out;
}
