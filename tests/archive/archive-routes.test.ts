import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';
import { NEWCOMER, NOVEMBER, seedTeamEventsLab, TITLES } from '../helpers/team-events-lab.js';
import { createTestApp } from '../helpers/test-app.js';

/** The srcdoc of the frame, unescaped: the email exactly as the page embeds it. */
function framedEmail(page: string): string {
  const m = /srcdoc="([^"]*)"/.exec(page);
  if (!m) throw new Error('no framed email on the page');
  return m[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const READERS = ['Ana', 'Ben', 'Dan', 'Eve'];
const ADDRESSES = ['ana@example.org', 'ben@example.org', 'dan@example.org', 'eve@example.org'];

describe('the public archive', () => {
  let rig: DigestRig;
  let novemberId: number;

  // One lab, one November digest sent through the whole pipeline (an English reader with no topics, no
  // Spanish one), a December dry run that must not show.
  beforeAll(async () => {
    rig = await startDigestRig('archive-routes', { env: { TIME_ZONE: 'Europe/Madrid', ORG_NAME: 'Lab & <Friends>' } });
    await seedTeamEventsLab(rig);
    const { id } = await rig.trigger(NOVEMBER);
    novemberId = id;
    expect((await rig.waitFinished(id)).status).toBe('sent');
    const dry = await rig.trigger({ period: '2026-12', windowEnd: '2026-12-22T12:00:00Z', dryRun: true });
    await rig.waitFinished(dry.id);
  });
  afterAll(() => rig.close());

  const get = (url: string, headers: Record<string, string> = {}) => rig.t.app.inject({ url, headers });

  it('lists every sent real digest, newest first, in both languages, with the security headers of the public pages', async () => {
    const en = await get('/archive?lang=en');
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toContain('text/html');
    expect(en.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(en.headers['content-security-policy']).toContain("script-src 'self'");
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<h1>Digest archive</h1>');
    expect(en.body).toContain('<a href="/archive/2026-11?lang=en">November 2026</a>');
    expect(en.body).not.toContain('2026-12');
    expect(en.body).toContain('href="/archive/feed.xml?lang=en"');
    expect(en.body).toContain('Lab &amp; &lt;Friends&gt;');
    expect(en.body).not.toContain('<script');
    const es = await get('/archive', { 'accept-language': 'es-ES,es;q=0.9' });
    expect(es.body).toContain('<html lang="es">');
    expect(es.body).toContain('<h1>Archivo del boletín</h1>');
    expect(es.body).toContain('<a href="/archive/2026-11?lang=es">Noviembre de 2026</a>');
  });

  it('shows an issue as a reader with no topics got it, without any reader’s name or links', async () => {
    const res = await get('/archive/2026-11?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>November 2026</h1>');
    const email = framedEmail(res.body);
    // The English readers with no topics got the model's text: the archive shows that very render.
    expect(email).toMatch(/Welcome to this month(&#39;|')s digest\./);
    for (const title of [TITLES.school, TITLES.brecha, TITLES.workshop, TITLES.seminar, NEWCOMER.name]) expect(email).toContain(title);
    expect(email).toContain('Coming up');
    expect(email).toContain('Hello,');
    expect(email).toContain('href="http://labdigest.test/manage?lang=en"');
    expect(email).not.toMatch(/\/(preferences|unsubscribe)\//);
    for (const name of READERS) expect(email).not.toMatch(new RegExp(`Hi ${name}\\b`));
    for (const address of ADDRESSES) expect(res.body).not.toContain(address);
    expect(email).toContain('<base target="_top">');
    expect(res.body).toMatch(/<iframe class="email-frame" title="The digest for November 2026, as an email" sandbox="[^"]*"/);
    expect(res.body).toContain('<details><summary>Read the text version</summary>');
  });

  it('rebuilds an issue in a language no reader without topics read, with the fixed text and the same items', async () => {
    const res = await get('/archive/2026-11?lang=es');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Noviembre de 2026</h1>');
    const email = framedEmail(res.body);
    expect(email).toContain('El boletín de este mes trae 4 novedades del laboratorio.');
    for (const title of [TITLES.school, TITLES.brecha, TITLES.workshop, TITLES.seminar]) expect(email).toContain(title);
    expect(email).not.toContain(TITLES.far);
    expect(email).toContain('Próximamente');
    expect(email).toContain('jueves, 3 de diciembre de 2026');
    expect(email).toContain('Damos la bienvenida a Lucía Fernández, que se incorpora al laboratorio como PhD student.');
    expect(email).toContain('Hola:');
    expect(email).toContain('href="http://labdigest.test/manage?lang=es"');
    for (const name of READERS) expect(email).not.toContain(`Hola, ${name}`);
  });

  it('answers 404 for a period with no sent digest (a dry run does not count) and 400 for a malformed one', async () => {
    expect((await get('/archive/2026-12?lang=en')).statusCode).toBe(404);
    expect((await get('/archive/2026-10')).statusCode).toBe(404);
    expect((await get('/archive/2026-13')).statusCode).toBe(400);
    expect((await get('/archive/november')).statusCode).toBe(400);
  });

  it('serves a valid Atom feed, properly escaped, with one entry per sent digest', async () => {
    const res = await get('/archive/feed.xml?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(res.body).toContain('Lab &amp; &lt;Friends&gt;');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) }).parse(res.body);
    const feed = parsed.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('http://labdigest.test/archive/feed.xml?lang=en');
    expect(feed.title['#text']).toBe('Lab & <Friends>: monthly digest');
    expect(feed.author.name).toBe('Lab & <Friends>');
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
    expect(feed.updated).toMatch(rfc3339);
    expect(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['self', 'http://labdigest.test/archive/feed.xml?lang=en'],
      ['alternate', 'http://labdigest.test/archive?lang=en'],
    ]);
    expect(feed.entry).toHaveLength(1);
    const entry = feed.entry[0];
    expect(entry.id).toBe('http://labdigest.test/archive/2026-11?lang=en');
    expect(entry.title['#text']).toBe('November 2026 at Lab & <Friends>: 1 publication, 1 news, 2 events, 1 new team member');
    expect(entry.updated).toMatch(rfc3339);
    expect(entry.updated).toBe(feed.updated);
    expect(entry.link[0]['@href']).toBe('http://labdigest.test/archive/2026-11?lang=en');
    expect(entry.summary['#text']).toContain("Welcome to this month's digest.");
    const es = await get('/archive/feed.xml?lang=es');
    const esEntry = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(es.body).feed.entry;
    expect(esEntry.summary['#text']).toBe('El boletín de este mes trae 4 novedades del laboratorio.');
    expect(novemberId).toBeGreaterThan(0);
  });
});

describe('the archive switched off', () => {
  it('answers 404 on the list, an issue and the feed', async () => {
    const t = await createTestApp('archive-off', { ARCHIVE_PUBLIC: 'false' });
    try {
      for (const url of ['/archive', '/archive?lang=es', '/archive/2026-11', '/archive/feed.xml']) {
        const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
        expect(res.statusCode, url).toBe(404);
      }
    } finally {
      await t.close();
    }
  });
});
