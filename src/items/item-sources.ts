import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { itemSources } from '../db/schema.js';
import type { AdminOverrides, ItemRecord } from './item-record.js';
import { normalizeTitle, urlMatchKey } from './normalize.js';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** The source name under which admin edits of an item are kept. */
export const ADMIN_SOURCE = 'admin';

/** The keys that find the same work in another source. */
interface MatchKeys {
  doi: string | null;
  urls: string[];
  normalizedTitle: string;
}

function keysOf(r: { doi?: string | null; url?: string | null; pdfUrl?: string | null; title?: string }): MatchKeys {
  const urls = [r.url, r.pdfUrl].filter((u): u is string => !!u).map(urlMatchKey);
  return { doi: r.doi ?? null, urls, normalizedTitle: r.title ? normalizeTitle(r.title) : '' };
}

/** The item this source already fed (same source and key), if any. */
export function itemOfSource(db: Tx, source: string, sourceKey: string): number | null {
  const row = db
    .select({ itemId: itemSources.itemId })
    .from(itemSources)
    .where(and(eq(itemSources.source, source), eq(itemSources.sourceKey, sourceKey)))
    .get();
  return row?.itemId ?? null;
}

/** The existing item that is the same work: same DOI first, then same URL, then same normalised title. */
export function findSameWork(db: Tx, r: ItemRecord): number | null {
  const k = keysOf(r);
  if (k.doi) {
    const hit = db.select({ itemId: itemSources.itemId }).from(itemSources).where(eq(itemSources.doi, k.doi)).orderBy(asc(itemSources.itemId)).get();
    if (hit) return hit.itemId;
  }
  if (k.urls.length) {
    const hit = db
      .select({ itemId: itemSources.itemId })
      .from(itemSources)
      .where(or(inArray(itemSources.url, k.urls), inArray(itemSources.pdfUrl, k.urls)))
      .orderBy(asc(itemSources.itemId))
      .get();
    if (hit) return hit.itemId;
  }
  if (k.normalizedTitle) {
    const hit = db
      .select({ itemId: itemSources.itemId })
      .from(itemSources)
      .where(eq(itemSources.normalizedTitle, k.normalizedTitle))
      .orderBy(asc(itemSources.itemId))
      .get();
    if (hit) return hit.itemId;
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
    url: r.url ? urlMatchKey(r.url) : null,
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
    url: overrides.url ? urlMatchKey(overrides.url) : null,
    pdfUrl: overrides.pdfUrl ? urlMatchKey(overrides.pdfUrl) : null,
    normalizedTitle: k.normalizedTitle,
    data: overrides as Record<string, unknown>,
  };
  db.insert(itemSources)
    .values(values)
    .onConflictDoUpdate({ target: [itemSources.source, itemSources.sourceKey], set: { ...values, updatedAt: new Date() } })
    .run();
}
