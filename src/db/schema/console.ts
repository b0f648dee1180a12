import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { USER_ROLES } from '../../domain/statuses.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../i18n/languages.js';
import { createdAt, updatedAt } from './columns.js';

/** Console users, their sessions and the sign-in throttle. */

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name'),
    role: text('role', { enum: USER_ROLES }).notNull(),
    /** argon2id, in its PHC string form. */
    passwordHash: text('password_hash').notNull(),
    /** Preferred console language. */
    language: text('language', { enum: LANGUAGES }).notNull().default(DEFAULT_LANGUAGE),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }),
    passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

/** Console sessions, kept in the database so they survive a restart. The cookie carries a random token; only its hash is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Secret behind this session's CSRF tokens. */
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins per key (`email:<address>` or `ip:<address>`), to slow and then refuse guessing. */
export const signInFailures = sqliteTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstAt: integer('first_at', { mode: 'timestamp_ms' }).notNull(),
  lastAt: integer('last_at', { mode: 'timestamp_ms' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
});

/** Per-item text written by the model, reused across digests: keyed by item content, language and model. */
