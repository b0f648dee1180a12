import type { ItemRecord } from '../items/item-record.js';
import type { PersonRecord } from '../people/person-record.js';

/** What a parser found in one file: the records to store and what it left out, with why. */
export interface ParsedFile {
  records: ItemRecord[];
  skipped: Array<{ entry?: string; reason: string }>;
  /** Team members (Hugo author profiles, Jekyll team and alumni files). */
  people?: PersonRecord[];
  /** How something was read that a lab may want to check, such as where a page's date came from. */
  notes?: Array<{ entry?: string; note: string }>;
}
