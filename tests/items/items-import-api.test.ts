import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { LAB_SITE } from '../import/helpers.js';

const MAX = 32 * 1024;
const LIMIT_ENV = { IMPORT_ALLOW_PRIVATE: 'true', IMPORT_MAX_BYTES: String(MAX), IMPORT_TIMEOUT_MS: '500' };

function multipart(filename: string, content: string | Buffer) {
  const boundary = '----labdigest-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('admin import API: upload and URL', () => {
  let t: TestApp;
  let strict: TestApp;
  let server: Server;
  let base: string;
  let slowResponses = 0;
  // Requests to /slow whose connection has closed: the importer hung up instead of waiting for an answer.
  let slowClosed = 0;

  beforeAll(async () => {
    t = await createTestApp('items-import', LIMIT_ENV);
    strict = await createTestApp('items-import-strict');
    server = createServer((req, res) => {
      if (req.url === '/index.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        return res.end(readFileSync(join(LAB_SITE, 'index.xml')));
      }
      if (req.url === '/refs') {
        res.setHeader('content-type', 'text/plain');
        return res.end(readFileSync(join(LAB_SITE, 'publications.bib')));
      }
      if (req.url?.startsWith('/%E0%A4%A')) {
        // A malformed percent-escape in the path: the server still answers with a feed.
        res.setHeader('content-type', 'application/rss+xml');
        return res.end(readFileSync(join(LAB_SITE, 'index.xml')));
      }
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/index.xml' });
        return res.end();
      }
      if (req.url === '/endless') {
        // No content-length: the limit must be enforced while streaming.
        res.setHeader('content-type', 'application/xml');
        res.write('<rss><channel>');
        const chunk = `<!-- ${'x'.repeat(4096)} -->`;
        for (let i = 0; i < 20; i++) res.write(chunk);
        return res.end('</channel></rss>');
      }
      if (req.url === '/slow') {
        slowResponses++;
        res.on('close', () => slowClosed++);
        res.setHeader('content-type', 'application/xml');
        res.write('<rss>');
        return; // never ends; the test's timeout closes it
      }
      res.statusCode = 404;
      res.end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
    await strict.close();
  });

  /** An app of its own for a test that counts what an import adds, closed when the test ends. */
  async function emptyApp(label: string): Promise<TestApp> {
    const app = await createTestApp(label, LIMIT_ENV);
    onTestFinished(() => app.close());
    return app;
  }

  const importJson = (app: TestApp, url: string) => app.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: app.admin, payload: { url } });

  it('imports an uploaded Markdown file and reports the summary', async () => {
    const md = '---\ntitle: Uploaded Post\ndate: 2026-10-12\ntags: [Uploads]\n---\nUn texto en español para las noticias del laboratorio.\n';
    const { payload, headers } = multipart('uploaded.md', md);
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: { ...t.admin, ...headers }, payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: 1, updated: 0, unchanged: 0, createdTopics: ['uploads'], skipped: [], failed: [] });
    const again = await t.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: { ...t.admin, ...headers }, payload });
    expect(again.json()).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    const list = await t.app.inject({ url: '/api/admin/items?topic=uploads', headers: t.admin });
    expect(list.json().items).toMatchObject([{ title: 'Uploaded Post', kind: 'news', language: 'es', date: '2026-10-12' }]);
  });

  it('imports a feed by URL (following a redirect), then the BibTeX, merging the same works', async () => {
    const app = await emptyApp('items-import-feed');
    const feed = await importJson(app, `${base}/moved`);
    expect(feed.statusCode).toBe(200);
    expect(feed.json()).toMatchObject({ added: 5, failed: [] });
    // The commuting paper is in both: the BibTeX adds to the feed's item instead of making a second one.
    const bib = await importJson(app, `${base}/refs`);
    expect(bib.json()).toMatchObject({ added: 2, updated: 1, failed: [] });
    const list = (await app.app.inject({ url: '/api/admin/items?kind=publication&limit=100', headers: app.admin })).json();
    expect(list.items.map((i: { title: string }) => i.title).sort()).toEqual([
      'A Panel Dataset of Household Electricity Bills',
      'Commuting Time and Wage Inequality: Evidence from Valparaíso',
      'Do Open-Weight Models Translate Survey Questions Faithfully? A Test in Spanish and Quechua',
      'Misinformation Cascades in WhatsApp Groups During the Chilean Constitutional Referendum',
    ]);
  });

  it('accepts an upload larger than the JSON body limit but within IMPORT_MAX_BYTES', async () => {
    const abstract = 'word '.repeat(40_000);
    const { payload, headers } = multipart('long.bib', `@misc{long2026, title={A Long Abstract}, year=2026, month=oct, abstract={${abstract}}}`);
    expect(payload.length).toBeGreaterThan(150_000);
    const res = await strict.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: { ...strict.admin, ...headers }, payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: 1, items: [{ title: 'A Long Abstract', kind: 'publication' }] });
  });

  it('refuses an upload over IMPORT_MAX_BYTES, and a broken upload, with clear 4xx answers', async () => {
    const big = multipart('big.bib', `@misc{a, title={${'x'.repeat(MAX + 100)}}, year=2026}`);
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: { ...t.admin, ...big.headers }, payload: big.payload });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe(`big.bib is larger than the import limit of ${MAX} bytes (IMPORT_MAX_BYTES)`);
    const broken = multipart('broken.bib', '@article{x,\n title = {Never closed,\n year = 2026\n');
    const bad = await t.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: { ...t.admin, ...broken.headers }, payload: broken.payload });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('broken.bib, line 1: unbalanced braces: a "{" is never closed');
    const binary = multipart('photo.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const bin = await t.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: { ...t.admin, ...binary.headers }, payload: binary.payload });
    expect(bin.statusCode).toBe(400);
    expect(bin.json().message).toMatch(/^photo\.md: this is a binary file/);
  });

  it('stops a URL download over the size limit, and one that takes too long', async () => {
    const big = await importJson(t, `${base}/endless`);
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toBe(`${base}/endless is larger than the import limit of ${MAX} bytes (IMPORT_MAX_BYTES)`);
    const slow = await importJson(t, `${base}/slow`);
    expect(slow.statusCode).toBe(400);
    expect(slow.json().message).toBe(`${base}/slow did not answer within 500 ms (IMPORT_TIMEOUT_MS)`);
    expect(slowResponses).toBe(1);
    // The importer hung up on the server that never finished: the request is over, not left hanging.
    await vi.waitFor(() => expect(slowClosed).toBe(1));
    const missing = await importJson(t, `${base}/nothing`);
    expect(missing.json().message).toBe(`${base}/nothing answered HTTP 404`);
  });

  it('imports from a URL whose path has a malformed percent-escape instead of failing with 500', async () => {
    for (const path of ['/%E0%A4%A', '/%E0%A4%A/feed%']) {
      const res = await importJson(t, `${base}${path}`);
      expect(res.statusCode, path).toBe(200);
      expect(res.json(), path).toMatchObject({ files: 1, failed: [] });
      expect(res.json().added + res.json().unchanged + res.json().updated, path).toBe(5);
    }
  });

  it('refuses private addresses unless allowed, and schemes other than http(s)', async () => {
    // What each app has stored: the private addresses go to `strict`, the other refusals to `t`.
    const stored = async (app: TestApp) => {
      const body = (await app.app.inject({ url: '/api/admin/items', headers: app.admin })).json();
      return { total: body.total, titles: body.items.map((i: { title: string }) => i.title) };
    };
    const before = { strict: await stored(strict), t: await stored(t) };
    for (const url of [`${base}/index.xml`, 'http://localhost:9/feed.xml', 'http://[::1]:9/feed.xml', 'http://169.254.169.254/latest', 'http://10.0.0.1/x']) {
      const res = await importJson(strict, url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message).toBe('refusing to fetch from a private, loopback or link-local address (set IMPORT_ALLOW_PRIVATE=true to allow)');
    }
    for (const [url, scheme] of [
      ['file:///etc/passwd', 'file'],
      ['ftp://example.org/feed.xml', 'ftp'],
    ]) {
      const res = await importJson(t, url!);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe(`only http:// and https:// URLs can be imported, not ${scheme}://`);
    }
    const noBody = await t.app.inject({ method: 'POST', url: '/api/admin/items/import', headers: t.admin, payload: { path: '/etc' } });
    expect(noBody.statusCode).toBe(400);
    // Nothing the refused requests named was stored, in either app.
    expect({ strict: await stored(strict), t: await stored(t) }).toEqual(before);
  });
});
