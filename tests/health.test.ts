import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('health, readiness and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('health');
  });
  afterAll(() => t.close());

  it('answers /health', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('reports database and Redis ready', async () => {
    const res = await t.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: true, redis: true });
  });

  it('reports not ready when the database is closed', async () => {
    const other = await createTestApp('health-closed');
    other.ctx.db.$client.close();
    const res = await other.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not_ready', database: false, redis: true });
    await other.app.close();
    await other.ctx.queues.close();
    other.ctx.redis.disconnect();
  });

  it('serves the OpenAPI document with the admin routes', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/admin/topics/');
  });

  it('guards the admin API with the bearer token', async () => {
    expect((await t.app.inject({ url: '/api/admin/topics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({ url: '/api/admin/topics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({ url: '/api/admin/topics', headers: t.admin });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ topics: [] });
  });

  it('hides 404 details behind a friendly page for browsers', async () => {
    const res = await t.app.inject({ url: '/nothing-here', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Link not found');
  });
});
