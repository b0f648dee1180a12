import { and, asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { itemTopics, subscriberTopics, topics } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { DEFAULT_LANGUAGE } from '../i18n/languages.js';
import { type TopicInput, type TopicLabels, type TopicPatch, withEveryLanguage } from './topic-schema.js';

export type Topic = typeof topics.$inferSelect;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT');
}

/** Every topic, in the order the signup form shows them. */
export function listTopics(db: Db): Topic[] {
  return db.select().from(topics).orderBy(asc(topics.position), asc(topics.slug)).all();
}

/** The topics the public signup form offers: every topic an admin has not hidden, in form order. */
export function listVisibleTopics(db: Db): Topic[] {
  return db.select().from(topics).where(eq(topics.hidden, false)).orderBy(asc(topics.position), asc(topics.slug)).all();
}

/**
 * The topics a reader's preference page offers: the visible ones, and the hidden ones the reader already
 * chose (hiding a topic takes it off the form, not away from the readers who have it).
 */
export function topicsForReader(db: Db, chosen: readonly string[]): Topic[] {
  const keep = chosen.length ? inArray(topics.slug, [...chosen]) : undefined;
  return db
    .select()
    .from(topics)
    .where(keep ? or(eq(topics.hidden, false), keep) : eq(topics.hidden, false))
    .orderBy(asc(topics.position), asc(topics.slug))
    .all();
}

/** True when every one of these slugs names a topic the public form offers (the signup checks with it). */
export function visibleTopicsExist(db: Db, slugs: readonly string[]): boolean {
  const wanted = [...new Set(slugs)];
  if (wanted.length === 0) return true;
  const found =
    db
      .select({ n: count() })
      .from(topics)
      .where(and(inArray(topics.slug, wanted), eq(topics.hidden, false)))
      .get()?.n ?? 0;
  return found === wanted.length;
}

/** How many readers and items carry a topic: what deleting it takes from them. */
export function topicUsage(db: Db, id: number): { readers: number; items: number } {
  const readers = db.select({ n: count() }).from(subscriberTopics).where(eq(subscriberTopics.topicId, id)).get()?.n ?? 0;
  const items = db.select({ n: count() }).from(itemTopics).where(eq(itemTopics.topicId, id)).get()?.n ?? 0;
  return { readers, items };
}

/**
 * Swaps a topic with its neighbour in form order (`up` moves it earlier). Positions are renumbered 0..n
 * first, so topics that shared a position (every imported one starts at 0) get a definite order.
 * Returns false when the topic is already first (or last).
 */
export function moveTopic(db: Db, id: number, direction: 'up' | 'down'): boolean {
  return db.transaction((tx) => {
    const ordered = tx.select({ id: topics.id }).from(topics).orderBy(asc(topics.position), asc(topics.slug)).all();
    const index = ordered.findIndex((t) => t.id === id);
    if (index < 0) throw new NotFoundError(`Topic ${id} does not exist`);
    const other = direction === 'up' ? index - 1 : index + 1;
    if (other < 0 || other >= ordered.length) return false;
    [ordered[index], ordered[other]] = [ordered[other]!, ordered[index]!];
    ordered.forEach((t, position) => {
      tx.update(topics).set({ position }).where(eq(topics.id, t.id)).run();
    });
    return true;
  });
}

/** The topic an admin call names; a missing one is a 404. */
export function getTopic(db: Db, id: number): Topic {
  const topic = db.select().from(topics).where(eq(topics.id, id)).get();
  if (!topic) throw new NotFoundError(`Topic ${id} does not exist`);
  return topic;
}

/** The topics with these slugs (unknown slugs are simply absent from the result). */
export function topicsBySlug(db: Db, slugs: readonly string[]): Topic[] {
  if (slugs.length === 0) return [];
  return db
    .select()
    .from(topics)
    .where(inArray(topics.slug, [...new Set(slugs)]))
    .all();
}

/** The position after the last topic: the console gives it to a new topic, so it comes last on the form. */
export function nextTopicPosition(db: Db): number {
  const last = db.select({ position: topics.position }).from(topics).orderBy(desc(topics.position)).limit(1).get();
  return last ? last.position + 1 : 0;
}

/** Adds a topic; a slug already taken is a conflict. */
export function createTopic(db: Db, input: TopicInput): Topic {
  try {
    return db
      .insert(topics)
      .values({ slug: input.slug, labels: input.labels, position: input.position ?? 0, hidden: input.hidden ?? false })
      .returning()
      .get();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`A topic with slug "${input.slug}" already exists`);
    throw err;
  }
}

/** Changes a topic's slug, position, visibility or some of its labels (the others stay); a slug already taken is a conflict. */
export function updateTopic(db: Db, id: number, patch: TopicPatch): Topic {
  const current = getTopic(db, id);
  try {
    return db
      .update(topics)
      .set({
        slug: patch.slug ?? current.slug,
        labels: { ...current.labels, ...patch.labels },
        position: patch.position ?? current.position,
        hidden: patch.hidden ?? current.hidden,
      })
      .where(eq(topics.id, id))
      .returning()
      .get()!;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`A topic with slug "${patch.slug}" already exists`);
    throw err;
  }
}

/** Deletes a topic, and with it (by cascade) its links to readers and items; a missing one is a 404. */
export function deleteTopic(db: Db, id: number): void {
  const result = db.delete(topics).where(eq(topics.id, id)).run();
  if (result.changes === 0) throw new NotFoundError(`Topic ${id} does not exist`);
}

/** Turns a slug into a readable label ("social-networks" → "Social networks"). */
export function labelFromSlug(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Creates the topics whose slugs do not exist yet (labels derived from the slug, or given) and returns
 * the slugs it created. Used by the starter set and by imports, whose unknown tags become topics.
 */
export function ensureTopics(db: Db, wanted: ReadonlyArray<{ slug: string; labels?: TopicLabels }>): string[] {
  const existing = new Set(
    topicsBySlug(
      db,
      wanted.map((w) => w.slug),
    ).map((t) => t.slug),
  );
  const created: string[] = [];
  db.transaction((tx) => {
    for (const w of wanted) {
      if (existing.has(w.slug)) continue;
      const label = labelFromSlug(w.slug);
      tx.insert(topics)
        .values({ slug: w.slug, labels: w.labels ?? withEveryLanguage({ [DEFAULT_LANGUAGE]: label }) })
        .run();
      existing.add(w.slug);
      created.push(w.slug);
    }
  });
  return created;
}
