import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { itemSources } from '../db/schema.js';
import { InvalidInputError } from '../errors.js';
import { topicsBySlug } from '../topics/topic-repository.js';
import { resolveEventInput } from './event-input.js';
import { mergeRecords } from './item-merge.js';
import type { AdminOverrides, ItemRecord } from './item-record.js';
import { deleteItemRow, getItem, insertItem, sameAsStored, setItemTopics, updateItemRow, type ItemView } from './item-repository.js';
import { ADMIN_SOURCE, findSameWork, itemOfSource, mergeReasonOnItem, recordsOf, saveOverrides, saveRecord } from './item-sources.js';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export type RecordOutcome = 'added' | 'updated' | 'unchanged';

/** Recomputes an item from all its records and writes it when it differs; true when it changed. */
function remerge(db: Tx, itemId: number): boolean {
  const { records, overrides } = recordsOf(db, itemId);
  const merged = mergeRecords(records, overrides);
  if (sameAsStored(getItem(db, itemId), merged)) return false;
  updateItemRow(db, itemId, merged);
  setItemTopics(db, itemId, merged.topics);
  return true;
}

/** What storing one record did: the item, whether it changed, and why it joined an item another source made. */
export interface AppliedRecord {
  itemId: number;
  outcome: RecordOutcome;
  /** Set when the item has an earlier source: why this record is the same work ("same DOI 10.1/x"). */
  merged: string | null;
}

/** A record without a date keeps the day it was first seen: the date its source row got the first time. */
function withFirstSeenDate(db: Tx, record: ItemRecord, today: Date): ItemRecord {
  if (record.date) return record;
  const row = db
    .select({ data: itemSources.data })
    .from(itemSources)
    .where(and(eq(itemSources.source, record.source), eq(itemSources.sourceKey, record.sourceKey)))
    .get();
  const seen = typeof row?.data.date === 'string' ? row.data.date : today.toISOString().slice(0, 10);
  return { ...record, date: seen, datePrecision: 'day' };
}

/**
 * Stores one imported record: joins `into` when given (a cite.bib beside its page), else the item this source
 * fed before, or the same work from another source (DOI, own address, title and year), or creates an item.
 * Topics of the record must exist already. Run inside a transaction.
 */
export function applyRecord(db: Tx, given: ItemRecord, into: number | null = null, today = new Date()): AppliedRecord {
  const record = withFirstSeenDate(db, given, today);
  const known = into ?? itemOfSource(db, record.source, record.sourceKey);
  const same = known === null ? findSameWork(db, record) : null;
  const itemId = known ?? same?.itemId ?? null;
  if (itemId === null) {
    const merged = mergeRecords([record]);
    const id = insertItem(db, merged, record.source, record.sourceKey);
    setItemTopics(db, id, merged.topics);
    saveRecord(db, id, record);
    return { itemId: id, outcome: 'added', merged: null };
  }
  saveRecord(db, itemId, record);
  const outcome = remerge(db, itemId) ? 'updated' : 'unchanged';
  return { itemId, outcome, merged: same?.reason ?? mergeReasonOnItem(db, itemId, record) };
}

function checkTopics(db: Tx, slugs: string[] | undefined): void {
  if (!slugs?.length) return;
  const known = new Set(topicsBySlug(db as Db, slugs).map((t) => t.slug));
  const unknown = slugs.filter((s) => !known.has(s));
  if (unknown.length) throw new InvalidInputError(`Unknown topics: ${unknown.join(', ')}`, { topics: unknown });
}

/** Creates an item by hand (admin API). Everything it sets is kept as the admin's overrides. */
export function createItem(db: Db, given: AdminOverrides & { title: string }, timeZone = 'UTC'): ItemView {
  const input = resolveEventInput(given, timeZone);
  if (!input.date) throw new InvalidInputError('date: must be a date YYYY-MM-DD', { fields: { date: 'required' } });
  checkTopics(db, input.topics);
  // Empty fields are not overrides: a later import of the same work may fill them.
  const overrides = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as AdminOverrides;
  return db.transaction((tx) => {
    const merged = mergeRecords([], overrides);
    const id = insertItem(tx, merged, ADMIN_SOURCE, null);
    setItemTopics(tx, id, merged.topics);
    saveOverrides(tx, id, overrides);
    return getItem(tx, id);
  });
}

/** Edits an item (admin API); the edit wins over later re-imports of the same work. */
export function updateItem(db: Db, id: number, given: AdminOverrides, timeZone = 'UTC'): ItemView {
  checkTopics(db, given.topics);
  return db.transaction((tx) => {
    const current = getItem(tx, id);
    const patch = resolveEventInput(given, timeZone, current);
    const { overrides } = recordsOf(tx, id);
    saveOverrides(tx, id, { ...overrides, ...patch });
    remerge(tx, id);
    return getItem(tx, id);
  });
}

/** Deletes an item. A later import of the same source brings it back, as a new item. */
export function deleteItem(db: Db, id: number): void {
  deleteItemRow(db, id);
}
