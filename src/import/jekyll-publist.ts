import { fitToLimits } from '../items/item-limits.js';
import { emptyRecord, type ItemRecord } from '../items/item-record.js';
import { normalizeDoi, slugify } from '../items/normalize.js';
import { httpUrl, list, map, str } from './field-values.js';
import { htmlToText, inlineMarkdownToText, markdownToText } from './text-cleanup.js';

/** The last year in a citation line ("Nature Physics 15, 1135 (2019)" → 2019). */
export function yearOfCitation(line: string): string | null {
  const years = line.match(/\b(19|20)\d{2}\b/g);
  return years ? years[years.length - 1]! : null;
}

/** "A. Author, B. Author and C. Author" (or a list) → names in order. */
function names(v: unknown): string[] {
  const text = Array.isArray(v) ? list(v).join(', ') : (str(v) ?? '');
  return htmlToText(text)
    .split(/\s*(?:,|;|\band\b|&)\s*/i)
    .map((n) => n.replace(/\*+/g, '').trim())
    .filter(Boolean);
}

/**
 * One entry of the lab template's publication list (`_data/publist.yml`): title, authors, a link with its
 * citation line (`link.url`, `link.display`), no date: the year comes from the citation line, else `year`.
 * A string says why the entry is left out.
 */
export function publistEntry(entry: unknown, key: string): ItemRecord | string {
  const e = map(entry);
  if (!e) return 'not a mapping of fields';
  const title = str(e.title) ? inlineMarkdownToText(str(e.title)!) : null;
  if (!title) return 'no title';
  const link = map(e.link);
  const citation = htmlToText(str(link?.display) ?? str(e.display) ?? str(e.citation) ?? str(e.venue) ?? '').replace(/\s+/g, ' ');
  const year = yearOfCitation(citation) ?? yearOfCitation(str(e.year) ?? '');
  if (!year) return 'no year in the citation line or a year field';
  const url = httpUrl(link?.url ?? e.url ?? e.link);
  const doi = normalizeDoi(str(e.doi)) ?? (url && /doi\.org\//i.test(url) ? normalizeDoi(url) : null);
  const r = emptyRecord('data', key, title);
  Object.assign(r, {
    kind: 'publication',
    summary: markdownToText(str(e.abstract) ?? str(e.description) ?? '').replace(/\s*\n\s*/g, ' '),
    url: url && !/\.pdf([?#]|$)/i.test(url) ? url : null,
    pdfUrl: httpUrl(e.pdf) ?? (url && /\.pdf([?#]|$)/i.test(url) ? url : null),
    authors: names(e.authors ?? e.author),
    date: `${year}-01-01`,
    datePrecision: 'year',
    venue: citation || null,
    doi,
    topics: [
      ...new Set(
        list(e.tags ?? e.keywords)
          .map(slugify)
          .filter(Boolean),
      ),
    ],
  });
  return fitToLimits(r);
}
