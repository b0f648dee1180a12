import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BOUNCE_EVENT_KINDS, BOUNCE_MATCHES, BOUNCE_SOURCES } from '../bounces/bounce-kinds.js';
import { ITEM_KINDS } from '../domain/item-kinds.js';
import { COMPOSERS, DELIVERY_STATUSES, DIGEST_STATUSES, PROFILE_ACTIONS, SUBSCRIBER_STATUSES, USER_ROLES } from '../domain/statuses.js';
import type { ProfileRender } from '../mail/digest-email.js';
import type { ProfileText } from '../review/profile-text.js';
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from '../i18n/languages.js';

const now = sql`(unixepoch('subsec') * 1000)`;
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);
const updatedAt = () => integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now);

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

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ITEM_KINDS }).notNull(),
    title: text('title').notNull(),
    /** Lower-cased title without punctuation or accents: one of the keys that find the same work twice. */
    normalizedTitle: text('normalized_title').notNull(),
    summary: text('summary').notNull().default(''),
    url: text('url'),
    authors: text('authors', { mode: 'json' }).$type<string[]>().notNull().default([]),
    date: integer('date', { mode: 'timestamp_ms' }).notNull(),
    language: text('language', { enum: LANGUAGES }).notNull().default(DEFAULT_LANGUAGE),
    venue: text('venue'),
    doi: text('doi'),
    pdfUrl: text('pdf_url'),
    external: integer('external', { mode: 'boolean' }).notNull().default(false),
    /** Events: the last day (stored as `date` is), the start and end instants when a time is known, and where. */
    endDate: integer('end_date', { mode: 'timestamp_ms' }),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
    location: text('location'),
    source: text('source').notNull().default('admin'),
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('items_date_idx').on(t.date),
    index('items_doi_idx').on(t.doi),
    index('items_url_idx').on(t.url),
    index('items_title_idx').on(t.normalizedTitle),
    uniqueIndex('items_source_key_unique').on(t.source, t.sourceKey),
  ],
);

export const itemTopics = sqliteTable(
  'item_topics',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.topicId] })],
);

/**
 * What each source said about an item, one row per (source, source key). The item is the merge of its
 * rows, so a re-import recomputes the same item whatever the order, and an edited source updates it.
 */
export const itemSources = sqliteTable(
  'item_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    sourceKey: text('source_key').notNull(),
    doi: text('doi'),
    url: text('url'),
    pdfUrl: text('pdf_url'),
    normalizedTitle: text('normalized_title').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('item_sources_source_key_unique').on(t.source, t.sourceKey),
    index('item_sources_item_idx').on(t.itemId),
    index('item_sources_doi_idx').on(t.doi),
    index('item_sources_url_idx').on(t.url),
    index('item_sources_title_idx').on(t.normalizedTitle),
  ],
);

export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    period: text('period').notNull(),
    status: text('status', { enum: DIGEST_STATUSES }).notNull().default('planned'),
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull().default(false),
    windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
    windowEnd: integer('window_end', { mode: 'timestamp_ms' }).notNull(),
    model: text('model'),
    itemCount: integer('item_count').notNull().default(0),
    plannedCount: integer('planned_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    profileCount: integer('profile_count').notNull().default(0),
    llmCallCount: integer('llm_call_count').notNull().default(0),
    composedWithLlm: integer('composed_with_llm').notNull().default(0),
    composedWithoutLlm: integer('composed_without_llm').notNull().default(0),
    sentCount: integer('sent_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    error: text('error'),
    /** Decided when planned (REVIEW_REQUIRED then): the digest stops in `review` until an admin approves it. */
    reviewRequired: integer('review_required', { mode: 'boolean' }).notNull().default(false),
    /** The model's digest as Ollama lists it (`/api/tags`), when it could be read. */
    modelDigest: text('model_digest'),
    /** Model lines that failed the grounding check and were replaced by the item's own text (without review, or at approval). */
    groundingReplacedCount: integer('grounding_replaced_count').notNull().default(0),
    /** Why a digest is paused (an editor, or the relay being away). */
    pausedReason: text('paused_reason'),
    approvedBy: text('approved_by'),
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // One live real digest per period; a cancelled or failed one may be planned again. Dry runs may repeat.
    uniqueIndex('digests_period_live_unique').on(t.period).where(sql`dry_run = 0 AND status NOT IN ('cancelled', 'failed')`),
  ],
);

export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id, { onDelete: 'cascade' }),
    subscriberId: integer('subscriber_id').references(() => subscribers.id, { onDelete: 'set null' }),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('planned'),
    profileKey: text('profile_key'),
    email: text('email').notNull(),
    itemIds: text('item_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    composedWith: text('composed_with', { enum: COMPOSERS }),
    messageId: text('message_id').notNull(),
    subject: text('subject'),
    html: text('html'),
    text: text('text'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /**
     * The send job this delivery travels in (a digest-wide number, given when it is first queued): the same
     * readers are queued under the same job id again after a restart, so BullMQ's de-duplication holds.
     */
    sendBatch: integer('send_batch'),
  },
  (t) => [
    uniqueIndex('deliveries_digest_subscriber_unique').on(t.digestId, t.subscriberId),
    index('deliveries_status_idx').on(t.digestId, t.status),
    index('deliveries_send_batch_idx').on(t.digestId, t.sendBatch),
    // A profile's readers in one state (composing a profile, queueing its sends): without it each profile scans the whole digest.
    index('deliveries_profile_status_idx').on(t.digestId, t.profileKey, t.status),
  ],
);

