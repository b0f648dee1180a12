import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/client.js';
import { eachSubscriber, topicSlugsByIds, type SubscriberFilter } from './subscriber-query.js';
import type { Subscriber } from './subscriber-repository.js';

export const CSV_COLUMNS = ['id', 'email', 'name', 'language', 'status', 'paused', 'topics', 'created_at', 'confirmed_at', 'unsubscribed_at'] as const;

/** Subscribers per batch: one query for their topics, one chunk of CSV text. */
const BATCH = 500;

/**
 * Every cell quoted, CRLF line ends (what spreadsheets expect), and a cell that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so an address or
 * name cannot inject one.
 */
const ROW_OPTIONS = { quoted: true, quoted_empty: true, escape_formulas: true, record_delimiter: 'windows' } as const;

/** Cells as text: the formula defence exempts numbers, and an empty cell is "" whatever was missing. */
function cellText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** One CSV cell exactly as the export writes it. */
export function csvCell(value: unknown): string {
  return stringify([[cellText(value)]], ROW_OPTIONS).slice(0, -2);
}

function rowOf(s: Subscriber, topics: string[]): string[] {
  return [
    s.id,
    s.email,
    s.name,
    s.language,
    s.status,
    s.paused ? 'yes' : 'no',
    topics.join(';'),
    s.createdAt.toISOString(),
    s.confirmedAt?.toISOString(),
    s.unsubscribedAt?.toISOString(),
  ].map(cellText);
}

function rowsOf(db: Db, batch: Subscriber[]): string {
  const topics = topicSlugsByIds(
    db,
    batch.map((s) => s.id),
  );
  return stringify(
    batch.map((s) => rowOf(s, topics.get(s.id) ?? [])),
    ROW_OPTIONS,
  );
}

/**
 * The export as chunks of CSV text, the header row first, then one chunk per batch of subscribers, so a
 * caller can stream it without holding every subscriber (`Readable.from(subscriberCsvChunks(db, filter))`).
 */
export function* subscriberCsvChunks(db: Db, filter: SubscriberFilter = {}): Generator<string> {
  // The header names need no quoting, and the export has always written them bare.
  yield stringify([[...CSV_COLUMNS]], { record_delimiter: 'windows' });
  let batch: Subscriber[] = [];
  for (const s of eachSubscriber(db, filter, BATCH)) {
    batch.push(s);
    if (batch.length === BATCH) {
      yield rowsOf(db, batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield rowsOf(db, batch);
}

/** The subscribers matching the filters as CSV text with a header row (used by the admin API and the CLI). */
export function subscribersCsv(db: Db, filter: SubscriberFilter = {}): string {
  return [...subscriberCsvChunks(db, filter)].join('');
}
