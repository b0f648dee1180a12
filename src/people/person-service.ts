import type { Db, DbOrTx } from '../db/client.js';
import { clipText } from '../items/item-limits.js';
import { PERSON_LIMITS, type PersonRecord } from './person-record.js';
import { deletePersonRow, getPerson, insertPerson, type PersonFields, type PersonView, personOfSource, updatePersonRow } from './person-repository.js';

/** What storing an imported person did. */
export type PersonOutcome = 'added' | 'updated' | 'unchanged';

/** An imported person cut to PERSON_LIMITS, as the row keeps it. */
function fieldsOf(r: PersonRecord): PersonFields {
  return {
    name: clipText(r.name, PERSON_LIMITS.name),
    role: r.role ? clipText(r.role, PERSON_LIMITS.role) : null,
    photoUrl: r.photoUrl && r.photoUrl.length <= PERSON_LIMITS.url ? r.photoUrl : null,
    bio: clipText(r.bio, PERSON_LIMITS.bio),
    startDate: r.startDate,
    links: r.links
      .filter((l) => l.url.length <= PERSON_LIMITS.url)
      .slice(0, PERSON_LIMITS.links)
      .map((l) => ({ label: clipText(l.label, PERSON_LIMITS.linkLabel), url: l.url })),
    alumni: r.alumni,
  };
}

const same = (view: PersonView, f: PersonFields) =>
  view.name === f.name &&
  view.role === f.role &&
  view.photoUrl === f.photoUrl &&
  view.bio === f.bio &&
  view.startDate === f.startDate &&
  view.alumni === f.alumni &&
  JSON.stringify(view.links) === JSON.stringify(f.links);

/**
 * Stores one imported person: the person this source and key brought before is updated (someone who moved
 * to the alumni file included), otherwise a person is added. Run inside the import's transaction.
 */
export function applyPersonRecord(db: DbOrTx, r: PersonRecord): { personId: number; outcome: PersonOutcome } {
  const fields = fieldsOf(r);
  const existing = personOfSource(db, r.source, r.sourceKey);
  if (!existing) return { personId: insertPerson(db, fields, r.source, r.sourceKey), outcome: 'added' };
  if (same(existing, fields)) return { personId: existing.id, outcome: 'unchanged' };
  updatePersonRow(db, existing.id, fields);
  return { personId: existing.id, outcome: 'updated' };
}

/** Adds a person by hand (console or admin API). */
export function createPerson(db: Db, fields: PersonFields): PersonView {
  return db.transaction((tx) => getPerson(tx, insertPerson(tx, fields, 'admin', null)));
}

/** Edits a person (console or admin API). A later import of an imported person writes its own fields again. */
export function updatePerson(db: Db, id: number, patch: Partial<PersonFields>): PersonView {
  return db.transaction((tx) => {
    getPerson(tx, id);
    updatePersonRow(tx, id, patch);
    return getPerson(tx, id);
  });
}

/** Deletes a person. A later import of the same source brings an imported person back. */
export function deletePerson(db: Db, id: number): void {
  deletePersonRow(db, id);
}
