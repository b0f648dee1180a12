import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { items, itemSources } from '../db/schema.js';
import type { AdminOverrides, ItemRecord } from './item-record.js';
import { isOwnPageUrl, normalizeTitle, urlMatchKey } from './normalize.js';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** The source name under which admin edits of an item are kept. */
export const ADMIN_SOURCE = 'admin';

/** The keys that find the same work in another source: a shared PDF, code or placeholder link is not one of them. */
interface MatchKeys {
  doi: string | null;
  /** The page's own address, as a match key; null for none or a placeholder. */
  url: string | null;
  normalizedTitle: string;
  year: string | null;
}

function keysOf(r: { doi?: string | null; url?: string | null; title?: string; date?: string | null }): MatchKeys {
  return {
    doi: r.doi ?? null,
    url: isOwnPageUrl(r.url) ? urlMatchKey(r.url) : null,
    normalizedTitle: r.title ? normalizeTitle(r.title) : '',
    year: r.date ? r.date.slice(0, 4) : null,
  };
}

/** Why a record is the same work as an item, in words for the import summary. */
export type SameWork = { itemId: number; reason: string };

/** The item this source already fed (same source and key), if any. */
export function itemOfSource(db: Tx, source: string, sourceKey: string): number | null {
  const row = db
    .select({ itemId: itemSources.itemId })
    .from(itemSources)
    .where(and(eq(itemSources.source, source), eq(itemSources.sourceKey, sourceKey)))
    .get();
  return row?.itemId ?? null;
}

/** The year of what a source row says, else of the item it feeds. */
function yearOfRow(db: Tx, row: { itemId: number; data: Record<string, unknown> }): string | null {
  const date = typeof row.data.date === 'string' ? row.data.date : null;
  if (date) return date.slice(0, 4);
  const item = db.select({ date: items.date }).from(items).where(eq(items.id, row.itemId)).get();
  return item ? item.date.toISOString().slice(0, 4) : null;
}

/**
 * The existing item that is the same work: the same DOI, else the same own page address, else the same
 * normalised title in the same year (a record that knows no year matches on the title). Two works that
 * only share a PDF, code or placeholder link stay two items.
 */
export function findSameWork(db: Tx, r: ItemRecord): SameWork | null {
  const k = keysOf(r);
  if (k.doi) {
    const hit = db.select({ itemId: itemSources.itemId }).from(itemSources).where(eq(itemSources.doi, k.doi)).orderBy(asc(itemSources.itemId)).get();
    if (hit) return { itemId: hit.itemId, reason: `same DOI ${k.doi}` };
  }
  if (k.url) {
    const hit = db.select({ itemId: itemSources.itemId }).from(itemSources).where(eq(itemSources.url, k.url)).orderBy(asc(itemSources.itemId)).get();
    if (hit) return { itemId: hit.itemId, reason: `same address ${r.url}` };
  }
  if (k.normalizedTitle) {
    const rows = db
      .select({ itemId: itemSources.itemId, data: itemSources.data })
      .from(itemSources)
      .where(eq(itemSources.normalizedTitle, k.normalizedTitle))
      .orderBy(asc(itemSources.itemId))
      .limit(50)
      .all();
    for (const row of rows) {
      const year = yearOfRow(db, row);
      if (k.year === null || year === k.year) return { itemId: row.itemId, reason: `same title${year ? ` and year ${year}` : ''}` };
    }
  }
  return null;
}

/**
 * Why an item's other, earlier sources are the same work as this record (for a re-import, which finds the item
 * by its own source key and would otherwise not say so); null when the record is the item's first source.
 */
export function mergeReasonOnItem(db: Tx, itemId: number, r: ItemRecord): string | null {
  const rows = db.select().from(itemSources).where(eq(itemSources.itemId, itemId)).orderBy(asc(itemSources.id)).all();
  const first = rows[0];
  if (!first || (first.source === r.source && first.sourceKey === r.sourceKey)) return null;
  const k = keysOf(r);
  for (const row of rows) {
    if (row.source === r.source && row.sourceKey === r.sourceKey) continue;
    if (k.doi && row.doi === k.doi) return `same DOI ${k.doi}`;
    if (k.url && row.url === k.url) return `same address ${r.url}`;
    if (k.normalizedTitle && row.normalizedTitle === k.normalizedTitle) return 'same title and year';
  }
  return null;
}

/** Stores (or replaces) what one source says about an item; returns false when it was already stored as is. */
export function saveRecord(db: Tx, itemId: number, r: ItemRecord): boolean {
  const k = keysOf(r);
  const values = {
    itemId,
    source: r.source,
    sourceKey: r.sourceKey,
    doi: k.doi,
    url: k.url,
    pdfUrl: r.pdfUrl ? urlMatchKey(r.pdfUrl) : null,
    normalizedTitle: k.normalizedTitle,
    data: r as unknown as Record<string, unknown>,
  };
  const existing = db
    .select()
    .from(itemSources)
    .where(and(eq(itemSources.source, r.source), eq(itemSources.sourceKey, r.sourceKey)))
    .get();
  if (existing && existing.itemId === itemId && JSON.stringify(existing.data) === JSON.stringify(r)) return false;
  db.insert(itemSources)
    .values(values)
    .onConflictDoUpdate({ target: [itemSources.source, itemSources.sourceKey], set: { ...values, updatedAt: new Date() } })
    .run();
  return true;
}

/** Every imported record of an item, and the admin's overrides (empty when none). */
export function recordsOf(db: Tx, itemId: number): { records: ItemRecord[]; overrides: AdminOverrides } {
  const rows = db.select().from(itemSources).where(eq(itemSources.itemId, itemId)).all();
  const admin = rows.find((r) => r.source === ADMIN_SOURCE);
  return {
    records: rows.filter((r) => r.source !== ADMIN_SOURCE).map((r) => r.data as unknown as ItemRecord),
    overrides: (admin?.data ?? {}) as AdminOverrides,
  };
}

/** Stores the admin's overrides of an item (what the admin set wins over every import). */
export function saveOverrides(db: Tx, itemId: number, overrides: AdminOverrides): void {
  const k = keysOf(overrides);
  const values = {
    itemId,
    source: ADMIN_SOURCE,
    sourceKey: `item-${itemId}`,
    doi: k.doi,
    url: k.url,
    pdfUrl: overrides.pdfUrl ? urlMatchKey(overrides.pdfUrl) : null,
    normalizedTitle: k.normalizedTitle,
    data: overrides as Record<string, unknown>,
  };
  db.insert(itemSources)
    .values(values)
    .onConflictDoUpdate({ target: [itemSources.source, itemSources.sourceKey], set: { ...values, updatedAt: new Date() } })
    .run();
}
