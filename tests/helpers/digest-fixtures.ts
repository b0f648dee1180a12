import { eq } from 'drizzle-orm';
import { vi } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { items, itemTopics, subscribers, subscriberTopics, topics } from '../../src/db/schema.js';
import type { ItemKind } from '../../src/domain/item-kinds.js';
import type { Language } from '../../src/i18n/languages.js';
import { ensureTopics } from '../../src/topics/topic-repository.js';

/** Creates topics by slug with labels in both languages. */
export function seedTopics(db: Db, slugs: Record<string, { en: string; es: string }>): void {
  ensureTopics(
    db,
    Object.entries(slugs).map(([slug, labels]) => ({ slug, labels })),
  );
}

function topicIds(db: Db, slugs: string[]): number[] {
  return slugs.map((slug) => {
    const t = db.select().from(topics).where(eq(topics.slug, slug)).get();
    if (!t) throw new Error(`unknown topic ${slug}`);
    return t.id;
  });
}

/** Inserts an item dated `date` (YYYY-MM-DD) with the given topics; returns its id. */
export function seedItem(
  db: Db,
  fields: {
    title: string;
    kind?: ItemKind;
    date: string;
    topics: string[];
    summary?: string;
    url?: string;
    language?: Language;
    authors?: string[];
    venue?: string;
  },
): number {
  const row = db
    .insert(items)
    .values({
      kind: fields.kind ?? 'project',
      title: fields.title,
      normalizedTitle: fields.title.toLowerCase(),
      summary: fields.summary ?? `${fields.title}: what we did and what we found.`,
      url: fields.url ?? `https://lab.example.org/${encodeURIComponent(fields.title.toLowerCase().replace(/\s+/g, '-'))}`,
      authors: fields.authors ?? ['Ana Pérez', 'John Smith'],
      venue: fields.venue ?? null,
      date: new Date(`${fields.date}T00:00:00Z`),
      language: fields.language ?? 'en',
      source: 'test',
      sourceKey: fields.title,
    })
    .returning({ id: items.id })
    .get();
  for (const topicId of topicIds(db, fields.topics)) db.insert(itemTopics).values({ itemId: row.id, topicId }).run();
  return row.id;
}

/** Inserts an active, confirmed subscriber with the given topics; returns its id. */
export function seedSubscriber(
  db: Db,
  fields: { email: string; name?: string | null; language?: Language; topics?: string[]; paused?: boolean; status?: 'active' | 'pending' | 'unsubscribed' },
): number {
  const row = db
    .insert(subscribers)
    .values({
      email: fields.email,
      name: fields.name ?? null,
      language: fields.language ?? 'en',
      status: fields.status ?? 'active',
      paused: fields.paused ?? false,
      confirmedAt: new Date(),
    })
    .returning({ id: subscribers.id })
    .get();
  for (const topicId of topicIds(db, fields.topics ?? [])) db.insert(subscriberTopics).values({ subscriberId: row.id, topicId }).run();
  return row.id;
}

/** Waits (vi.waitFor) until a check gives a truthy value, and returns it; fails with `what` after the deadline. */
export function waitUntil<T>(check: () => T | Promise<T>, timeoutMs = 20_000, what = 'condition'): Promise<NonNullable<T>> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (!value) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      return value as NonNullable<T>;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}
