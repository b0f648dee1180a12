import { type Column, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * Statements the owner runs for every worker result, prepared once per database connection: building
 * a query's SQL in drizzle and compiling it in SQLite cost several times what running it does. A
 * transaction shares its database's session (the same connection), so one statement serves both.
 */
export function preparedPerDb<T>(prepare: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const bySession = new WeakMap<object, T>();
  return (db) => {
    // Drizzle keeps the connection's session on the database and on each of its transactions alike.
    const session = (db as unknown as { session: object }).session;
    let statement = bySession.get(session);
    if (statement === undefined) {
      statement = prepare(db);
      bySession.set(session, statement);
    }
    return statement;
  };
}

/**
 * `column IN (the values)` with the values bound as one JSON array (pass `JSON.stringify(values)`, or
 * `idsJson(ids)`, as the placeholder's value): one prepared statement serves a list of any length.
 */
export function inJsonList(column: Column, placeholder: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(placeholder)}))`;
}

/** The value of an inJsonList placeholder. */
export function idsJson(ids: readonly number[]): string {
  return JSON.stringify(ids);
}

/**
 * A placeholder where drizzle's types want a column's value (an update's set): drizzle fills it through
 * the column's encoder when the statement runs (a Date becomes milliseconds, JSON a string).
 */
export function valueSlot<T>(name: string): T {
  return sql.placeholder(name) as unknown as T;
}
