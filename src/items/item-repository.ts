import { and, asc, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { items, itemTopics, topics } from '../db/schema.js';
import type { ItemKind } from '../domain/item-kinds.js';
import type { Language } from '../i18n/languages.js';
import { NotFoundError } from '../errors.js';
import type { MergedItem } from './item-merge.js';

type Tx = DbOrTx;

export type ItemRow = typeof items.$inferSelect;

/** An item as the API and the digest see it: the row plus its topic slugs, the date as YYYY-MM-DD. */
export interface ItemView extends Omit<ItemRow, 'date' | 'endDate' | 'startsAt' | 'endsAt'> {
  date: string;
  topics: string[];
  /** Events: the last day (YYYY-MM-DD), and the start and end as ISO instants when a time is known. */
  endDate: string | null;
  startsAt: string | null;
  endsAt: string | null;
}

export interface ItemFilters {
  kind?: ItemKind;
  topic?: string;
  language?: Language;
  /** Inclusive calendar dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** A calendar date as stored: UTC midnight. */
export function dateToStored(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The topic slugs of each item, keyed by item id. */
export function topicSlugsOf(db: Tx, itemIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return map;
  const rows = db
    .select({ itemId: itemTopics.itemId, slug: topics.slug })
    .from(itemTopics)
    .innerJoin(topics, eq(topics.id, itemTopics.topicId))
    .where(inArray(itemTopics.itemId, itemIds))
    .orderBy(asc(topics.slug))
    .all();
  for (const r of rows) map.get(r.itemId)?.push(r.slug);
  return map;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function toView(row: ItemRow, slugs: string[]): ItemView {
  return {
    ...row,
    date: day(row.date),
    topics: slugs,
    endDate: row.endDate ? day(row.endDate) : null,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
  };
}

/** One item with its topics; NotFoundError when absent. */
export function getItem(db: Tx, id: number): ItemView {
  const row = db.select().from(items).where(eq(items.id, id)).get();
  if (!row) throw new NotFoundError(`Item ${id} does not exist`);
  return toView(row, topicSlugsOf(db, [id]).get(id) ?? []);
}

/** A page of items, newest first, with the total that matches the filters. */
export function listItems(db: Db, f: ItemFilters): { items: ItemView[]; total: number } {
  const where: SQL[] = [];
  if (f.kind) where.push(eq(items.kind, f.kind));
  if (f.language) where.push(eq(items.language, f.language));
  if (f.from) where.push(gte(items.date, dateToStored(f.from)));
  if (f.to) where.push(lte(items.date, dateToStored(f.to)));
  if (f.topic) {
    const tagged = db.select({ id: itemTopics.itemId }).from(itemTopics).innerJoin(topics, eq(topics.id, itemTopics.topicId)).where(eq(topics.slug, f.topic));
    where.push(inArray(items.id, tagged));
  }
  const condition = where.length ? and(...where) : undefined;
  const total = db.select({ n: count() }).from(items).where(condition).get()?.n ?? 0;
  const rows = db.select().from(items).where(condition).orderBy(desc(items.date), desc(items.id)).limit(f.limit).offset(f.offset).all();
  const slugs = topicSlugsOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toView(r, slugs.get(r.id) ?? [])), total };
}

function columns(m: MergedItem) {
  return {
    kind: m.kind,
    title: m.title,
    normalizedTitle: m.normalizedTitle,
    summary: m.summary,
    url: m.url,
    authors: m.authors,
    date: dateToStored(m.date),
    language: m.language,
    venue: m.venue,
    doi: m.doi,
    pdfUrl: m.pdfUrl,
    external: m.external,
    endDate: m.endDate ? dateToStored(m.endDate) : null,
    startsAt: m.startsAt ? new Date(m.startsAt) : null,
    endsAt: m.endsAt ? new Date(m.endsAt) : null,
    location: m.location,
  };
}

/** Inserts a new item row (topics are set separately) and returns its id. */
export function insertItem(db: Tx, m: MergedItem, source: string, sourceKey: string | null): number {
  return db
    .insert(items)
    .values({ ...columns(m), source, sourceKey })
    .returning({ id: items.id })
    .get().id;
}

/** Writes the merged fields onto an existing item. */
export function updateItemRow(db: Tx, id: number, m: MergedItem): void {
  db.update(items)
    .set({ ...columns(m), updatedAt: new Date() })
    .where(eq(items.id, id))
    .run();
}

/** Replaces an item's topics by slugs; the topics must exist. */
export function setItemTopics(db: Tx, itemId: number, slugs: string[]): void {
  db.delete(itemTopics).where(eq(itemTopics.itemId, itemId)).run();
  if (slugs.length === 0) return;
  const ids = db.select({ id: topics.id }).from(topics).where(inArray(topics.slug, slugs)).all();
  if (ids.length)
    db.insert(itemTopics)
      .values(ids.map((t) => ({ itemId, topicId: t.id })))
      .run();
}

/** True when the stored item already equals the merge (so nothing needs writing). */
export function sameAsStored(view: ItemView, m: MergedItem): boolean {
  const stored: MergedItem = {
    kind: view.kind,
    title: view.title,
    normalizedTitle: view.normalizedTitle,
    summary: view.summary,
    url: view.url,
    authors: view.authors,
    date: view.date,
    language: view.language,
    venue: view.venue,
    doi: view.doi,
    pdfUrl: view.pdfUrl,
    external: view.external,
    topics: view.topics,
    endDate: view.endDate,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    location: view.location,
  };
  // Instants compare as the database gives them back (milliseconds, ISO with Z).
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  const sorted = { ...m, topics: [...m.topics].sort(), startsAt: iso(m.startsAt), endsAt: iso(m.endsAt) };
  return JSON.stringify(stored, Object.keys(sorted).sort()) === JSON.stringify(sorted, Object.keys(sorted).sort());
}

/** Deletes an item (its topics and source records go with it). */
export function deleteItemRow(db: Db, id: number): void {
  const result = db.delete(items).where(eq(items.id, id)).run();
  if (result.changes === 0) throw new NotFoundError(`Item ${id} does not exist`);
}

/** An item for JSON: timestamps as ISO strings. */
export function itemToJson(view: ItemView) {
  return { ...view, createdAt: view.createdAt.toISOString(), updatedAt: view.updatedAt.toISOString() };
}
