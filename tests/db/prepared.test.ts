import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client.js';
import { idsJson, inJsonList, preparedPerDb, valueSlot } from '../../src/db/prepared.js';
import { topics } from '../../src/db/schema.js';

const topicsIn = preparedPerDb((db) => db.select({ slug: topics.slug }).from(topics).where(inJsonList(topics.id, 'ids')).orderBy(topics.slug).prepare());
const rename = preparedPerDb((db) =>
  db
    .update(topics)
    .set({ slug: valueSlot<string>('slug') })
    .where(eq(topics.id, sql.placeholder('id')))
    .prepare(),
);

/** Statements prepared once per connection: each database gets its own, and a transaction uses its database's. */
describe('prepared statements', () => {
  let a: Db;
  let b: Db;
  const addTopic = (db: Db, slug: string) =>
    db
      .insert(topics)
      .values({ slug, labels: { en: slug, es: slug } })
      .returning({ id: topics.id })
      .get().id;
  beforeAll(() => {
    a = openDatabase(':memory:');
    b = openDatabase(':memory:');
  });
  afterAll(() => {
    a.$client.close();
    b.$client.close();
  });

  it('prepares a statement once per database and runs it on that database only', () => {
    // Two fresh databases: the same id names a different row in each.
    const id = addTopic(a, 'only-in-a');
    expect(addTopic(b, 'only-in-b')).toBe(id);
    expect(topicsIn(a)).toBe(topicsIn(a));
    expect(topicsIn(a)).not.toBe(topicsIn(b));
    expect(topicsIn(a).all({ ids: idsJson([id]) })).toEqual([{ slug: 'only-in-a' }]);
    expect(topicsIn(b).all({ ids: idsJson([id]) })).toEqual([{ slug: 'only-in-b' }]);
  });

  it('runs inside a transaction as part of it: a rollback undoes what it wrote', () => {
    const id = addTopic(a, 'before');
    expect(() =>
      a.transaction((tx) => {
        rename(tx).run({ id, slug: 'inside' });
        expect(topicsIn(tx).all({ ids: idsJson([id]) })).toEqual([{ slug: 'inside' }]);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(topicsIn(a).all({ ids: idsJson([id]) })).toEqual([{ slug: 'before' }]);
  });

  it('binds a list longer than SQLite allows bound values as one JSON parameter', () => {
    const id = addTopic(a, 'needle');
    const ids = Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i);
    ids[20_000] = id;
    expect(topicsIn(a).all({ ids: idsJson(ids) })).toEqual([{ slug: 'needle' }]);
  });
});
