import type { DatePrecision } from '../items/item-record.js';
import { calendarDate } from './calendar-date.js';
import { str } from './field-values.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)[a-záéíóú]*\\.?';
const SPANISH: Record<string, string> = { ene: 'jan', abr: 'apr', ago: 'aug', dic: 'dec' };

/** A date and how much of it is known. */
export interface LooseDate {
  date: string;
  precision: DatePrecision;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthNumber(word: string): number {
  const three = word.toLowerCase().slice(0, 3);
  return MONTHS.indexOf(SPANISH[three] ?? three) + 1;
}

function built(year: number, month: number, day: number | null): LooseDate | null {
  if (!month) return null;
  if (day === null) return { date: `${year}-${pad(month)}-01`, precision: 'month' };
  const date = calendarDate(`${year}-${pad(month)}-${pad(day)}`);
  return date ? { date, precision: 'day' } : null;
}

/**
 * A date as people write it on lab pages: "2023-04-11", "April 11, 2023", "11 April 2023", "26. November 2018",
 * "November 2022" or "Sep 2015" (month known, day 01). Null when the text holds no such date.
 */
export function looseDate(text: string): LooseDate | null {
  const t = text.trim().slice(0, 200);
  const iso = calendarDate(t);
  if (iso) return { date: iso, precision: 'day' };
  let m = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i').exec(t);
  if (m) return built(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  m = new RegExp(`\\b(\\d{1,2})\\.?\\s+(?:de\\s+)?${MONTH_WORD}\\s+(?:de\\s+)?(\\d{4})\\b`, 'i').exec(t);
  if (m) return built(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
  m = new RegExp(`\\b${MONTH_WORD}\\s+(?:de\\s+)?(\\d{4})\\b`, 'i').exec(t);
  if (m) return built(Number(m[2]), monthNumber(m[1]!), null);
  return null;
}

/** How far from the end of a page a "Last updated" line is looked for (in lines that are not blank). */
const LAST_LINES = 5;
const LAST_UPDATED = /^[\s>*_]*(?:last\s+(?:updated|modified|revised)|updated(?:\s+on)?|(?:ú|u)ltima\s+actualizaci(?:ó|o)n)\s*(?:on\s*)?[:\-–]?\s*(.+)$/i;

/** The date of a "Last updated: April 11, 2023." line near the end of a page, if it has one. */
export function lastUpdatedLine(body: string): LooseDate | null {
  const lines = body
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-LAST_LINES);
  for (const line of lines.reverse()) {
    const m = LAST_UPDATED.exec(line.slice(0, 300));
    if (m) return looseDate(m[1]!);
  }
  return null;
}

/** Where a page's date came from, as the import summary says it. */
export type DateSource = 'front matter' | 'file name' | 'last_modified_at' | '"Last updated" line' | 'first seen';

/** A page's date and where it was found; no date at all means "the day the import first saw it". */
export interface PageDate {
  date: string | null;
  precision: DatePrecision;
  from: DateSource;
}

/**
 * The date of a page: the front matter's date (or publishDate), else the file name (2023-04-11-title.md), else
 * last_modified_at, else a "Last updated" line at the end, else the day it is first seen. A front-matter date
 * that is not a calendar date gives `invalid`, which the importer reports.
 */
export function pageDate(d: Record<string, unknown>, relPath: string, body: string): PageDate | { invalid: string } {
  const stated = str(d.date);
  const front = calendarDate(d.date) ?? calendarDate(d.publishDate);
  if (front) return { date: front, precision: 'day', from: 'front matter' };
  if (stated) return { invalid: stated };
  const fromName = /(?:^|\/)(\d{4}-\d{2}-\d{2})-[^/]+$/.exec(relPath)?.[1];
  const named = calendarDate(fromName);
  if (named) return { date: named, precision: 'day', from: 'file name' };
  const modified = str(d.last_modified_at) ?? str(d.lastmod) ?? str(d.last_updated);
  const mod = modified ? looseDate(modified) : null;
  if (mod) return { ...mod, from: 'last_modified_at' };
  const line = lastUpdatedLine(body);
  if (line) return { ...line, from: '"Last updated" line' };
  return { date: null, precision: 'day', from: 'first seen' };
}
