import type { Language } from '../i18n/languages.js';
import { fitToLimits, ITEM_LIMITS } from '../items/item-limits.js';
import { emptyRecord, type ItemRecord } from '../items/item-record.js';
import { normalizeDoi, normalizeUrl, slugify } from '../items/normalize.js';
import { parseBibtex, type BibEntry } from './bibtex-parser.js';
import type { ParsedFile } from './parsed-file.js';
import { languageFromTag } from '../i18n/language-tags.js';
import { decodeLatex } from './latex-decode.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Splits on a separator at brace depth 0 (so "{Barnes and Noble}" stays one author). One regex finds the next
 * brace or separator, so a list of a million names is read once rather than tried at every character.
 */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const next = new RegExp(`[{}]|${separator.source}`, `g${separator.flags}`);
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let m = next.exec(text); m; m = next.exec(text)) {
    if (m[0] === '{') depth++;
    else if (m[0] === '}') depth--;
    else if (depth === 0) {
      parts.push(text.slice(from, m.index));
      from = next.lastIndex;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * "Vald{\'e}s, Camila and Lab, Training Data" → ["Camila Valdés", "Training Data Lab"], in order; at most `max`
 * names are decoded (an item keeps only the first ITEM_LIMITS.authors, and a list can hold a million).
 */
export function bibAuthors(raw: string, max = Number.POSITIVE_INFINITY): string[] {
  const names: string[] = [];
  for (const name of splitTopLevel(raw.replace(/\s+/g, ' '), /\s+and\s+/i)) {
    if (names.length >= max) break;
    if (name.toLowerCase() === 'others') continue;
    const parts = splitTopLevel(name, /,/);
    // "Last, First" or "Last, Jr, First"; without a comma the name is already in display order.
    const ordered = parts.length === 1 ? parts : parts.length === 2 ? [parts[1]!, parts[0]!] : [parts[2]!, parts[0]!, parts[1]!];
    const decoded = decodeLatex(ordered.join(' '));
    if (decoded) names.push(decoded);
  }
  return names;
}

function bibDate(f: Record<string, string>): Pick<ItemRecord, 'date' | 'datePrecision'> | null {
  const iso = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(decodeLatex(f.date ?? ''));
  const year = iso?.[1] ?? /\d{4}/.exec(decodeLatex(f.year ?? ''))?.[0];
  if (!year) return null;
  let month = iso?.[2] ? Number(iso[2]) : 0;
  if (!month && f.month) {
    const m = decodeLatex(f.month).toLowerCase();
    month = /^\d{1,2}$/.test(m) ? Number(m) : MONTHS.indexOf(m.slice(0, 3)) + 1;
  }
  const day = iso?.[3] ? Number(iso[3]) : f.day && /^\d{1,2}$/.test(f.day.trim()) ? Number(f.day.trim()) : 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (month < 1 || month > 12) return { date: `${year}-01-01`, datePrecision: 'year' };
  if (day < 1 || day > 31) return { date: `${year}-${pad(month)}-01`, datePrecision: 'month' };
  return { date: `${year}-${pad(month)}-${pad(day)}`, datePrecision: 'day' };
}

function bibLanguage(f: Record<string, string>): Language | null {
  const lang = f.langid ?? f.language;
  return lang ? languageFromTag(lang) : null;
}

function entryToRecord(e: BibEntry): ItemRecord | string {
  const f = e.fields;
  const text = (name: string) => (f[name] ? decodeLatex(f[name]) || null : null);
  const title = text('title');
  if (!title) return `entry "${e.key}" (line ${e.line}) has no title`;
  const dated = bibDate(f);
  if (!dated) return `entry "${e.key}" (line ${e.line}) has no year`;
  const r = emptyRecord('bibtex', e.key, title);
  const link = normalizeUrl(f.url?.replace(/[{}]/g, ''));
  const reportVenue = [text('type'), text('institution') ?? text('school')].filter(Boolean).join(', ');
  const keywords = text('keywords') ?? '';
  const note = `${text('note') ?? ''} ${keywords}`;
  Object.assign(r, {
    kind: 'publication',
    summary: text('abstract') ?? '',
    url: link && !/\.pdf([?#]|$)/i.test(link) ? link : null,
    pdfUrl: link && /\.pdf([?#]|$)/i.test(link) ? link : normalizeUrl(f.pdf?.replace(/[{}]/g, '')),
    authors: bibAuthors(f.author ?? f.editor ?? '', ITEM_LIMITS.authors),
    ...dated,
    topics: [...new Set(keywords.split(/[,;]/).map(slugify).filter(Boolean))],
    language: bibLanguage(f),
    venue: text('journal') ?? text('journaltitle') ?? text('booktitle') ?? (reportVenue || text('publisher') || text('howpublished')),
    doi: normalizeDoi(f.doi?.replace(/[{}]/g, '')),
    external: /external collaborat/i.test(note) || /^(true|yes|1)$/i.test((f.external ?? '').replace(/[{}]/g, '')),
  });
  return fitToLimits(r);
}

/** Reads a BibTeX file into records, one per entry; entries without a title or year are skipped. */
export function importBibtex(text: string): ParsedFile {
  const out: ParsedFile = { records: [], skipped: [] };
  const seen = new Set<string>();
  for (const entry of parseBibtex(text)) {
    if (!entry.key) {
      // Without a key there is nothing stable to recognise the entry by when the file is imported again.
      out.skipped.push({ reason: `entry at line ${entry.line} has no citation key` });
      continue;
    }
    if (seen.has(entry.key)) {
      out.skipped.push({ entry: entry.key, reason: `duplicate citation key (line ${entry.line})` });
      continue;
    }
    seen.add(entry.key);
    const result = entryToRecord(entry);
    if (typeof result === 'string') out.skipped.push({ entry: entry.key, reason: result });
    else out.records.push(result);
  }
  return out;
}
