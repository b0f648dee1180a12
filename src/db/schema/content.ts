import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ITEM_KINDS } from '../../domain/item-kinds.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../i18n/languages.js';
import { createdAt, updatedAt } from './columns.js';
import { topics } from './readers.js';

/** What a digest tells: items (with their topics and sources) and the lab's people. */

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
