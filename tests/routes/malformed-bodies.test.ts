import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { items } from '../../src/db/schema.js';
import { signToken } from '../../src/tokens/tokens.js';
import { subjectOf } from '../helpers/token-subject.js';
import { waitUntil } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dbSnapshot, seedTopics } from './public-helpers.js';

// Audit finding 4: malformed bodies answered 500. Each must be a clear 4xx (JSON for JSON, a page for a
// browser's form) and change nothing.
const JSON_TYPE = { 'content-type': 'application/json' };
const BOUNDARY = 'XyZ';
const cutMultipart = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Cl`;
const multipartOf = (fields: Record<string, string>) =>
  `${Object.entries(fields)
    .map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')}--${BOUNDARY}--\r\n`;

describe('malformed bodies on the public POSTs', () => {
  let t: TestApp;
  let before: string;
  let token: (purpose: 'unsubscribe' | 'preferences' | 'confirm') => string;
  beforeAll(async () => {
    t = await createTestApp('malformed-bodies', { RATE_LIMIT_PER_MINUTE: '10000' });
    await seedTopics(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      payload: { email: 'reader@example.org', name: 'Reader', language: 'en', topics: ['networks'], consent: true },
    });
    expect(res.statusCode).toBe(202);
    // The signup's work runs after the answer: wait for the reader's row.
    const row = await waitUntil(() => (JSON.parse(dbSnapshot(t)).subscribers as Array<{ id: number }>)[0], 10_000, 'the signup to be stored');
    token = (purpose) => signToken(t.config.SECRET_KEY, purpose, subjectOf(t, row.id));
  });
  afterAll(() => t.close());
  beforeEach(() => {
    before = dbSnapshot(t);
  });

  const urls = () => [
    '/subscribe',
    '/manage',
    `/confirm/${token('confirm')}`,
    `/unsubscribe/${token('unsubscribe')}`,
    `/preferences/${token('preferences')}`,
    `/preferences/${token('preferences')}/resubscribe`,
    `/preferences/${token('preferences')}/export`,
    `/preferences/${token('preferences')}/delete`,
  ];

  const bodies: Array<[string, Record<string, string>, string, number[]]> = [
    ['malformed JSON', JSON_TYPE, '{"email":', [400]],
    ['empty JSON', JSON_TYPE, '', [400]],
    ['JSON in UTF-16', { 'content-type': 'application/json; charset=utf-16' }, '{}', [415]],
    ['a form in Latin-1', { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' }, 'email=a%40b.org', [415]],
    ['multipart without a boundary', { 'content-type': 'multipart/form-data' }, 'x', [400, 415]],
    ['multipart cut short', { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, cutMultipart, [400, 415]],
    ['a type without a parser', { 'content-type': 'text/xml' }, '<a/>', [415]],
    ['a body too large', { 'content-type': 'application/x-www-form-urlencoded' }, `email=${'a'.repeat(70_000)}`, [413]],
  ];

  for (const [label, headers, payload, statuses] of bodies) {
    it(`answers ${label} with ${statuses.join(' or ')} on every public POST, changing nothing`, async () => {
      for (const url of urls()) {
        const res = await t.app.inject({ method: 'POST', url, headers, payload });
        expect({ url, status: res.statusCode }).toEqual({ url, status: expect.toSatisfy((s: number) => statuses.includes(s)) });
        expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      }
      expect(dbSnapshot(t)).toBe(before);
    });
  }

  it('answers malformed and empty JSON on /manage with 400 and the JSON error (it was 500)', async () => {
    for (const payload of ['{"email":', '']) {
      const res = await t.app.inject({ method: 'POST', url: '/manage', headers: JSON_TYPE, payload });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error).toMatch(/json/);
    }
  });

  it('answers a multipart unsubscribe without a boundary or cut short with 400, JSON or a page (it was 500)', async () => {
    const url = `/unsubscribe/${token('unsubscribe')}`;
    const noBoundary = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data' }, payload: 'x' });
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json()).toMatchObject({ error: 'invalid_input', message: expect.stringContaining('multipart body cannot be read') });
    const cut = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, accept: 'text/html' },
      payload: cutMultipart,
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.headers['content-type']).toMatch(/^text\/html/);
    expect(cut.body).toContain('multipart body cannot be read');
    expect(dbSnapshot(t)).toBe(before);
  });

  it('still reads a whole multipart one-click unsubscribe', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${token('unsubscribe')}`,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipartOf({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(dbSnapshot(t)).subscribers[0].status).toBe('unsubscribed');
  });
});

describe('malformed input to the admin import and JSON routes', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp('malformed-admin', { IMPORT_ALLOW_PRIVATE: 'true' });
    server = http.createServer((req, res) => {
      if (req.url === '/broken-redirect') res.writeHead(302, { location: 'http://[::1' }).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const itemCount = () => t.ctx.db.select({ n: count() }).from(items).get()!.n;
  const upload = (name: string, content: string) => ({
    method: 'POST' as const,
    url: '/api/admin/items/import',
    headers: { ...t.admin, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/xml\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`,
  });
  const item = '<item><title>T</title><link>https://example.org/x</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>';

  it('answers XML nested too deep with 400 naming the limit (it was 500)', async () => {
    const res = await t.app.inject(upload('deep.xml', `<rss><channel>${item}${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</channel></rss>`));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('deep.xml: XML nested more than 64 elements deep');
    expect(itemCount()).toBe(0);
  });

  it('answers a <__proto__> element with 400 (it was 500)', async () => {
    const res = await t.app.inject(upload('proto.xml', `<rss><channel><__proto__><x>1</x></__proto__>${item}</channel></rss>`));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^proto\.xml: not a readable feed: .*__proto__/);
    expect(itemCount()).toBe(0);
  });

  it('answers a malformed redirect Location with 400 (it was 500)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: t.admin, payload: { url: `${base}/broken-redirect` } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(`${base}/broken-redirect redirects to "http://[::1", which is not a URL`);
    expect(itemCount()).toBe(0);
  });

  it('answers an upload without a boundary or cut short with 400 (it was 500)', async () => {
    const noBoundary = await t.app.inject({
      method: 'POST',
      url: '/api/admin/items/import',
      headers: { ...t.admin, 'content-type': 'multipart/form-data' },
      payload: 'x',
    });
    expect(noBoundary.statusCode).toBe(400);
    const whole = upload('a.xml', `<rss><channel>${item}</channel></rss>`);
    const cut = await t.app.inject({ ...whole, payload: whole.payload.slice(0, whole.payload.indexOf('<item>') + 20) });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().message).toContain('multipart body cannot be read');
    expect(itemCount()).toBe(0);
  });

  it('still imports the same feed when it is whole', async () => {
    const res = await t.app.inject(upload('a.xml', `<rss><channel>${item}</channel></rss>`));
    expect(res.statusCode).toBe(200);
    expect(itemCount()).toBe(1);
  });

  it('answers malformed, empty and foreign bodies on the admin JSON routes with 4xx', async () => {
    // The items routes read multipart (for the import), so a broken multipart body there is a 400, elsewhere a 415.
    const cases: Array<[Record<string, string>, string, number[]]> = [
      [JSON_TYPE, '[', [400]],
      [JSON_TYPE, '', [400]],
      [{ 'content-type': 'application/json; charset=utf-16' }, '[]', [415]],
      [{ 'content-type': 'text/xml' }, '<a/>', [415]],
      [{ 'content-type': 'multipart/form-data' }, 'x', [400, 415]],
      [JSON_TYPE, `[${'"x",'.repeat(20_000)}"x"]`, [413]],
    ];
    for (const url of ['/api/admin/topics/bulk', '/api/admin/items', '/api/admin/digests']) {
      for (const [headers, payload, status] of cases) {
        const res = await t.app.inject({ method: 'POST', url, headers: { ...t.admin, ...headers }, payload });
        expect({ url, type: headers['content-type'], status: res.statusCode }).toEqual({
          url,
          type: headers['content-type'],
          status: expect.toSatisfy((s: number) => status.includes(s)),
        });
      }
    }
    expect(itemCount()).toBe(1);
  });
});
