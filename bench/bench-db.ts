/**
 * What the bench reads from the product's database after (or beside) a run, with its own read-only
 * connection: the readers a digest planned to send to, and a sample of readers for the naive reference.
 */
import Database from 'better-sqlite3';

/** One reader of the naive sample, with the items they would be offered (newest first, at most 40). */
export interface SampledReader {
  email: string;
  name: string | null;
  language: 'en' | 'es';
  topics: string[];
  items: Array<{ id: number; kind: string; title: string; summary: string; url: string | null; authors: string[]; venue: string | null; doi: string | null }>;
}

const MAX_CANDIDATES = 40;

function open(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** Addresses of the active readers whose delivery in the digest was not skipped: each must get exactly one email. */
export function plannedAddresses(path: string, digestId: number): string[] {
  const db = open(path);
  try {
    return db
      .prepare(
        `SELECT s.email AS email FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
         WHERE d.digest_id = ? AND d.status <> 'skipped' AND s.status = 'active'`,
      )
      .pluck()
      .all(digestId) as string[];
  } finally {
    db.close();
  }
}

/** `count` active readers spread evenly over the table, each with their topics and candidate items. */
export function sampleReaders(path: string, count: number): SampledReader[] {
  const db = open(path);
  try {
    const total = db.prepare(`SELECT count(*) FROM subscribers WHERE status = 'active'`).pluck().get() as number;
    const step = Math.max(1, Math.floor(total / Math.max(1, count)));
    const readers = db
      .prepare(
        `SELECT id, email, name, language FROM (SELECT *, row_number() OVER (ORDER BY id) - 1 AS n FROM subscribers WHERE status = 'active') WHERE n % ? = 0 LIMIT ?`,
      )
      .all(step, count) as Array<{ id: number; email: string; name: string | null; language: 'en' | 'es' }>;
    const topicsOf = db
      .prepare(`SELECT t.slug FROM subscriber_topics st JOIN topics t ON t.id = st.topic_id WHERE st.subscriber_id = ? ORDER BY t.slug`)
      .pluck();
    const items = db.prepare(`SELECT id, kind, title, summary, url, authors, venue, doi FROM items ORDER BY date DESC, id DESC`).all() as Array<
      Omit<SampledReader['items'][number], 'authors'> & { authors: string }
    >;
    const itemTopics = new Map<number, string[]>();
    for (const row of db.prepare(`SELECT it.item_id AS id, t.slug AS slug FROM item_topics it JOIN topics t ON t.id = it.topic_id`).all() as Array<{
      id: number;
      slug: string;
    }>) {
      itemTopics.set(row.id, [...(itemTopics.get(row.id) ?? []), row.slug]);
    }
    return readers.map((r) => {
      const topics = topicsOf.all(r.id) as string[];
      const wanted = new Set(topics);
      const matching = topics.length === 0 ? items : items.filter((i) => (itemTopics.get(i.id) ?? []).some((t) => wanted.has(t)));
      return { ...r, topics, items: matching.slice(0, MAX_CANDIDATES).map((i) => ({ ...i, authors: JSON.parse(i.authors) as string[] })) };
    });
  } finally {
    db.close();
  }
}
