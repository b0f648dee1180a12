import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { items, itemTopics, topics } from '../db/schema.js';
import type { ItemKind } from '../domain/item-kinds.js';
import type { Language } from '../i18n/languages.js';
import { getItem, type ItemView } from './item-repository.js';

/** The console's item filters: the API's (kind, topic, language) and a piece of the title or summary. */
export interface ItemSearch {
  kind?: ItemKind;
  topic?: string;
  language?: Language;
  q?: string;
  limit: number;
  offset: number;
}

/** A page of items matching the filters, newest first, and how many match in all. */
export function searchItems(db: Db, f: ItemSearch): { items: ItemView[]; total: number } {
  const where: SQL[] = [];
  if (f.kind) where.push(eq(items.kind, f.kind));
  if (f.language) where.push(eq(items.language, f.language));
  if (f.topic) {
    const tagged = db.select({ id: itemTopics.itemId }).from(itemTopics).innerJoin(topics, eq(topics.id, itemTopics.topicId)).where(eq(topics.slug, f.topic));
    where.push(inArray(items.id, tagged));
  }
  const q = f.q?.trim().toLowerCase();
  // instr() on lower-cased text: no LIKE wildcards to escape in what the editor types.
  if (q) where.push(sql`(instr(lower(${items.title}), ${q}) > 0 or instr(lower(${items.summary}), ${q}) > 0)`);
  const condition = where.length ? and(...where) : undefined;
  const total = db.select({ n: count() }).from(items).where(condition).get()?.n ?? 0;
  const ids = db
    .select({ id: items.id })
    .from(items)
    .where(condition)
    .orderBy(desc(items.date), desc(items.id))
    .limit(f.limit)
    .offset(f.offset)
    .all()
    .map((r) => r.id);
  // One page (at most a few dozen rows): each read whole, topics included, as the API reads one item.
  return { items: ids.map((id) => getItem(db, id)), total };
}

/** The lab's events around a day: those still to come or under way (ascending) and the last past ones (newest first). */
export function eventsAround(db: Db, today: string, limit: number): { upcoming: ItemView[]; past: ItemView[] } {
  const day = new Date(`${today}T00:00:00.000Z`);
  // An event is past once its last day (or its only day) is before today.
  const lastDay = sql`coalesce(${items.endDate}, ${items.date})`;
  const ids = (where: SQL, order: 'asc' | 'desc') =>
    db
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.kind, 'event'), where))
      .orderBy(order === 'asc' ? asc(items.date) : desc(items.date), asc(items.id))
      .limit(limit)
      .all()
      .map((r) => getItem(db, r.id));
  return { upcoming: ids(sql`${lastDay} >= ${day.getTime()}`, 'asc'), past: ids(sql`${lastDay} < ${day.getTime()}`, 'desc') };
}
