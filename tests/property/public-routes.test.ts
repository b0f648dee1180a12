import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { seedTopics } from '../routes/public-helpers.js';
import { type HostileRequest, hostileBody, hostileHeaders, hostileQuery, hostileToken, pathSegment } from './hostile-arbitraries.js';
import { createPropertyApp, dbSnapshot, describeRequest, FC, makeReader, type ReaderTokens } from './property-rig.js';

/** Every public route; `:token` is filled with valid, other-purpose, tampered and random tokens. */
const PUBLIC_ROUTES: Array<{ method: HostileRequest['method']; path: string }> = [
  { method: 'GET', path: '/subscribe' },
  { method: 'POST', path: '/subscribe' },
  { method: 'GET', path: '/manage' },
  { method: 'POST', path: '/manage' },
  { method: 'GET', path: '/confirm/:token' },
  { method: 'POST', path: '/confirm/:token' },
  { method: 'GET', path: '/preferences/:token' },
  { method: 'POST', path: '/preferences/:token' },
  { method: 'GET', path: '/preferences/:token/export' },
  { method: 'POST', path: '/preferences/:token/export' },
  { method: 'POST', path: '/preferences/:token/resubscribe' },
  { method: 'GET', path: '/unsubscribe/:token' },
  { method: 'POST', path: '/unsubscribe/:token' },
  { method: 'GET', path: '/data/:token' },
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/ready' },
  { method: 'GET', path: '/archive' },
  { method: 'GET', path: '/archive/feed.xml' },
  // The period takes the same hostile segments as a token.
  { method: 'GET', path: '/archive/:period' },
  // Last: with a valid token and confirm=yes it erases the reader, and their tokens stop working.
  { method: 'POST', path: '/preferences/:token/delete' },
];

describe('property: public routes under random and hostile requests', () => {
  let t: TestApp;
  let readers: ReaderTokens[];
  let tokens: string[];

  beforeAll(async () => {
    t = await createPropertyApp('public');
    await seedTopics(t);
    readers = [
      await makeReader(t, 'pending@example.org', 'pending'),
      await makeReader(t, 'active@example.org', 'active'),
      await makeReader(t, 'gone@example.org', 'unsubscribed'),
      await makeReader(t, 'other@example.org', 'active'),
    ];
    tokens = readers.flatMap((r) => [r.confirm, r.preferences, r.unsubscribe, r.export].filter((x): x is string => Boolean(x)));
  });
  afterAll(() => t?.close());

  it('the list covers every public route the app documents', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.includes('public'))
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const ours = PUBLIC_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(documented.filter((r) => !ours.includes(r))).toEqual([]);
  });

  for (const route of PUBLIC_ROUTES) {
    it(`${route.method} ${route.path}: never a 5xx, and a rejected request changes nothing`, async () => {
      const known = readers.map((r) => r.email);
      const request = fc
        .record({
          token: pathSegment(hostileToken(tokens)),
          query: hostileQuery,
          headers: hostileHeaders,
          body: hostileBody(known),
          withBody: fc.boolean(),
        })
        .map(({ token, query, headers, body, withBody }): HostileRequest => {
          const h: Record<string, string> = { ...headers };
          const sendBody = route.method === 'POST' || withBody;
          if (sendBody && body.contentType !== undefined) h['content-type'] = body.contentType;
          return { method: route.method, url: route.path.replace(/:(token|period)/, token) + query, headers: h, payload: sendBody ? body.payload : undefined };
        });

      await fc.assert(
        fc.asyncProperty(request, async (req) => {
          const before = dbSnapshot(t);
          const res = await t.app.inject(req);
          const where = `${describeRequest(req)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) expect(dbSnapshot(t) === before, `a rejected request changed the database: ${where}`).toBe(true);
        }),
        FC,
      );
    });
  }
});
