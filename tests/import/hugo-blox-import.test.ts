import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { formatSummary } from '../../src/import/import-summary.js';
import { type ItemView, listItems } from '../../src/items/item-repository.js';
import { listPeople } from '../../src/people/person-repository.js';
import { copySite, freshDb, LIMITS, SITES } from './helpers.js';

const SITE = join(SITES, 'hugo-blox');
const SETTINGS = { ...LIMITS, TIME_ZONE: 'America/Santiago' };

const all = (db: Db): ItemView[] => listItems(db, { limit: 200, offset: 0 }).items;
const byTitle = (db: Db, title: string): ItemView => {
  const found = all(db).filter((i) => i.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
};

describe('importing a Hugo Blox research-group site', () => {
  let db: Db;
  afterEach(() => db?.$client.close());

  it('gives the publications, posts, events and projects a lab expects, and skips every other page with its reason', async () => {
    db = freshDb('hugo-blox');
    const summary = await importFromPath(db, SETTINGS, SITE);
    expect(summary.failed).toEqual([]);
    expect(summary.files).toBe(22);
    const kinds = Object.fromEntries(all(db).map((i) => [i.title, i.kind]));
    expect(kinds).toEqual({
      'Commuting Time and Wage Inequality': 'publication',
      'Heat Exposure and School Attendance': 'publication',
      'Street View Images as a Census of Neighbourhood Change': 'publication',
      'Welcome to our new website': 'news',
      'What we learned at the summer school': 'news',
      'Urban Data Summer School': 'event',
      'Commuting and Wages (invited talk)': 'event',
      'Lab retreat': 'event',
      'Heat Maps of Informal Settlements': 'project',
    });
    const skipped = summary.skipped.map((s) => [s.file.slice(SITE.length + 1), s.reason]);
    expect(skipped).toEqual([
      ['content/_index.md', 'landing page (built from blocks or widgets), not an item'],
      ['content/contact/index.md', 'contact page, not an item'],
      ['content/home-widget.md', 'widget of another page (headless), not an item'],
      ['content/people/index.md', 'landing page (built from blocks or widgets), not an item'],
      ['content/project/_index.md', 'section list page (_index.md), not an item'],
      ['content/publication/_index.md', 'section list page (_index.md), not an item'],
      ['content/publication/draft-paper/index.md', 'draft'],
      ['content/tour/index.md', 'landing page (built from blocks or widgets), not an item'],
      ['content/publication/draft-paper/cite.bib', 'beside a page that was not imported (a draft, or skipped): it describes that page'],
    ]);
  });

  it('keeps the preprint and the journal article apart although they link the same PDF, and the project and talk too', async () => {
    db = freshDb('hugo-blox-pdf');
    await importFromPath(db, SETTINGS, SITE);
    const pdf = 'https://tidewater.example.org/uploads/paper.pdf';
    const sharing = all(db).filter((i) => i.pdfUrl === pdf);
    expect(sharing.map((i) => i.title).sort()).toEqual([
      'Commuting Time and Wage Inequality',
      'Commuting and Wages (invited talk)',
      'Heat Exposure and School Attendance',
      'Heat Maps of Informal Settlements',
    ]);
    // The placeholder links (http://example.org, https://github.com/) are no page's own address either.
    expect(byTitle(db, 'Heat Exposure and School Attendance')).toMatchObject({ url: null, venue: 'arXiv', date: '2023-04-07' });
    expect(byTitle(db, 'Commuting Time and Wage Inequality')).toMatchObject({
      doi: '10.5555/jue.2023.0012',
      venue: 'Journal of Urban Economics, 12(3)',
      authors: ['Camila Valdés', 'Ana Rojas', 'Robert Ford'],
      topics: ['labour-markets'],
    });
  });

  it('merges the cite.bib beside a publication into its item and names the merge in the summary', async () => {
    db = freshDb('hugo-blox-bib');
    const summary = await importFromPath(db, SETTINGS, SITE);
    const paper = byTitle(db, 'Street View Images as a Census of Neighbourhood Change');
    expect(paper).toMatchObject({ doi: '10.5555/udc.2022.7', date: '2022-07-01', authors: ['Camila Valdés', 'Tomás Vidal'] });
    // The page has only a short body; the BibTeX abstract is longer and wins.
    expect(paper.summary).toMatch(/^We measure neighbourhood change by counting new buildings/);
    expect(summary.merges).toEqual([
      { file: join(SITE, 'content/publication/conference-paper/cite.bib'), entry: 'valdes2022street', itemId: paper.id, reason: 'the BibTeX beside the page' },
    ]);
    expect(formatSummary(summary)).toContain(`conference-paper/cite.bib [valdes2022street] merged into #${paper.id}`);
  });

  it('reads events: the day they start in the lab’s time zone, times without a zone in that zone, the place and the hosting event', async () => {
    db = freshDb('hugo-blox-events');
    await importFromPath(db, SETTINGS, SITE);
    // 09:00 in Santiago in January (summer time, UTC-3) is 12:00 UTC; the school is in 2031, still to come.
    expect(byTitle(db, 'Urban Data Summer School')).toMatchObject({
      kind: 'event',
      date: '2031-01-12',
      endDate: '2031-01-16',
      startsAt: '2031-01-12T12:00:00.000Z',
      endsAt: '2031-01-16T20:30:00.000Z',
      location: 'Faculty of Economics, Valparaíso, Chile',
      venue: 'Tidewater Summer School 2031',
      summary: 'A week of lectures and labs on urban data.',
    });
    // A time with its own offset keeps it; an all-day event keeps only its days.
    expect(byTitle(db, 'Commuting and Wages (invited talk)')).toMatchObject({
      date: '2023-05-04',
      endDate: null,
      startsAt: '2023-05-04T15:00:00.000Z',
      endsAt: '2023-05-04T16:00:00.000Z',
      location: 'London School of Economics',
    });
    expect(byTitle(db, 'Lab retreat')).toMatchObject({
      date: '2030-11-20',
      endDate: '2030-11-21',
      startsAt: null,
      endsAt: null,
      location: 'Casablanca Valley',
    });
  });

  it('imports the author profiles as people, alumni by their group, and their names behind the author keys', async () => {
    db = freshDb('hugo-blox-people');
    const summary = await importFromPath(db, SETTINGS, SITE);
    expect(summary.people.map((p) => [p.name, p.alumni, p.outcome])).toEqual([
      ['Camila Valdés', false, 'added'],
      ['Ana Rojas', false, 'added'],
      ['Tomás Vidal', true, 'added'],
    ]);
    const people = listPeople(db, { limit: 10, offset: 0 }).people;
    expect(people.find((p) => p.name === 'Camila Valdés')).toMatchObject({
      role: 'Principal Investigator',
      bio: 'Camila studies how people move between cities and jobs.',
      source: 'hugo-author',
      sourceKey: 'admin',
      // mailto: links are left out; the Scholar link without a label is named by its icon.
      links: [
        { label: 'GitHub', url: 'https://github.com/camila-valdes' },
        { label: 'google-scholar', url: 'https://scholar.google.com/citations?user=CAMILA' },
      ],
    });
    expect(people.find((p) => p.name === 'Ana Rojas')).toMatchObject({
      role: 'PhD Student',
      startDate: '2024-09-01',
      bio: 'Ana works on heat exposure in informal settlements.',
      links: [{ label: 'twitter', url: 'https://twitter.com/anarojas' }],
    });
    expect(byTitle(db, 'What we learned at the summer school').authors).toEqual(['Ana Rojas']);
  });

  it('updates on a re-import and never duplicates: an edited page, an edited profile, the rest unchanged', async () => {
    db = freshDb('hugo-blox-again');
    const site = copySite('hugo-blox');
    await importFromPath(db, SETTINGS, site);
    const before = all(db).map((i) => i.id);
    const untouched = await importFromPath(db, SETTINGS, site);
    expect(untouched).toMatchObject({ added: 0, updated: 0, unchanged: 9 });
    expect(untouched.people.every((p) => p.outcome === 'unchanged')).toBe(true);

    writeFileSync(
      join(site, 'content/event/local-seminar/index.md'),
      "---\ntitle: Lab retreat\nlocation: Casablanca Valley\ndate: '2030-11-20T10:00:00'\ndate_end: '2030-11-21T16:00:00'\n---\nTwo days away.\n",
    );
    writeFileSync(
      join(site, 'content/authors/tomas-vidal/_index.md'),
      '---\ntitle: Tomás Vidal\nrole: Data Engineer\nuser_groups: [Alumni]\n---\nNow at a startup.\n',
    );
    const again = await importFromPath(db, SETTINGS, site);
    expect(again).toMatchObject({ added: 0, updated: 1, unchanged: 8 });
    expect(again.items.filter((i) => i.outcome === 'updated').map((i) => i.title)).toEqual(['Lab retreat']);
    expect(again.people.filter((p) => p.outcome === 'updated').map((p) => p.name)).toEqual(['Tomás Vidal']);
    expect(all(db).map((i) => i.id)).toEqual(before);
    // Ten in the morning in Santiago in November (UTC-3).
    expect(byTitle(db, 'Lab retreat')).toMatchObject({ startsAt: '2030-11-20T13:00:00.000Z', endsAt: '2030-11-21T19:00:00.000Z', summary: 'Two days away.' });
    expect(listPeople(db, { limit: 10, offset: 0, alumni: true }).people).toMatchObject([{ name: 'Tomás Vidal', role: 'Data Engineer' }]);
    expect(listPeople(db, { limit: 10, offset: 0 }).total).toBe(3);
  });
});
