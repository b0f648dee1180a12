import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/** Now in milliseconds, as SQLite computes it, for column defaults. */
export const now = sql`(unixepoch('subsec') * 1000)`;

/** A row's creation time (set by SQLite). */
export const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);

/** A row's last change (set by SQLite on insert; the repositories set it on update). */
export const updatedAt = () => integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now);
