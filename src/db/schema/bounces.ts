import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BOUNCE_EVENT_KINDS, BOUNCE_MATCHES, BOUNCE_SOURCES } from '../../bounces/bounce-kinds.js';
import { createdAt } from './columns.js';
import { deliveries } from './digests.js';
import { subscribers } from './readers.js';

/** Bounces and complaints read from the mailbox or the webhook. */

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