/** A group of readers who get the same tailored text: same language, same candidate items, same matched topics. */
export const digestProfiles = sqliteTable(
  'digest_profiles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    topicSlugs: text('topic_slugs', { mode: 'json' }).$type<string[]>().notNull(),
    candidateIds: text('candidate_ids', { mode: 'json' }).$type<number[]>().notNull(),
    composedWith: text('composed_with', { enum: COMPOSERS }),
    llmError: text('llm_error'),
    /** What the email says: the intro and, per item, the summary and the line, each with its origin and the checks' findings. */
    text: text('text', { mode: 'json' }).$type<ProfileText>(),
    /** Provenance: the model's raw answer (bounded), the prompt version, and a hash of each item's text as the model saw it. */
    rawAnswer: text('raw_answer'),
    promptVersion: text('prompt_version'),
    itemHashes: text('item_hashes', { mode: 'json' }).$type<Record<string, string>>(),
    composedAt: integer('composed_at', { mode: 'timestamp_ms' }),
    /**
     * The email rendered once for all the profile's readers, with each reader's greeting and links left
     * open (src/mail/digest-email.ts ProfileRender): previews fill it here, send workers get it from Redis.
     */
    render: text('render', { mode: 'json' }).$type<ProfileRender>(),
  },
  (t) => [uniqueIndex('digest_profiles_digest_key_unique').on(t.digestId, t.key)],
);

/** Every change an editor (or the approval) made to a profile: who, when, what before and after. Part of its provenance. */
export const profileEvents = sqliteTable(
  'profile_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id, { onDelete: 'cascade' }),
    profileId: integer('profile_id')
      .notNull()
      .references(() => digestProfiles.id, { onDelete: 'cascade' }),
    action: text('action', { enum: PROFILE_ACTIONS }).notNull(),
    /** `intro`, `item:<id>:line` or `item:<id>:summary`; null for the whole profile. */
    target: text('target'),
    before: text('before'),
    after: text('after'),
    /** The console user's email, or `api` for the bearer token, or `system`. */
    actor: text('actor').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('profile_events_profile_idx').on(t.profileId)],
);

/** People who use the console. */
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
export const llmSummaries = sqliteTable('llm_summaries', {
  key: text('key').primaryKey(),
  text: text('text').notNull(),
  createdAt: createdAt(),
});

// ---- issue 11: people (team members) -------------------------------------------------------------
// Also added inline on `items` for events: end_date, starts_at, ends_at, location.

/** A team member: from the console, the admin API, or an import (Hugo authors, Jekyll team and alumni files). */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    role: text('role'),
    photoUrl: text('photo_url'),
    bio: text('bio').notNull().default(''),
    /** Calendar date (UTC midnight, as items' dates) the person joined the lab, when known. */
    startDate: integer('start_date', { mode: 'timestamp_ms' }),
    links: text('links', { mode: 'json' }).$type<Array<{ label: string; url: string }>>().notNull().default([]),
    alumni: integer('alumni', { mode: 'boolean' }).notNull().default(false),
    /** `admin`, or the import that brought the person (`hugo-author`, `jekyll-team`); with the key, a re-import finds the row. */
    source: text('source').notNull().default('admin'),
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('people_source_key_unique').on(t.source, t.sourceKey), index('people_name_idx').on(t.name)],
);

// ---------------------------------------------------------------------------------------------------------
// Bounces and complaints (issue 12)
// ---------------------------------------------------------------------------------------------------------

/**
 * Every bounce and complaint read from the bounce mailbox or posted to the webhook, with the reader and
 * (when it could be told) the delivery it was about. Goes with the reader on erasure: the diagnostic and
 * recipient name them. The bounce's own Message-ID (per source) is unique, so a message read twice is
 * recorded once.
 */
export const bounceEvents = sqliteTable(
  'bounce_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    deliveryId: integer('delivery_id').references(() => deliveries.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: BOUNCE_EVENT_KINDS }).notNull(),
    /** Enhanced status code (5.1.1, 4.2.2), when the report gave one. */
    status: text('status'),
    diagnostic: text('diagnostic'),
    /** The address the report names (the reader's, or where their mail was forwarded). */
    recipient: text('recipient'),
    source: text('source', { enum: BOUNCE_SOURCES }).notNull(),
    matchedBy: text('matched_by', { enum: BOUNCE_MATCHES }).notNull(),
    /** The bounce message's own Message-ID, or the relay's event id for the webhook. */
    messageId: text('message_id'),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('bounce_events_subscriber_idx').on(t.subscriberId),
    index('bounce_events_delivery_idx').on(t.deliveryId),
    uniqueIndex('bounce_events_source_message_unique').on(t.source, t.messageId),
  ],
);
