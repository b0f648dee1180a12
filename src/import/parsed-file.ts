import type { ItemRecord } from '../items/item-record.js';

/** What a parser found in one file: the records to store and what it left out, with why. */
export interface ParsedFile {
  records: ItemRecord[];
  skipped: Array<{ entry?: string; reason: string }>;
}
