import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consentRecords, subscribers } from '../../src/db/schema.js';
import { signToken } from '../../src/tokens/tokens.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { seedTopics, subscriberByEmail } from './public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

describe('admin subscriber API', () => {
  let t: TestApp;
  // Each test gets its own app with the same four people (one test erases one of them).
  beforeEach(async () => {
    t = await createTestApp('admin-subscribers', { RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
    const people = [
      { email: 'ada@uni.example', language: 'en', topics: ['networks'], name: 'Ada' },
      { email: 'bea@uni.example', language: 'es', topics: ['elections', 'networks'], name: '=HYPERLINK("http://evil.example","x")' },
      { email: 'cid@lab.example', language: 'es', topics: [], name: '+cmd' },
      { email: 'dan@lab.example', language: 'en', topics: ['misinformation'], name: '@SUM(1)' },
    ];
    for (const p of people) {
      const res = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { ...p, consent: true } });
      expect(res.statusCode).toBe(202);
    }
    for (const email of ['ada@uni.example', 'bea@uni.example']) {
      const id = subscriberByEmail(t, email)!.id;
      await t.app.inject({ method: 'POST', url: `/confirm/${signToken(t.config.SECRET_KEY, 'confirm', subjectOf(t, id))}` });
    }
  });
  afterEach(() => t.close());

  const get = (url: string) => t.app.inject({ url, headers: t.admin });

  it('needs the bearer token', async () => {
    expect((await t.app.inject({ url: '/api/admin/subscribers' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/admin/subscribers/export' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/admin/subscribers/1' })).statusCode).toBe(401);
  });

  it('lists, filters and paginates', async () => {
    const all = (await get('/api/admin/subscribers')).json();
    expect(all).toMatchObject({ total: 4, page: 1, limit: 50 });
    expect(all.subscribers.map((s: { email: string }) => s.email)).toEqual(['ada@uni.example', 'bea@uni.example', 'cid@lab.example', 'dan@lab.example']);
    expect(all.subscribers[1]).toMatchObject({ status: 'active', language: 'es', topics: ['elections', 'networks'], paused: false, frequency: 'monthly' });

    const emails = async (q: string) => {
      const res = await get(`/api/admin/subscribers?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().subscribers.map((s: { email: string }) => s.email);
    };
    expect(await emails('status=active')).toEqual(['ada@uni.example', 'bea@uni.example']);
    expect(await emails('status=pending&language=es')).toEqual(['cid@lab.example']);
    expect(await emails('topic=networks')).toEqual(['ada@uni.example', 'bea@uni.example']);
    expect(await emails('q=LAB.ex')).toEqual(['cid@lab.example', 'dan@lab.example']);
    expect(await emails('q=%25')).toEqual([]);

    const page2 = (await get('/api/admin/subscribers?limit=3&page=2')).json();
    expect(page2).toMatchObject({ total: 4, page: 2, limit: 3 });
    expect(page2.subscribers.map((s: { email: string }) => s.email)).toEqual(['dan@lab.example']);
  });

  it('rejects bad list parameters with a 400', async () => {
    for (const q of ['limit=201', 'limit=0', 'page=0', 'status=gone', 'language=fr']) {
      const res = await get(`/api/admin/subscribers?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error).toBe('invalid_input');
    }
  });

  it('exports CSV with a header and defused formulas', async () => {
    const res = await get('/api/admin/subscribers/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,email,name,language,status,paused,topics,created_at,confirmed_at,unsubscribed_at');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain(`"bea@uni.example","'=HYPERLINK(""http://evil.example"",""x"")","es","active","no","elections;networks"`);
    expect(lines[3]).toContain(`"'+cmd"`);
    expect(lines[4]).toContain(`"'@SUM(1)"`);
    const filtered = await get('/api/admin/subscribers/export?status=pending');
    expect(filtered.body.trimEnd().split('\r\n')).toHaveLength(3);
  });

  it('shows one subscriber with its consent log, and 404s an unknown id', async () => {
    const id = subscriberByEmail(t, 'ada@uni.example')!.id;
    const res = await get(`/api/admin/subscribers/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, email: 'ada@uni.example', consentRecords: [{ event: 'signup' }, { event: 'confirm' }] });
    expect((await get('/api/admin/subscribers/99999')).statusCode).toBe(404);
  });

  it('erases a subscriber the same way the reader can', async () => {
    const id = subscriberByEmail(t, 'dan@lab.example')!.id;
    const res = await t.app.inject({ method: 'DELETE', url: `/api/admin/subscribers/${id}`, headers: t.admin });
    expect(res.statusCode).toBe(204);
    expect(t.ctx.db.select().from(subscribers).where(eq(subscribers.id, id)).get()).toBeUndefined();
    const erase = t.ctx.db.select().from(consentRecords).where(eq(consentRecords.event, 'erase')).all();
    expect(erase).toMatchObject([{ subscriberId: null, ip: null, userAgent: null, form: 'admin-api' }]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/subscribers/${id}`, headers: t.admin })).statusCode).toBe(404);
    expect((await get('/api/admin/subscribers')).json().total).toBe(3);
  });

  it('documents the routes in OpenAPI', async () => {
    const paths = Object.keys((await t.app.inject({ url: '/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/admin/subscribers/', '/api/admin/subscribers/export', '/api/admin/subscribers/{id}', '/subscribe', '/manage']),
    );
  });
});
