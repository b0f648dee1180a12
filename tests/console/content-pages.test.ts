import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../src/db/schema.js';
import { type ConsoleSession, consoleSession } from '../helpers/console-session.js';
import { seedItem } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { freshDb, LAB_SITE } from '../import/helpers.js';
import { seedConsoleTopics, tableRow, tableRows } from './console-seed.js';

/** A browser's multipart upload of one file (with the CSRF field first, as the form sends it). */
function upload(session: ConsoleSession, filename: string, content: string | Buffer) {
  const boundary = '----labdigest-console-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${session.csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: session.cookie } };
}

/** A browser's multipart upload of several files (a folder upload names each by its path in the folder), plus the form's other, empty file input. */
function uploadMany(session: ConsoleSession, files: Array<{ name: string; content: string | Buffer }>) {
  const boundary = '----labdigest-console-boundary';
  const part = (name: string, content: string | Buffer) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from('\r\n'),
  ];
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${session.csrf}\r\n`),
    ...files.flatMap((f) => part(f.name, f.content)),
    ...part('', ''),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: session.cookie } };
}

/** Every file of a folder, named as a browser's folder upload names them ("lab-site/content/…"). */
function folderFiles(root: string): Array<{ name: string; content: Buffer }> {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ name: `${basename(root)}/${relative(root, path)}`, content: readFileSync(path) }));
}

/** The items of a database as comparable values (no ids or times). */
const itemValues = (db: TestApp['ctx']['db']) =>
  db
    .select()
    .from(items)
    .all()
    .map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest)
    .sort((a, b) => a.title.localeCompare(b.title));

const itemCount = (t: TestApp) => t.ctx.db.select().from(items).all().length;

describe('console content pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('console-content', { IMPORT_MAX_BYTES: String(64 * 1024) });
    seedConsoleTopics(t.ctx.db);
    seedItem(t.ctx.db, {
      title: 'Rent prices in the old town',
      kind: 'project',
      date: '2026-05-02',
      topics: ['housing'],
      summary: 'Listings scraped monthly.',
    });
    seedItem(t.ctx.db, { title: 'Elecciones y redes', kind: 'news', date: '2026-06-10', topics: ['elections', 'networks'], language: 'es' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists items with filters by kind, topic, language and text', async () => {
    const editor = await consoleSession(t, 'editor');
    const all = await editor.get('/admin/content?lang=en');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('2 items match.');
    const byKind = await editor.get('/admin/content?kind=news&lang=en');
    expect(byKind.body).toContain('1 items match.');
    expect(tableRow(byKind.body, 'Elecciones y redes')).toMatch(/^Elecciones y redes\|News\|Jun 10, 2026\|Español\|Elections, Social networks\|test\|/);
    const byText = await editor.get('/admin/content?q=SCRAPED&lang=en');
    expect(byText.body).toContain('1 items match.');
    expect(byText.body).toContain('Rent prices in the old town');
    const byTopic = await editor.get('/admin/content?topic=housing&language=es&lang=en');
    expect(byTopic.body).toContain('No item matches.');
  });

  it('adds an item from the form with the API’s schema, and it appears in the list', async () => {
    const editor = await consoleSession(t, 'editor');
    const form = await editor.get('/admin/content/new?lang=en');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="authors"');
    const res = await editor.post('/admin/content', {
      kind: 'publication',
      title: 'Heat and informal settlements',
      summary: 'Surface temperatures in 40 settlements.',
      url: 'https://lab.example.org/heat',
      authors: 'Ana Pérez\r\n\r\nJohn Smith\r\n',
      date: '2026-09-15',
      topics: ['housing', 'networks'],
      language: 'en',
      venue: 'Urban Studies',
      doi: 'https://doi.org/10.1234/HEAT.2026',
      external: 'yes',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/content?done=created');
    const stored = t.ctx.db
      .select()
      .from(items)
      .all()
      .find((i) => i.title === 'Heat and informal settlements')!;
    expect(stored).toMatchObject({
      kind: 'publication',
      authors: ['Ana Pérez', 'John Smith'],
      venue: 'Urban Studies',
      doi: '10.1234/heat.2026',
      external: true,
    });
    const list = await editor.get('/admin/content?done=created&lang=en');
    expect(list.body).toContain('The item was added.');
    expect(tableRow(list.body, 'Heat and informal settlements')).toMatch(/\|Publication\|Sep 15, 2026\|English\|Housing, Social networks\|admin\|/);
  });

  it('refuses an invalid item with its errors beside the fields, and saves nothing', async () => {
    const editor = await consoleSession(t, 'editor');
    const before = itemCount(t);
    const res = await editor.post('/admin/content?lang=en', {
      kind: 'poem',
      title: '   ',
      summary: 'Kept as typed',
      url: 'ftp://example.org/x',
      authors: '',
      date: '2026-02-30',
      language: 'en',
      doi: 'not a doi',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('id="title-error"');
    expect(res.body).toContain('This field is required.');
    expect(res.body).toContain('Enter an address that starts with http:// or https://.');
    expect(res.body).toContain('Enter a real date as YYYY-MM-DD.');
    expect(res.body).toContain('Enter a DOI such as 10.1234/abc.');
    expect(res.body).toContain('id="kind-error"');
    expect(res.body).toContain('Kept as typed</textarea>');
    expect(res.body).toContain('aria-invalid="true"');
    expect(itemCount(t)).toBe(before);
  });

  it('edits an item (an emptied field is cleared) and deletes one after a confirmation', async () => {
    const editor = await consoleSession(t, 'editor');
    const id = seedItem(t.ctx.db, { title: 'Draft title', date: '2026-01-05', topics: ['networks'], venue: 'Old venue' });
    const form = await editor.get(`/admin/content/${id}/edit?lang=en`);
    expect(form.body).toContain('value="Draft title"');
    expect(form.body).toContain('value="Old venue"');
    const res = await editor.post(`/admin/content/${id}`, {
      kind: 'project',
      title: 'Final title',
      summary: 'Better.',
      url: '',
      authors: 'Ana Pérez',
      date: '2026-01-06',
      topics: ['elections'],
      language: 'en',
      venue: '',
      doi: '',
    });
    expect(res.statusCode).toBe(303);
    const after = await editor.get('/admin/content?q=final&lang=en');
    expect(tableRow(after.body, 'Final title')).toMatch(/^Final title\|Project\|Jan 6, 2026\|English\|Elections\|/);
    const api = await t.app.inject({ url: `/api/admin/items/${id}`, headers: t.admin });
    expect(api.json()).toMatchObject({ title: 'Final title', venue: null, url: null, topics: ['elections'] });

    const confirm = await editor.get(`/admin/content/${id}/delete?lang=en`);
    expect(confirm.body).toContain('Delete Final title?');
    expect((await editor.post(`/admin/content/${id}/delete`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/api/admin/items/${id}`, headers: t.admin })).statusCode).toBe(200);
    const done = await editor.post(`/admin/content/${id}/delete`, { confirm: 'yes' });
    expect(done.headers.location).toBe('/admin/content?done=deleted');
    expect((await t.app.inject({ url: `/api/admin/items/${id}`, headers: t.admin })).statusCode).toBe(404);
  });

  it('offers the upload form with the CSRF token in its action and a field, and the address form', async () => {
    const editor = await consoleSession(t, 'editor');
    const res = await editor.get('/admin/content/imports?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`action="/admin/content/imports/upload?_csrf=${editor.csrf}"`);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/enctype="multipart\/form-data"><input type="hidden" name="_csrf"/);
    expect(res.body).toContain('action="/admin/content/imports/url"');
    expect(res.body).toContain('at most 64 kB');
  });

  it('imports an uploaded BibTeX file and shows its summary; the same file again changes nothing', async () => {
    const bib = readFileSync(join(LAB_SITE, 'publications.bib'));
    const editor = await consoleSession(t, 'editor');
    const res = await t.app.inject({ method: 'POST', url: `/admin/content/imports/upload?_csrf=${editor.csrf}`, ...upload(editor, 'publications.bib', bib) });
    expect(res.statusCode).toBe(303);
    const summaryUrl = String(res.headers.location);
    expect(summaryUrl).toMatch(/^\/admin\/content\/imports\/[A-Za-z0-9_-]{16}$/);
    const page = await editor.get(`${summaryUrl}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Files read: 1.');
    expect(tableRow(page.body, 'Added')).toBe('Added|3|');
    expect(tableRow(page.body, 'Unchanged')).toBe('Unchanged|0|');
    expect(tableRows(page.body).filter((r) => r.endsWith('|Publication|Added|'))).toHaveLength(3);

    const again = await t.app.inject({ method: 'POST', url: `/admin/content/imports/upload?_csrf=${editor.csrf}`, ...upload(editor, 'publications.bib', bib) });
    const second = await editor.get(`${again.headers.location}?lang=es`);
    expect(tableRow(second.body, 'Añadidos')).toBe('Añadidos|0|');
    expect(tableRow(second.body, 'Sin cambios')).toBe('Sin cambios|3|');
  });

  it('shows a skipped draft with its reason, and refuses a file that is too large', async () => {
    const draft = readFileSync(join(LAB_SITE, 'content/project/bot-follower-audit/index.md'));
    const editor = await consoleSession(t, 'editor');
    const res = await t.app.inject({ method: 'POST', url: `/admin/content/imports/upload?_csrf=${editor.csrf}`, ...upload(editor, 'index.md', draft) });
    expect(res.statusCode).toBe(303);
    const page = await editor.get(`${res.headers.location}?lang=en`);
    expect(tableRow(page.body, 'Skipped')).toBe('Skipped|1|');
    expect(tableRows(page.body).find((r) => r.startsWith('index.md|'))).toMatch(/draft/i);

    const before = itemCount(t);
    const big = await t.app.inject({
      method: 'POST',
      url: `/admin/content/imports/upload?_csrf=${editor.csrf}&lang=en`,
      ...upload(editor, 'big.bib', Buffer.alloc(70 * 1024, 'x')),
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('big.bib is larger than the import limit of 64 kB.');
    expect(itemCount(t)).toBe(before);
  });

  it('says so when a summary is gone, and when an address cannot be imported', async () => {
    const editor = await consoleSession(t, 'editor');
    const gone = await editor.get('/admin/content/imports/AAAAAAAAAAAAAAAAAAAA?lang=en');
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('This import summary is no longer kept');
    const bad = await editor.post('/admin/content/imports/url?lang=en', { url: 'ftp://example.org/feed.xml' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Nothing was imported: only http:// and https:// URLs can be imported');
    expect(bad.body).toContain('value="ftp://example.org/feed.xml"');
  });

  it('imports a folder upload of the lab site in one run, with the same items as labdigest import of the folder', async () => {
    const site = await createTestApp('console-content-site', { IMPORT_MAX_BYTES: String(64 * 1024) });
    try {
      const editor = await consoleSession(site, 'editor');
      const res = await site.app.inject({
        method: 'POST',
        url: `/admin/content/imports/upload?_csrf=${editor.csrf}`,
        ...uploadMany(editor, folderFiles(LAB_SITE)),
      });
      expect(res.statusCode).toBe(303);
      const page = await editor.get(`${res.headers.location}?lang=en`);
      // content/ holds 12 Markdown files, the root index.xml and publications.bib; the README is not content.
      expect(page.body).toContain('Files read: 14.');
      const db = freshDb('console-content-cli');
      const cli = await importFromPath(db, { IMPORT_MAX_BYTES: 64 * 1024, IMPORT_TIMEOUT_MS: 2000, IMPORT_ALLOW_PRIVATE: false }, LAB_SITE);
      expect(tableRow(page.body, 'Added')).toBe(`Added|${cli.added}|`);
      expect(tableRow(page.body, 'Skipped')).toBe(`Skipped|${cli.skipped.length}|`);
      const uploaded = itemValues(site.ctx.db);
      expect(uploaded.length).toBe(cli.items.length);
      expect(uploaded).toEqual(itemValues(db));
      expect(new Set(uploaded.map((i) => i.kind))).toEqual(new Set(['news', 'project', 'publication']));
    } finally {
      await site.close();
    }
  });

  it('imports files chosen one by one together, with one summary', async () => {
    const editor = await consoleSession(t, 'editor');
    const files = [
      { name: 'index.xml', content: readFileSync(join(LAB_SITE, 'index.xml')) },
      { name: 'publications.bib', content: readFileSync(join(LAB_SITE, 'publications.bib')) },
      { name: 'notes.txt', content: 'just some notes' },
    ];
    const res = await t.app.inject({ method: 'POST', url: `/admin/content/imports/upload?_csrf=${editor.csrf}`, ...uploadMany(editor, files) });
    expect(res.statusCode).toBe(303);
    const page = await editor.get(`${res.headers.location}?lang=en`);
    expect(page.body).toContain('Files read: 3.');
    expect(tableRow(page.body, 'Failed')).toBe('Failed|1|');
    expect(tableRows(page.body).find((r) => r.startsWith('notes.txt|'))).toMatch(/not Markdown with front matter/);
    expect(tableRows(page.body).filter((r) => r.endsWith('|Publication|Unchanged|') || r.endsWith('|Publication|Updated|')).length).toBeGreaterThan(0);
  });

  it('refuses more than 50 files, an upload with no file, and files too large together, changing nothing', async () => {
    const editor = await consoleSession(t, 'editor');
    const before = itemCount(t);
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `n${i}.md`, content: `---\ntitle: Note ${i}\ndate: 2026-01-01\n---\nText.` }));
    const tooMany = await t.app.inject({ method: 'POST', url: `/admin/content/imports/upload?_csrf=${editor.csrf}&lang=en`, ...uploadMany(editor, many) });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.body).toContain('Upload at most 50 files at once.');
    const none = await t.app.inject({ method: 'POST', url: `/admin/content/imports/upload?_csrf=${editor.csrf}&lang=en`, ...uploadMany(editor, []) });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose one or more files, or a folder, to upload.');
    // Five files of 60 kB each: each within the 64 kB limit, together over 4 × 64 kB.
    const big = Array.from({ length: 5 }, (_, i) => ({ name: `b${i}.bib`, content: Buffer.alloc(60 * 1024, 'x') }));
    const tooBig = await t.app.inject({ method: 'POST', url: `/admin/content/imports/upload?_csrf=${editor.csrf}&lang=en`, ...uploadMany(editor, big) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).toContain('The files together are larger than 256 kB.');
    expect(itemCount(t)).toBe(before);
  });
});
