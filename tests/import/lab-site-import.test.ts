import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { itemSources } from '../../src/db/schema.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { listItems, type ItemView } from '../../src/items/item-repository.js';
import { listTopics } from '../../src/topics/topic-repository.js';
import { freshDb, LAB_SITE, LIMITS } from './helpers.js';

function all(db: Db): ItemView[] {
  return listItems(db, { limit: 200, offset: 0 }).items;
}

function byTitle(db: Db, title: string): ItemView {
  const found = all(db).filter((i) => i.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
}

/** The sources that fed an item, sorted. */
function sourcesOf(db: Db, itemId: number): string[] {
  return db
    .select({ source: itemSources.source })
    .from(itemSources)
    .where(eq(itemSources.itemId, itemId))
    .all()
    .map((r) => r.source)
    .sort();
}

/** The stable content of every item, for comparing two databases. */
function snapshot(db: Db) {
  return all(db)
    .map(({ id: _id, createdAt: _c, updatedAt: _u, source: _s, sourceKey: _k, ...rest }) => rest)
    .sort((a, b) => a.title.localeCompare(b.title));
}

describe('importing the sample lab site (Markdown, BibTeX and RSS together)', () => {
  let db: Db;
  afterEach(() => db?.$client.close());

  it('gives one item per work, without drafts, with the right kinds, dates, languages and topics', async () => {
    db = freshDb('labsite');
    const summary = await importFromPath(db, LIMITS, LAB_SITE);
    expect(summary.failed).toEqual([]);
    expect(summary.files).toBe(14);
    expect(summary.added).toBe(12);
    expect(summary.skipped).toEqual([{ file: join(LAB_SITE, 'content/project/bot-follower-audit/index.md'), reason: 'draft' }]);

    const items = all(db);
    expect(items.map((i) => i.title).sort()).toEqual([
      'A Panel Dataset of Household Electricity Bills',
      'Commuting Time and Wage Inequality: Evidence from Valparaíso',
      'Do Open-Weight Models Translate Survey Questions Faithfully? A Test in Spanish and Quechua',
      'Ferias libres y acceso a alimentos frescos en barrios periféricos',
      'Heat Exposure in Informal Settlements',
      'Mapa Abierto de Ferias Libres',
      'Measuring Neighbourhood Change with Street View Images',
      'Misinformation Cascades in WhatsApp Groups During the Chilean Constitutional Referendum',
      'Nos mudamos al nuevo edificio de la facultad',
      'Our Newsletter Replaces the Social Media Accounts',
      'Parliament Speech Archive',
      'Rental Listings Monitor',
    ]);
    expect(items.some((i) => /Bot Followers/.test(i.title))).toBe(false);
    const kinds = Object.fromEntries(items.map((i) => [i.title, i.kind]));
    expect(Object.values(kinds).filter((k) => k === 'project')).toHaveLength(4);
    expect(Object.values(kinds).filter((k) => k === 'publication')).toHaveLength(6);
    expect(Object.values(kinds).filter((k) => k === 'news')).toHaveLength(2);

    // In Markdown, BibTeX and the feed: one item with three sources, the day from the Markdown, the DOI kept,
    // the authors from BibTeX, the link from the feed, the topics of all three.
    const commuting = byTitle(db, 'Commuting Time and Wage Inequality: Evidence from Valparaíso');
    expect(commuting).toMatchObject({
      kind: 'publication',
      date: '2026-10-09',
      doi: '10.5555/tide.2026.0142',
      venue: 'Regional Science and Urban Economics',
      url: 'https://tidewater.example.org/publication/commuting-wage-inequality/',
      pdfUrl: 'https://tidewater.example.org/papers/commuting-wage-inequality.pdf',
      language: 'en',
      authors: ['Lucía Fernández', 'Chidi Okafor', 'Tidewater Social Data Lab'],
      topics: ['labour-markets', 'transport', 'urban-studies'],
    });
    expect(commuting.summary).toMatch(/^We match employer records .* the wage gap between them\.$/);
    expect(sourcesOf(db, commuting.id)).toEqual(['bibtex', 'feed', 'markdown']);

    // Markdown + BibTeX without a DOI: matched by title (and by the PDF link).
    const translation = byTitle(db, 'Do Open-Weight Models Translate Survey Questions Faithfully? A Test in Spanish and Quechua');
    expect(translation).toMatchObject({
      kind: 'publication',
      date: '2026-10-21',
      pdfUrl: 'https://tidewater.example.org/papers/survey-translation-llm.pdf',
      authors: ['Mei Tanaka', 'Tidewater Social Data Lab'],
    });
    expect(translation.topics).toEqual(['large-language-models', 'survey-methods', 'translation']);
    expect(sourcesOf(db, translation.id)).toEqual(['bibtex', 'markdown']);

    // Markdown + feed: the feed's link says publication; the abstract (longer) beats the feed description.
    const panel = byTitle(db, 'A Panel Dataset of Household Electricity Bills');
    expect(panel).toMatchObject({
      kind: 'publication',
      date: '2026-10-29',
      doi: '10.5555/tide.2026.0088',
      venue: 'Data in Brief',
      url: 'https://tidewater.example.org/publication/household-electricity-panel/',
    });
    expect(panel.summary).toMatch(/with the code that builds every table\.$/);

    // BibTeX only: @string macros expanded, accents and protected capitals decoded, month as a calendar date,
    // external collaborators flagged.
    const cascades = byTitle(db, 'Misinformation Cascades in WhatsApp Groups During the Chilean Constitutional Referendum');
    expect(cascades).toMatchObject({
      kind: 'publication',
      date: '2026-11-01',
      external: true,
      language: 'en',
      authors: ['Jürgen Schönfeld', 'Tomás Nuñez', 'Sofía Ibáñez'],
    });
    expect(cascades.venue).toBe('Proceedings of the International AAAI Conference on Web and Social Media');

    // A Spanish post with no summary field: the first paragraph after a shortcode, language detected although
    // the feed says en-us, link from the feed.
    const move = byTitle(db, 'Nos mudamos al nuevo edificio de la facultad');
    expect(move).toMatchObject({
      kind: 'news',
      date: '2026-11-03',
      language: 'es',
      url: 'https://tidewater.example.org/post/nueva-sede/',
      summary:
        'Desde este mes el laboratorio trabaja en el tercer piso del nuevo edificio de la facultad, junto a la biblioteca y con una sala para los seminarios abiertos.',
      topics: ['lab-news'],
    });

    // The text before <!--more--> is the summary.
    const newsletter = byTitle(db, 'Our Newsletter Replaces the Social Media Accounts');
    expect(newsletter.summary).toBe(
      "We are closing the lab's social media accounts and will write to subscribers once a month instead, with the projects, papers and events that match what each reader chose to follow.",
    );
    expect(newsletter).toMatchObject({ kind: 'news', date: '2026-10-24', language: 'en' });

    // A Spanish project that is also in the (en-us) feed: Spanish, its own summary, the topics of both.
    expect(byTitle(db, 'Mapa Abierto de Ferias Libres')).toMatchObject({
      kind: 'project',
      language: 'es',
      date: '2026-10-27',
      url: 'https://tidewater.example.org/project/mapa-ferias-libres/',
      topics: ['food-systems', 'open-data'],
    });
    expect(byTitle(db, 'Ferias libres y acceso a alimentos frescos en barrios periféricos')).toMatchObject({
      language: 'es',
      venue: 'Revista de Geografía Urbana',
      authors: ['Lucía Fernández'],
    });
    expect(byTitle(db, 'Measuring Neighbourhood Change with Street View Images')).toMatchObject({ date: '2025-05-20', venue: 'EPJ Data Science' });
    expect(byTitle(db, 'Heat Exposure in Informal Settlements')).toMatchObject({ kind: 'project', date: '2026-09-08' });
    // A date with a time and an offset is the calendar date as written.
    expect(byTitle(db, 'Parliament Speech Archive')).toMatchObject({
      kind: 'project',
      date: '2026-10-19',
      summary: expect.stringContaining('the Chamber of Deputies since 1990'),
    });

    // Dates are calendar dates stored as UTC midnight.
    const raw = db.$client.prepare("SELECT date FROM items WHERE title = 'Mapa Abierto de Ferias Libres'").get() as { date: number };
    expect(new Date(raw.date).toISOString()).toBe('2026-10-27T00:00:00.000Z');

    expect(summary.createdTopics.sort()).toEqual(
      listTopics(db)
        .map((t) => t.slug)
        .sort(),
    );
    expect(summary.createdTopics).toContain('social-media');
    expect(listTopics(db).find((t) => t.slug === 'labour-markets')?.labels).toEqual({ en: 'Labour markets', es: 'Labour markets' });
  });

  it('changes nothing when run a second time', async () => {
    db = freshDb('labsite-twice');
    await importFromPath(db, LIMITS, LAB_SITE);
    const before = snapshot(db);
    const second = await importFromPath(db, LIMITS, LAB_SITE);
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 12, createdTopics: [], failed: [] });
    expect(snapshot(db)).toEqual(before);
  });

  it('gives the same items whatever the order of the sources', async () => {
    db = freshDb('labsite-order');
    for (const part of ['index.xml', 'publications.bib', 'content']) await importFromPath(db, LIMITS, join(LAB_SITE, part));
    const other = freshDb('labsite-order-ref');
    await importFromPath(other, LIMITS, LAB_SITE);
    expect(snapshot(db)).toEqual(snapshot(other));
    const again = await importFromPath(db, LIMITS, LAB_SITE);
    expect(again).toMatchObject({ added: 0, updated: 0 });
    other.$client.close();
  });
});
