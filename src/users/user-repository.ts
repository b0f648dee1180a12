import { asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { users } from '../db/schema.js';
import type { UserRole } from '../domain/statuses.js';

export type UserRow = typeof users.$inferSelect;

/** The user with this id (with the hash: only the user service reads rows). */
export function findUserRow(db: DbOrTx, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** The user with this normalised address. */
export function findUserRowByEmail(db: DbOrTx, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

/** Every user, by address. */
export function listUserRows(db: DbOrTx): UserRow[] {
  return db.select().from(users).orderBy(asc(users.email)).all();
}

/** How many users there are (all of them, or with one role). */
export function countUsers(db: DbOrTx, role?: UserRole): number {
  const q = db.select({ n: count() }).from(users);
  return (role ? q.where(eq(users.role, role)) : q).get()?.n ?? 0;
}
