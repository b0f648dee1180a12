import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importFromPath } from '../../src/import/import-sources.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { LAB_SITE, LIMITS } from '../import/helpers.js';

describe('admin items API: create, update, delete, list with filters, show', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('items-api');
    for (const slug of ['education', 'open-data']) {
      await t.app.inject({ method: 'POST', url: '/api/admin/topics', headers: t.admin, payload: { slug, labels: { en: slug, es: slug } } });
    }
  });
  afterAll(() => t.close());

  const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/admin/items', headers: t.admin, payload });

  it('creates an item with normalised DOI and shows it', async () => {
    const res = await create({
      kind: 'publication',
      title: 'Schools and Segregation',
      summary: 'A study.',
      url: 'https://example.org/schools',
      authors: ['Camila Valdés', 'Ana Pérez'],
      date: '2026-10-05',
      topics: ['education'],
      language: 'en',
      venue: 'Journal X',
      doi: 'https://doi.org/10.1234/ABC',
      pdfUrl: 'https://example.org/schools.pdf',
      external: true,
    });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      kind: 'publication',
      doi: '10.1234/abc',
      authors: ['Camila Valdés', 'Ana Pérez'],
      date: '2026-10-05',
      topics: ['education'],
      external: true,
      source: 'admin',
    });
    const shown = await t.app.inject({ url: `/api/admin/items/${item.id}`, headers: t.admin });
    expect(shown.json()).toEqual(item);
  });

  it('rejects invalid input with 400: non-http URL, bad date, unknown topic, bad DOI', async () => {
    const base = { kind: 'news', title: 'X', date: '2026-10-01' };
    for (const [payload, field] of [
      [{ ...base, url: 'javascript:alert(1)' }, 'url'],
      [{ ...base, pdfUrl: 'ftp://example.org/a.pdf' }, 'pdfUrl'],
      [{ ...base, date: '2026-02-30' }, 'date'],
      [{ ...base, doi: 'nope' }, 'doi'],
      [{ ...base, kind: 'tweet' }, 'kind'],
    ] as const) {
      const res = await create(payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const unknownTopic = await create({ ...base, topics: ['no-such-topic'] });
    expect(unknownTopic.statusCode).toBe(400);
    expect(unknownTopic.json().message).toBe('Unknown topics: no-such-topic');
    expect((await t.app.inject({ url: '/api/admin/items/999999', headers: t.admin })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/admin/items' })).statusCode).toBe(401);
  });

  it('rejects an item larger than a digest can carry with 400, and accepts one exactly at the limits', async () => {
    const base = { kind: 'publication', title: 'Limits', date: '2026-10-01' };
    const authors = (n: number) => Array.from({ length: n }, (_, i) => `Author ${i}`);
    for (const [payload, field] of [
      [{ ...base, summary: 's'.repeat(5001) }, 'summary'],
      [{ ...base, authors: authors(101) }, 'authors'],
      [{ ...base, authors: ['a'.repeat(201)] }, 'authors.0'],
      [{ ...base, title: 't'.repeat(501) }, 'title'],
      [{ ...base, venue: 'v'.repeat(501) }, 'venue'],
      [{ ...base, doi: `10.1234/${'d'.repeat(193)}` }, 'doi'],
      [{ ...base, url: `https://example.org/${'u'.repeat(1981)}` }, 'url'],
      [{ ...base, pdfUrl: `https://example.org/${'u'.repeat(1981)}` }, 'pdfUrl'],
      [{ ...base, topics: Array.from({ length: 51 }, (_, i) => `topic-${i}`) }, 'topics'],
    ] as const) {
      const res = await create(payload);
      expect(res.statusCode, field).toBe(400);
      expect(
        res.json().details.map((d: { field: string }) => d.field),
        field,
      ).toContain(field);
    }
    const atLimit = await create({
      ...base,
      title: 't'.repeat(500),
      summary: 's'.repeat(5000),
      authors: authors(100),
      venue: 'v'.repeat(500),
      doi: `https://doi.org/10.1234/${'d'.repeat(192)}`,
      url: `https://example.org/${'u'.repeat(1980)}`,
    });
    expect(atLimit.statusCode).toBe(201);
    const item = atLimit.json();
    expect(item.summary).toHaveLength(5000);
    expect(item.authors).toHaveLength(100);
    expect(item.doi).toHaveLength(200);
    expect(item.url).toHaveLength(2000);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/admin/items/${item.id}`, headers: t.admin, payload: { summary: 's'.repeat(5001) } });
    expect(patched.statusCode).toBe(400);
    const tooMany = await t.app.inject({ method: 'PATCH', url: `/api/admin/items/${item.id}`, headers: t.admin, payload: { authors: authors(101) } });
    expect(tooMany.statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/admin/items/${item.id}`, headers: t.admin })).json().summary).toHaveLength(5000);
  });

  it('updates and deletes', async () => {
    const item = (await create({ kind: 'news', title: 'Old title', date: '2026-10-10' })).json();
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/items/${item.id}`,
      headers: t.admin,
      payload: { title: 'New title', language: 'es', topics: ['open-data'], url: 'https://example.org/n' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'New title', language: 'es', topics: ['open-data'], url: 'https://example.org/n', date: '2026-10-10' });
    const cleared = await t.app.inject({ method: 'PATCH', url: `/api/admin/items/${item.id}`, headers: t.admin, payload: { url: null } });
    expect(cleared.json().url).toBeNull();
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/admin/items/${item.id}`, headers: t.admin, payload: { url: 'file:///etc/passwd' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/items/${item.id}`, headers: t.admin })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/admin/items/${item.id}`, headers: t.admin })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/items/${item.id}`, headers: t.admin })).statusCode).toBe(404);
  });

  it('lists with filters kind, topic, from/to, language and pagination', async () => {
    const made = [
      { kind: 'project', title: 'Filter A', date: '2026-09-01', topics: ['open-data'], language: 'en' },
      { kind: 'project', title: 'Filter B', date: '2026-10-15', topics: ['open-data', 'education'], language: 'es' },
      { kind: 'news', title: 'Filter C', date: '2026-10-31', topics: [], language: 'es' },
    ];
    for (const m of made) expect((await create(m)).statusCode).toBe(201);
    const list = async (q: string) => {
      const res = await t.app.inject({ url: `/api/admin/items?${q}`, headers: t.admin });
      expect(res.statusCode, q).toBe(200);
      return res.json() as { items: Array<{ title: string }>; total: number };
    };
    const names = async (q: string) => (await list(q)).items.map((i) => i.title).filter((x) => x.startsWith('Filter'));
    expect(await names('kind=project')).toEqual(['Filter B', 'Filter A']);
    expect(await names('topic=open-data')).toEqual(['Filter B', 'Filter A']);
    expect(await names('language=es&from=2026-10-01&to=2026-10-31')).toEqual(['Filter C', 'Filter B']);
    expect(await names('from=2026-10-15&to=2026-10-15')).toEqual(['Filter B']);
    const all = await list('limit=200');
    const page = await list('limit=2&offset=1');
    expect(page.total).toBe(all.total);
    expect(page.items.map((i) => i.title)).toEqual(all.items.slice(1, 3).map((i) => i.title));
    expect((await t.app.inject({ url: '/api/admin/items?kind=tweet', headers: t.admin })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/admin/items?from=yesterday', headers: t.admin })).statusCode).toBe(400);
  });

  it('keeps an admin edit of an imported item when the source is imported again', async () => {
    const first = await importFromPath(t.ctx.db, LIMITS, join(LAB_SITE, 'index.xml'));
    const move = first.items.find((i) => i.title.startsWith('Nos mudamos'))!;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/items/${move.id}`,
      headers: t.admin,
      payload: { title: 'Nueva sede del laboratorio', topics: ['education'] },
    });
    expect(patched.json()).toMatchObject({ title: 'Nueva sede del laboratorio', topics: ['education'], language: 'es', kind: 'news' });
    const again = await importFromPath(t.ctx.db, LIMITS, join(LAB_SITE, 'index.xml'));
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 5 });
    const shown = (await t.app.inject({ url: `/api/admin/items/${move.id}`, headers: t.admin })).json();
    expect(shown).toMatchObject({ title: 'Nueva sede del laboratorio', topics: ['education'], url: 'https://tidewater.example.org/post/nueva-sede/' });
  });

  it('documents the item routes in /docs', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/items/', '/api/admin/items/{id}', '/api/admin/items/import']));
  });
});
