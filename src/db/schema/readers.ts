import { randomBytes } from 'node:crypto';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { SUBSCRIBER_STATUSES } from '../../domain/statuses.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../i18n/languages.js';
import { createdAt, updatedAt, now } from './columns.js';

/** Readers: subscribers, their topics, signups waiting for confirmation, and the consent log. */

export const subscribers = sqliteTable(
  'subscribers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name'),
    language: text('language', { enum: LANGUAGES }).notNull().default(DEFAULT_LANGUAGE),
    status: text('status', { enum: SUBSCRIBER_STATUSES }).notNull().default('pending'),
    frequency: text('frequency', { enum: ['monthly'] })
      .notNull()
      .default('monthly'),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    unsubscribedAt: integer('unsubscribed_at', { mode: 'timestamp_ms' }),
    /** Last confirmation or manage-link email, to throttle repeated requests for the same address. */
    lastLinkSentAt: integer('last_link_sent_at', { mode: 'timestamp_ms' }),
    /**
     * A random key of this row, signed into its link tokens, so a link never opens another row that got
     * the same id (a reset or restored database with the same SECRET_KEY). Null on rows from before it
     * existed: their old links keep working.
     */
    linkKey: text('link_key').$defaultFn(() => randomBytes(16).toString('base64url')),
  },
  (t) => [uniqueIndex('subscribers_email_unique').on(t.email), index('subscribers_status_idx').on(t.status)],
);

/**
 * Choices made by a signup for an address that is already stored: they wait here, and replace the
 * reader's name, language and topics only when the confirmation link sent to that address is used,
 * so a stranger who types someone's address changes nothing of theirs. One per reader; a later signup replaces it.
 */
export const pendingSignups = sqliteTable('pending_signups', {
  subscriberId: integer('subscriber_id')
    .primaryKey()
    .references(() => subscribers.id, { onDelete: 'cascade' }),
  name: text('name'),
  language: text('language', { enum: LANGUAGES }).notNull(),
  topics: text('topics', { mode: 'json' }).$type<string[]>().notNull(),
  /** Random, in the confirmation link sent for this signup: an older link confirms without applying these choices. */
  nonce: text('nonce').notNull(),
  createdAt: createdAt(),
});

export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    labels: text('labels', { mode: 'json' }).$type<Record<Language, string>>().notNull(),
    position: integer('position').notNull().default(0),
    /** Kept for readers who chose it, but not offered on the public form. */
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('topics_slug_unique').on(t.slug)],
);

export const subscriberTopics = sqliteTable(
  'subscriber_topics',
  {
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.topicId] })],
);

/**
 * The consent and unsubscribe log. Rows outlive an erased subscriber: erasing sets subscriber_id, ip and
 * user agent to null and keeps only a keyed hash of the address, so proof of consent stays anonymous.
 */
export const consentRecords = sqliteTable(
  'consent_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriberId: integer('subscriber_id').references(() => subscribers.id, { onDelete: 'set null' }),
    emailHash: text('email_hash').notNull(),
    event: text('event', { enum: ['signup', 'confirm', 'unsubscribe', 'erase', 'resubscribe'] }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
    form: text('form'),
    consentText: text('consent_text'),
    consentVersion: text('consent_version'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('consent_records_subscriber_idx').on(t.subscriberId), index('consent_records_hash_idx').on(t.emailHash)],
);
