import type { Db } from '../db/client.js';
import { InvalidInputError } from '../errors.js';
import { topicsBySlug } from '../topics/topic-repository.js';
import { mergeRecords } from './item-merge.js';
import type { AdminOverrides, ItemRecord } from './item-record.js';
import { deleteItemRow, getItem, insertItem, sameAsStored, setItemTopics, updateItemRow, type ItemView } from './item-repository.js';
import { ADMIN_SOURCE, findSameWork, itemOfSource, recordsOf, saveOverrides, saveRecord } from './item-sources.js';

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

/**
 * Stores one imported record: joins the item this source fed before, or the same work from another source
 * (DOI, URL, title), or creates an item. Topics of the record must exist already. Run inside a transaction.
 */
export function applyRecord(db: Tx, record: ItemRecord): { itemId: number; outcome: RecordOutcome } {
  const itemId = itemOfSource(db, record.source, record.sourceKey) ?? findSameWork(db, record);
  if (itemId === null) {
    const merged = mergeRecords([record]);
    const id = insertItem(db, merged, record.source, record.sourceKey);
    setItemTopics(db, id, merged.topics);
    saveRecord(db, id, record);
    return { itemId: id, outcome: 'added' };
  }
  saveRecord(db, itemId, record);
  return { itemId, outcome: remerge(db, itemId) ? 'updated' : 'unchanged' };
}

function checkTopics(db: Tx, slugs: string[] | undefined): void {
  if (!slugs?.length) return;
  const known = new Set(topicsBySlug(db as Db, slugs).map((t) => t.slug));
  const unknown = slugs.filter((s) => !known.has(s));
  if (unknown.length) throw new InvalidInputError(`Unknown topics: ${unknown.join(', ')}`, { topics: unknown });
}

/** Creates an item by hand (admin API). Everything it sets is kept as the admin's overrides. */
export function createItem(db: Db, input: AdminOverrides & { title: string; date: string }): ItemView {
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
export function updateItem(db: Db, id: number, patch: AdminOverrides): ItemView {
  checkTopics(db, patch.topics);
  return db.transaction((tx) => {
    getItem(tx, id);
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
