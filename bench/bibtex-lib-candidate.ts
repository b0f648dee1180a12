// Candidate importer on @retorquere/bibtex-parser, written only to compare against the own parser.
import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { fitToLimits } from '../src/items/item-limits.js';
import { emptyRecord, type ItemRecord } from '../src/items/item-record.js';
import { normalizeDoi, normalizeUrl, slugify } from '../src/items/normalize.js';
import type { ParsedFile } from '../src/import/parsed-file.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The library marks up \emph, \textbf, case protection and \url as HTML; we want plain text. */
function plain(value: unknown): string {
  // Publisher, institution and location come back as lists split on "and"; put the "and" back.
  const text = Array.isArray(value) ? value.join(' and ') : typeof value === 'string' ? value : '';
  return (
    text
      .replace(/<\/?(?:i|b|em|strong|sup|sub|span|a|sc|nc|script)\b[^>]*>/gi, '')
      // {\'\i} comes back as a dotless i with a combining accent, which NFC does not compose into í.
      .replace(/ı(?=[\u0300-\u036f])/g, 'i')
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function creatorName(c: Creator): string {
  if (c.name) return plain(c.name);
  return plain([c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' '));
}

function date(f: Record<string, unknown>): Pick<ItemRecord, 'date' | 'datePrecision'> | null {
  const iso = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(plain(f.date));
  const year = iso?.[1] ?? /\d{4}/.exec(plain(f.year))?.[0];
  if (!year) return null;
  let month = iso?.[2] ? Number(iso[2]) : 0;
  const m = plain(f.month).toLowerCase();
  if (!month && m) month = /^\d{1,2}$/.test(m) ? Number(m) : MONTHS.indexOf(m.slice(0, 3)) + 1;
  const d = plain(f.day);
  const day = iso?.[3] ? Number(iso[3]) : /^\d{1,2}$/.test(d) ? Number(d) : 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (month < 1 || month > 12) return { date: `${year}-01-01`, datePrecision: 'year' };
  if (day < 1 || day > 31) return { date: `${year}-${pad(month)}-01`, datePrecision: 'month' };
  return { date: `${year}-${pad(month)}-${pad(day)}`, datePrecision: 'day' };
}

function toRecord(e: Entry): ItemRecord | string {
  const f = e.fields as Record<string, unknown>;
  const text = (name: string) => plain(f[name]) || null;
  const title = text('title');
  if (!title) return `entry "${e.key}" has no title`;
  const dated = date(f);
  if (!dated) return `entry "${e.key}" has no year`;
  const r = emptyRecord('bibtex', e.key, title);
  const link = normalizeUrl(plain(f.url));
  const reportVenue = [text('type'), text('institution') ?? text('school')].filter(Boolean).join(', ');
  const keywords = Array.isArray(f.keywords) ? (f.keywords as string[]) : [];
  const noteText = `${text('note') ?? ''} ${keywords.join(' ')}`;
  const creators = ((f.author ?? f.editor ?? []) as Creator[]).filter((c) => (c.name ?? c.lastName) !== 'others');
  Object.assign(r, {
    kind: 'publication',
    summary: text('abstract') ?? '',
    url: link && !/\.pdf([?#]|$)/i.test(link) ? link : null,
    pdfUrl: link && /\.pdf([?#]|$)/i.test(link) ? link : normalizeUrl(plain(f.pdf)),
    authors: creators.map(creatorName).filter(Boolean),
    ...dated,
    topics: [...new Set(keywords.map(slugify).filter(Boolean))],
    venue: text('journal') ?? text('journaltitle') ?? text('booktitle') ?? (reportVenue || text('publisher') || text('howpublished')),
    doi: normalizeDoi(plain(f.doi)),
    external: /external collaborat/i.test(noteText),
  });
  return fitToLimits(r);
}

/** The same contract as importBibtex, but the library parses; errors are returned, not thrown. */
export function importBibtexWithLibrary(text: string): ParsedFile & { entries: number; errors: string[] } {
  const lib = parse(text, { english: false, sentenceCase: false, caseProtection: false, unsupported: 'ignore', applyCrossRef: true });
  const out = { records: [] as ItemRecord[], skipped: [] as ParsedFile['skipped'], entries: lib.entries.length, errors: lib.errors.map((e) => e.error) };
  const seen = new Set<string>();
  for (const entry of lib.entries) {
    if (seen.has(entry.key)) {
      out.skipped.push({ entry: entry.key, reason: 'duplicate citation key' });
      continue;
    }
    seen.add(entry.key);
    const result = toRecord(entry);
    if (typeof result === 'string') out.skipped.push({ entry: entry.key, reason: result });
    else out.records.push(result);
  }
  return out;
}
