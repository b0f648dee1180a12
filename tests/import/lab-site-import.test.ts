import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
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
    expect(summary.skipped).toEqual([{ file: join(LAB_SITE, 'content/project/archived-twitter-study/index.md'), reason: 'draft' }]);

    const items = all(db);
    expect(items.map((i) => i.title).sort()).toEqual([
      'A Change in Our Communication Strategy',
      'A Local Newsroom for the Lab',
      'A Multilingual Dataset of Skills in Job Advertisements',
      'Can Local Language Models Code Open-Ended Survey Answers?',
      'Encuestas Abiertas',
      'La brecha digital en la educación secundaria chilena',
      'Nuevo financiamiento para estudiar mercados laborales',
      'Protest Diffusion on Social Media: A Comparative Study of Chile and Colombia',
      'Public Transport and Residential Segregation: Evidence from Santiago',
      'School Choice Simulator',
      'Skills in Online Job Advertisements',
      'Tracking Protest Events with News Data',
    ]);
    expect(items.some((i) => /Twitter Engagement/.test(i.title))).toBe(false);
    const kinds = Object.fromEntries(items.map((i) => [i.title, i.kind]));
    expect(Object.values(kinds).filter((k) => k === 'project')).toHaveLength(4);
    expect(Object.values(kinds).filter((k) => k === 'publication')).toHaveLength(6);
    expect(Object.values(kinds).filter((k) => k === 'news')).toHaveLength(2);

    // In Markdown, BibTeX and the feed: one item, the day from the Markdown, the DOI kept, the authors from BibTeX.
    const segregation = byTitle(db, 'Public Transport and Residential Segregation: Evidence from Santiago');
    expect(segregation).toMatchObject({
      kind: 'publication',
      date: '2026-10-07',
      doi: '10.1016/j.jue.2026.101234',
      venue: 'Journal of Urban Economics',
      pdfUrl: 'https://example.org/papers/segregation-transport.pdf',
      language: 'en',
      authors: ['Camila Valdés', 'Rodrigo Martínez', 'Training Data Lab'],
      topics: ['causal-inference', 'urban-studies'],
    });

    // Markdown + BibTeX without a DOI: matched by title (and by the PDF link).
    const survey = byTitle(db, 'Can Local Language Models Code Open-Ended Survey Answers?');
    expect(survey).toMatchObject({ kind: 'publication', date: '2026-10-22', pdfUrl: 'https://example.org/papers/llm-survey-coding.pdf', authors: ['Ana Pérez', 'Training Data Lab'] });
    expect(survey.topics).toEqual(['large-language-models', 'natural-language-processing', 'survey-methods']);

    // Markdown + feed: the feed's link says publication; the abstract (longer) beats the feed description.
    const dataset = byTitle(db, 'A Multilingual Dataset of Skills in Job Advertisements');
    expect(dataset).toMatchObject({ kind: 'publication', date: '2026-10-30', doi: '10.1038/s41597-026-01234-5', venue: 'Scientific Data', url: 'https://example.org/publication/ads-skills-dataset/' });
    expect(dataset.summary).toMatch(/together with baseline classifiers\.$/);

    // BibTeX only: accents decoded, month as a calendar date, external collaborators flagged.
    const protest = byTitle(db, 'Protest Diffusion on Social Media: A Comparative Study of Chile and Colombia');
    expect(protest).toMatchObject({ kind: 'publication', date: '2026-11-01', external: true, language: 'en', authors: ['Jorge Nũñez', 'María González'] });
    expect(protest.venue).toBe('Proceedings of the International Conference on Computational Social Science');

    // A Spanish post with no summary field: the first paragraph, language detected, link from the feed.
    const grant = byTitle(db, 'Nuevo financiamiento para estudiar mercados laborales');
    expect(grant).toMatchObject({
      kind: 'news',
      date: '2026-11-02',
      language: 'es',
      url: 'https://example.org/post/grant-awarded/',
      summary: 'El laboratorio recibió un fondo de tres años para ampliar el estudio de avisos laborales a cinco países más.',
      topics: ['labour-markets'],
    });

    // The text before <!--more--> is the summary.
    const strategy = byTitle(db, 'A Change in Our Communication Strategy');
    expect(strategy.summary).toBe(
      'We are reducing our presence on social media and will send personalised emails to subscribers instead, with detailed news about our projects, publications and achievements.',
    );
    expect(strategy).toMatchObject({ kind: 'news', date: '2026-10-25', language: 'en' });

    expect(byTitle(db, 'Encuestas Abiertas')).toMatchObject({ kind: 'project', language: 'es', date: '2026-10-28', topics: ['open-data', 'survey-methods'] });
    expect(byTitle(db, 'La brecha digital en la educación secundaria chilena')).toMatchObject({ language: 'es', venue: 'Revista de Estudios Sociales', authors: ['Camila Valdés'] });
    expect(byTitle(db, 'Tracking Protest Events with News Data')).toMatchObject({ date: '2025-03-14', venue: 'Mobilization' });
    expect(byTitle(db, 'School Choice Simulator')).toMatchObject({ kind: 'project', date: '2026-09-12' });

    // Dates are calendar dates stored as UTC midnight.
    const raw = db.$client.prepare("SELECT date FROM items WHERE title = 'Encuestas Abiertas'").get() as { date: number };
    expect(new Date(raw.date).toISOString()).toBe('2026-10-28T00:00:00.000Z');

    expect(summary.createdTopics.sort()).toEqual(listTopics(db).map((t) => t.slug).sort());
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
