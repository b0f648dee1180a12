import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { topics } from '../db/schema.js';
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

/** Adds a topic; a slug already taken is a conflict. */
export function createTopic(db: Db, input: TopicInput): Topic {
  try {
    return db
      .insert(topics)
      .values({ slug: input.slug, labels: input.labels, position: input.position ?? 0 })
      .returning()
      .get();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`A topic with slug "${input.slug}" already exists`);
    throw err;
  }
}

/** Changes a topic's slug, position or some of its labels (the others stay); a slug already taken is a conflict. */
export function updateTopic(db: Db, id: number, patch: TopicPatch): Topic {
  const current = getTopic(db, id);
  try {
    return db
      .update(topics)
      .set({
        slug: patch.slug ?? current.slug,
        labels: { ...current.labels, ...patch.labels },
        position: patch.position ?? current.position,
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
