import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COMPOSERS, DELIVERY_STATUSES, DIGEST_STATUSES, PROFILE_ACTIONS } from '../../domain/statuses.js';
import { LANGUAGES } from '../../i18n/languages.js';
import type { ProfileRender } from '../../mail/digest-email.js';
import type { ProfileText } from '../../review/profile-text.js';
import { createdAt, updatedAt, now } from './columns.js';
import { subscribers } from './readers.js';

/** Digests, their profiles and deliveries, the review's record, and the model's summary cache. */

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
    // A profile's readers in one state, and their send batches in order (composing a profile, queueing its sends): without it each profile scans the whole digest.
    index('deliveries_profile_status_idx').on(t.digestId, t.profileKey, t.status, t.sendBatch),
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

export const llmSummaries = sqliteTable('llm_summaries', {
  key: text('key').primaryKey(),
  text: text('text').notNull(),
  createdAt: createdAt(),
});
