import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client.js';
import { subscribers } from '../../src/db/schema.js';
import { markBounced } from '../../src/subscribers/lifecycle.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';

const NOW = new Date('2026-11-02T10:00:00Z');

describe('a hard bounce (markBounced)', () => {
  let db: Db;
  beforeAll(() => {
    db = openDatabase(':memory:');
  });
  afterAll(() => db.$client.close());
  const row = (id: number) => db.select().from(subscribers).where(eq(subscribers.id, id)).get()!;

  it('moves an active reader to bounced, once', () => {
    const id = seedSubscriber(db, { email: 'gone@example.org' });
    expect(markBounced(db, id, NOW)).toBe(true);
    expect(row(id)).toMatchObject({ status: 'bounced', updatedAt: NOW });
    expect(markBounced(db, id, new Date('2026-11-03T10:00:00Z'))).toBe(false);
    expect(row(id).updatedAt).toEqual(NOW);
  });

  it('leaves a reader who is not active as they are', () => {
    for (const status of ['pending', 'unsubscribed'] as const) {
      const id = seedSubscriber(db, { email: `${status}@example.org`, status });
      expect(markBounced(db, id, NOW), status).toBe(false);
      expect(row(id).status).toBe(status);
    }
  });
});
