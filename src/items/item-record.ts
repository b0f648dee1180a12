import type { ItemKind } from '../domain/item-kinds.js';
import type { Language } from '../i18n/languages.js';

export type DatePrecision = 'year' | 'month' | 'day';

/** Where a record came from; earlier in this list wins when sources disagree on a plain field. */
export const SOURCE_PRECEDENCE = ['admin', 'markdown', 'bibtex', 'data', 'feed'] as const;
export type SourceName = (typeof SOURCE_PRECEDENCE)[number];

/**
 * What one source says about one work: the unit an importer produces and the item_sources row stores.
 * Nulls mean "this source does not know"; the merge fills them from other sources.
 */
export interface ItemRecord {
  source: SourceName;
  sourceKey: string;
  kind: ItemKind | null;
  title: string;
  summary: string;
  url: string | null;
  authors: string[];
  /** Calendar date, YYYY-MM-DD (day 01 when only the month or year is known). */
  date: string | null;
  datePrecision: DatePrecision;
  /** Topic slugs. */
  topics: string[];
  /** Set when the source states the language (front matter, admin); otherwise it is detected. */
  language: Language | null;
  venue: string | null;
  doi: string | null;
  pdfUrl: string | null;
  external: boolean;
  /**
   * Events only: the last day (YYYY-MM-DD), the start and end as ISO instants when the source gives a time, and
   * the place. Optional: records stored before events existed have none of them.
   */
  endDate?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  location?: string | null;
}

/** An admin edit stored as a record: only the fields the admin set, and they always win. */
export type AdminOverrides = Partial<Omit<ItemRecord, 'source' | 'sourceKey' | 'datePrecision'>>;

/** A record with sensible empties, for importers that fill only some fields. */
export function emptyRecord(source: SourceName, sourceKey: string, title: string): ItemRecord {
  return {
    source,
    sourceKey,
    kind: null,
    title,
    summary: '',
    url: null,
    authors: [],
    date: null,
    datePrecision: 'day',
    topics: [],
    language: null,
    venue: null,
    doi: null,
    pdfUrl: null,
    external: false,
  };
}
