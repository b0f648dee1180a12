import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { seedTopics } from '../routes/public-helpers.js';
import { type HostileRequest, headerValue, hostileBody, hostileQuery, hostileText, pathSegment } from './hostile-arbitraries.js';
import { createPropertyApp, dbSnapshot, describeRequest, FC, makeReader } from './property-rig.js';

/** Import files that once hurt parsers: deep nesting, prototype keys, entities, cut-off text (no exponential bombs). */
const hostileFile = fc.record({
  name: fc.constantFrom('a.xml', 'a.md', 'a.bib', 'feed.rss', 'a.txt', 'noext', '../../x.md', ''),
  content: fc.oneof(
    fc.constantFrom(
      `<rss><channel>${'<item>'.repeat(3000)}</channel></rss>`,
      '<rss><channel><__proto__><title>x</title></__proto__><item><constructor>1</constructor></item></channel></rss>',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>cut',
      `---\ntitle: x\n__proto__: {polluted: 1}\n---\n${'{{'.repeat(2000)}`,
      `---\ntitle: ${'['.repeat(500)}\n---\nbody`,
      `${'> '.repeat(2000)}deep`,
      '@article{k, title = {unclosed',
      '@string{a = "x"} @article{k, title = a # a # a, year = 2024}',
      '@article{__proto__, title = {x}, author = {constructor}}',
    ),
    hostileText,
  ),
});

function multipartFile(file: { name: string; content: string }): HostileRequest['payload'] {
  return `--b\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}\r\n--b--\r\n`;
}

describe('property: the admin JSON API under random and hostile requests', () => {
  let t: TestApp;
  let routes: Array<{ method: HostileRequest['method']; path: string }>;

  beforeAll(async () => {
    t = await createPropertyApp('admin');
    await seedTopics(t);
    await makeReader(t, 'reader@example.org', 'active');
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/admin/'))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => ({ method: m.toUpperCase() as HostileRequest['method'], path: path.replace(/\{(\w+)\}/g, ':$1') })),
      );
  });
  afterAll(() => t?.close());

  it('finds the admin routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual({ method: 'POST', path: '/api/admin/items/import' });
  });

  it('every admin route: never a 5xx; without the admin token always 401; a rejected request changes nothing', async () => {
    const auth = fc.oneof(
      { arbitrary: fc.constant(t.admin.authorization), weight: 4 },
      {
        arbitrary: fc.oneof(
          fc.constant(undefined),
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Basic dGVzdDp0ZXN0',
            `Bearer ${t.config.ADMIN_TOKEN}x`,
            `Bearer ${t.config.ADMIN_TOKEN.slice(1)}`,
            `bearer  ${t.config.ADMIN_TOKEN} x`,
          ),
          headerValue().map((v) => `Bearer ${v}`),
        ),
        weight: 2,
      },
    );
    const id = fc.oneof(
      fc.constantFrom('1', '2', '3'),
      fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', '99999999999999999999', ' 1', '__proto__'),
      hostileText,
    );
    // A dot-segment resolves to another path (a route-less 404 before any auth), so it is left out here.
    const segment = pathSegment(id).filter((s) => !/^(\.|%2e)+$/i.test(s));
    const request = fc
      .record({
        route: fc.integer({ min: 0, max: 10_000 }),
        id: segment,
        pid: segment,
        query: hostileQuery,
        auth,
        body: fc.oneof(
          hostileBody(['reader@example.org']),
          hostileFile.map((f) => ({ contentType: 'multipart/form-data; boundary=b', payload: multipartFile(f) })),
        ),
      })
      .map(({ route, id: i, pid, query, auth: a, body }): HostileRequest => {
        const r = routes[route % routes.length]!;
        const headers: Record<string, string> = {};
        if (a !== undefined) headers.authorization = a;
        const withBody = r.method !== 'GET' && r.method !== 'DELETE';
        if (withBody && body.contentType !== undefined) headers['content-type'] = body.contentType;
        return { method: r.method, url: r.path.replace(':id', i).replace(':pid', pid) + query, headers, payload: withBody ? body.payload : undefined };
      });

    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const before = dbSnapshot(t);
        const res = await t.app.inject(req);
        const where = `${describeRequest(req)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeLessThan(500);
        // A path Fastify cannot decode is refused by the router, before any route (or its auth) runs.
        // The router answers before any auth for a path it cannot decode (400) or a parameter longer than
        // maxParamLength (414): neither reaches a route, so neither tells anything.
        const tooLong = res.statusCode === 414 && new URL(req.url, 'http://x').pathname.split('/').some((part) => part.length > 500);
        const badUrl = (res.statusCode === 400 && res.body.includes('FST_ERR_BAD_URL')) || tooLong;
        if (req.headers.authorization !== t.admin.authorization && !badUrl) expect(res.statusCode, where).toBe(401);
        if (res.statusCode >= 400) expect(dbSnapshot(t) === before, `a rejected request changed the database: ${where}`).toBe(true);
      }),
      { ...FC, numRuns: FC.numRuns * 3 },
    );
  });
});
