import type { Db } from '../db/client.js';
import { eachSubscriber, topicSlugsByIds, type SubscriberFilter } from './subscriber-query.js';
import type { Subscriber } from './subscriber-repository.js';

export const CSV_COLUMNS = ['id', 'email', 'name', 'language', 'status', 'paused', 'topics', 'created_at', 'confirmed_at', 'unsubscribed_at'] as const;

/**
 * One CSV cell, quoted. A cell that a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) gets a leading apostrophe, so an address or name cannot inject one.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function rowOf(s: Subscriber, topics: string[]): string {
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
  ]
    .map(csvCell)
    .join(',');
}

/** The subscribers matching the filters as CSV text with a header row (used by the admin API and the CLI). */
export function subscribersCsv(db: Db, filter: SubscriberFilter = {}): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  let batch: Subscriber[] = [];
  const flush = () => {
    const topics = topicSlugsByIds(db, batch.map((s) => s.id));
    for (const s of batch) lines.push(rowOf(s, topics.get(s.id) ?? []));
    batch = [];
  };
  for (const s of eachSubscriber(db, filter)) {
    batch.push(s);
    if (batch.length === 500) flush();
  }
  flush();
  return lines.join('\r\n') + '\r\n';
}
