import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { people } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import type { PersonFields, PersonSource } from './person-record.js';

export type PersonRow = typeof people.$inferSelect;

/** A person as the API and the console see them: dates as text. */
export interface PersonView extends Omit<PersonRow, 'startDate' | 'createdAt' | 'updatedAt' | 'source'> {
  source: PersonSource;
  startDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export type { PersonFields };

/** Filters of a list of people. */
export interface PeopleFilter {
  alumni?: boolean;
  /** A piece of the name or role. */
  q?: string;
  limit: number;
  offset: number;
}

const stored = (date: string | null) => (date ? new Date(`${date}T00:00:00.000Z`) : null);

function toView(row: PersonRow): PersonView {
  return {
    ...row,
    source: row.source as PersonSource,
    startDate: row.startDate ? row.startDate.toISOString().slice(0, 10) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One person; NotFoundError when absent. */
export function getPerson(db: DbOrTx, id: number): PersonView {
  const row = db.select().from(people).where(eq(people.id, id)).get();
  if (!row) throw new NotFoundError(`Person ${id} does not exist`);
  return toView(row);
}

/** A page of people, current members first, then by name, with how many match. */
export function listPeople(db: Db, f: PeopleFilter): { people: PersonView[]; total: number } {
  const where: SQL[] = [];
  if (f.alumni !== undefined) where.push(eq(people.alumni, f.alumni));
  const q = f.q?.trim().toLowerCase();
  // instr() on lower-cased text: nothing in what the editor types acts as a wildcard.
  if (q) where.push(sql`(instr(lower(${people.name}), ${q}) > 0 or instr(lower(coalesce(${people.role}, '')), ${q}) > 0)`);
  const condition = where.length ? and(...where) : undefined;
  const total = db.select({ n: count() }).from(people).where(condition).get()?.n ?? 0;
  const rows = db.select().from(people).where(condition).orderBy(asc(people.alumni), asc(people.name), asc(people.id)).limit(f.limit).offset(f.offset).all();
  return { people: rows.map(toView), total };
}

/** The person an import brought before under this source and key, if any. */
export function personOfSource(db: DbOrTx, source: string, sourceKey: string): PersonView | null {
  const row = db
    .select()
    .from(people)
    .where(and(eq(people.source, source), eq(people.sourceKey, sourceKey)))
    .get();
  return row ? toView(row) : null;
}

/** Inserts a person and returns the id. */
export function insertPerson(db: DbOrTx, fields: PersonFields, source: PersonSource, sourceKey: string | null): number {
  return db
    .insert(people)
    .values({ ...fields, startDate: stored(fields.startDate), source, sourceKey })
    .returning({ id: people.id })
    .get().id;
}

/** Writes fields onto a person; NotFoundError when absent. */
export function updatePersonRow(db: DbOrTx, id: number, fields: Partial<PersonFields>): void {
  const { startDate, ...rest } = fields;
  const result = db
    .update(people)
    .set({ ...rest, ...(startDate !== undefined ? { startDate: stored(startDate) } : {}), updatedAt: new Date() })
    .where(eq(people.id, id))
    .run();
  if (result.changes === 0) throw new NotFoundError(`Person ${id} does not exist`);
}

/** Deletes a person; NotFoundError when absent. */
export function deletePersonRow(db: DbOrTx, id: number): void {
  const result = db.delete(people).where(eq(people.id, id)).run();
  if (result.changes === 0) throw new NotFoundError(`Person ${id} does not exist`);
}
