import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ensureOwnerDirSync, OWNER_FILE_MODE, restrictIfPresentSync } from '../owner-only.js';
import { packagePath } from '../package-root.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A database or an open transaction: what repository functions take, so they compose inside a transaction. */
export type DbOrTx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export const MIGRATIONS_DIR = packagePath('migrations');

/**
 * Creates the database file owner-only before SQLite does (SQLite gives its -wal and -shm files the
 * database file's mode), in an owner-only folder; files that exist are narrowed to 0600 too.
 */
function prepareFiles(path: string): void {
  ensureOwnerDirSync(dirname(resolve(path)));
  closeSync(openSync(path, 'a', OWNER_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) restrictIfPresentSync(file);
}

/**
 * Opens the SQLite file (WAL, foreign keys on) and applies any pending migrations. `secure_delete`
 * overwrites deleted rows with zeros, so an erased reader does not linger in free pages (see checkpointErasure).
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') prepareFiles(path);
  const sqlite = new Database(path);
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle({ client: sqlite, schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  if (path !== ':memory:') for (const file of [`${path}-wal`, `${path}-shm`]) restrictIfPresentSync(file);
  return db;
}

/**
 * Moves every page of the write-ahead log into the database file and empties the log, after an erasure:
 * the WAL still holds the old pages (with the address) until a checkpoint copies the zeroed ones over.
 * A reader holding an old snapshot can keep it from finishing; the next erasure or checkpoint completes it.
 */
export function checkpointErasure(db: Db): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

/** True when a simple query answers: what /ready asks of the database. */
export function databaseIsReady(db: Db): boolean {
  try {
    return db.$client.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
