import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { subscribers } from '../../src/db/schema.js';
import { getSubscriber } from '../../src/subscribers/subscriber-repository.js';
import { signToken, verifyToken } from '../../src/tokens/tokens.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('link tokens are bound to the reader row, not only its id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('tokens-bound');
  });
  afterAll(async () => {
    await t.close();
  });

  it('every new row gets its own random link key', () => {
    const a = getSubscriber(t.ctx.db, seedSubscriber(t.ctx.db, { email: 'a@lab.example' }));
    const b = getSubscriber(t.ctx.db, seedSubscriber(t.ctx.db, { email: 'b@lab.example' }));
    expect(a.linkKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b.linkKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.linkKey).not.toBe(b.linkKey);
  });

  it('after a database reset with the same SECRET_KEY, an old link for an id does not open the new reader with that id', async () => {
    // The "old" database: reader 1 and their links.
    const oldDb = openDatabase(`${t.config.DATABASE_PATH}.old`);
    const oldId = oldDb.insert(subscribers).values({ email: 'old-reader@lab.example', status: 'active' }).returning().get();
    const oldLinks = (['preferences', 'unsubscribe', 'confirm'] as const).map((p) => [p, signToken(t.config.SECRET_KEY, p, oldId)] as const);
    oldDb.$client.close();

    // The app's database is a fresh one: its first reader has the same id.
    const newcomer = getSubscriber(t.ctx.db, 1);
    expect(newcomer.id).toBe(oldId.id);
    for (const [purpose, token] of oldLinks) {
      expect(verifyToken(t.config.SECRET_KEY, purpose, token, (id) => getSubscriber(t.ctx.db, id))).toBeNull();
      const page = await t.app.inject({ url: `/${purpose}/${token}` });
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain(newcomer.email);
    }
    // The newcomer's own link works.
    const own = await t.app.inject({ url: `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', newcomer)}` });
    expect(own.statusCode).toBe(200);
  });

  it('a row from before link keys (none stored) keeps its old id-only links working', async () => {
    const id = seedSubscriber(t.ctx.db, { email: 'legacy@lab.example' });
    t.ctx.db.$client.prepare('UPDATE subscribers SET link_key = NULL WHERE id = ?').run(id);
    const token = signToken(t.config.SECRET_KEY, 'preferences', { id, linkKey: null });
    expect((await t.app.inject({ url: `/preferences/${token}` })).statusCode).toBe(200);
    // And a keyed token for the same id does not.
    const keyed = signToken(t.config.SECRET_KEY, 'preferences', { id, linkKey: 'made-up-key' });
    expect((await t.app.inject({ url: `/preferences/${keyed}` })).statusCode).toBe(404);
  });
});
