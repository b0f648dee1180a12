import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { type ItemView, listItems } from '../../src/items/item-repository.js';
import { listPeople } from '../../src/people/person-repository.js';
import { copySite, freshDb, LIMITS, SITES } from './helpers.js';

const SITE = join(SITES, 'jekyll-lab');
const all = (db: Db): ItemView[] => listItems(db, { limit: 200, offset: 0 }).items;
const byTitle = (db: Db, title: string): ItemView => {
  const found = all(db).filter((i) => i.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
};
const rel = (file: string) => file.slice(SITE.length + 1);

describe('importing a site on the Jekyll lab template (_data/*.yml)', () => {
  let db: Db;
  afterEach(() => db?.$client.close());

  it('reads the publication list without dates: the year from the citation line, which is also the venue', async () => {
    db = freshDb('jekyll-lab-pubs');
    const summary = await importFromPath(db, LIMITS, SITE);
    expect(summary.failed).toEqual([]);
    expect(byTitle(db, 'Tidal Flooding and House Prices')).toMatchObject({
      kind: 'publication',
      date: '2022-01-01',
      venue: 'Real Estate Economics 41, 220–245 (2022)',
      doi: '10.5555/ree.2022.41',
      url: 'https://doi.org/10.5555/REE.2022.41',
      authors: ['M. Okafor', 'L. Brandt', 'J. Silva'],
      summary: 'Homes that flood at high tide sell for less, and the discount grows each year.',
      source: 'data',
    });
    // Two different works that link the same PDF stay two items.
    const guide = byTitle(db, 'Salt Marsh Restoration: A Field Guide');
    const reefs = byTitle(db, 'Oyster Reefs as Breakwaters');
    expect(guide.id).not.toBe(reefs.id);
    expect([guide.pdfUrl, reefs.pdfUrl]).toEqual(['https://estuary.example.edu/papers/field-guide.pdf', 'https://estuary.example.edu/papers/field-guide.pdf']);
    expect([guide.date, reefs.date]).toEqual(['2021-01-01', '2020-01-01']);
    expect(summary.merges).toEqual([]);
    expect(summary.skipped.filter((s) => rel(s.file) === '_data/publist.yml')).toEqual([
      { file: join(SITE, '_data/publist.yml'), entry: 'entry 4', reason: 'no year in the citation line or a year field' },
    ]);
  });

  it('reads news dated by month or by day, links keeping their text', async () => {
    db = freshDb('jekyll-lab-news');
    const summary = await importFromPath(db, LIMITS, SITE);
    const news = all(db).filter((i) => i.kind === 'news');
    expect(news.map((i) => [i.title, i.date])).toEqual([
      ['Our paper on tidal flooding is out in Real Estate Economics!', '2022-11-01'],
      ['Welcome to Jonas, who joins us as a PhD student.', '2022-09-26'],
    ]);
    expect(summary.skipped.filter((s) => rel(s.file) === '_data/news.yml')).toMatchObject([{ entry: 'entry 3', reason: 'date "Sometime soon" is not a date' }]);
  });

  it('reads team members with their role line and alumni, and skips data files it does not know', async () => {
    db = freshDb('jekyll-lab-team');
    const summary = await importFromPath(db, LIMITS, SITE);
    const people = listPeople(db, { limit: 20, offset: 0 }).people;
    expect(people.map((p) => [p.name, p.role, p.startDate, p.alumni])).toEqual([
      ['Jonas Silva', 'PhD Student', '2022-09-01', false],
      ['Lea Brandt', 'Postdoctoral researcher', '2015-09-01', false],
      ['Maria Okafor', 'Principal Investigator', '2012-01-01', false],
      ['Peter Hall', 'Research Engineer', null, true],
    ]);
    expect(people.find((p) => p.name === 'Maria Okafor')).toMatchObject({
      // A photo file name is not an address; the links are the ones the template shows.
      photoUrl: null,
      links: [
        { label: 'Website', url: 'https://estuary.example.edu/maria' },
        { label: 'Google Scholar', url: 'https://scholar.google.com/citations?user=MARIA' },
      ],
      source: 'jekyll-team',
    });
    expect(people.find((p) => p.name === 'Jonas Silva')?.photoUrl).toBe('https://estuary.example.edu/images/jonas.jpg');
    expect(people.find((p) => p.name === 'Peter Hall')?.bio).toBe('In the lab 2015 - 2018, now at the Coastal Institute');
    expect(summary.skipped.find((s) => rel(s.file) === '_data/navigation.yml')?.reason).toBe(
      'data file navigation.yml is not a publication, news or team list',
    );
  });

  it('dates pages without a date from last_modified_at, a "Last updated" line or the day first seen, says which, and skips site pages', async () => {
    db = freshDb('jekyll-lab-pages');
    const today = new Date().toISOString().slice(0, 10);
    const summary = await importFromPath(db, LIMITS, SITE);
    expect(byTitle(db, 'Oyster Reef Monitoring')).toMatchObject({
      kind: 'project',
      date: '2023-04-11',
      // Liquid, kramdown attributes and HTML are gone; the first paragraph is the summary.
      summary: 'We monitor reefs along the estuary with volunteer divers.',
    });
    expect(byTitle(db, 'Tide Sensor Network').date).toBe('2023-02-15');
    expect(byTitle(db, 'Mangrove Atlas').date).toBe(today);
    expect(summary.notes.map((n) => [rel(n.file), n.note])).toEqual([
      ['_projects/mangrove-atlas.md', 'no date in the front matter, the file name or a "Last updated" line: dated the day it was first seen'],
      ['_projects/sensor-network.md', 'no date in the front matter: 2023-02-15 from the last_modified_at'],
      ['projects/oyster-reefs.md', 'no date in the front matter: 2023-04-11 from the "Last updated" line'],
    ]);
    const skipped = Object.fromEntries(summary.skipped.filter((s) => !s.entry).map((s) => [rel(s.file), s.reason]));
    expect(skipped).toEqual({
      '_pages/contact.md': 'contact page, not an item',
      '_pages/team.md': 'page outside the content sections (publication, post, event, project…) and without a date: not an item',
      'index.md': 'home page, not an item',
      'README.md': 'no front matter',
      '_data/navigation.yml': 'data file navigation.yml is not a publication, news or team list',
    });
  });

  it('updates on a re-import: a member who moved to the alumni file is the same person, a page keeps the day it was first seen', async () => {
    db = freshDb('jekyll-lab-again');
    const site = copySite('jekyll-lab');
    const first = await importFromPath(db, LIMITS, site);
    expect(first).toMatchObject({ added: 8, updated: 0 });
    const atlasDay = byTitle(db, 'Mangrove Atlas').date;
    writeFileSync(
      join(site, '_data/team_members.yml'),
      '- name: Maria Okafor\n  info: Principal Investigator, started Jan 2012\n  website: https://estuary.example.edu/maria\n  scholar: https://scholar.google.com/citations?user=MARIA\n- name: Jonas Silva\n  photo: https://estuary.example.edu/images/jonas.jpg\n  info: PhD Student, started Sep 2022\n  github: https://github.com/jonas-silva\n',
    );
    writeFileSync(
      join(site, '_data/alumni_members.yml'),
      '- name: Peter Hall\n  info: Research Engineer\n  duration: In the lab 2015 - 2018, now at the Coastal Institute\n- name: Lea Brandt\n  info: Postdoctoral researcher\n',
    );
    const again = await importFromPath(db, LIMITS, site);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 8 });
    // In the order they were first added (alumni_members.yml is read before team_members.yml).
    expect(again.people.map((p) => [p.name, p.outcome])).toEqual([
      ['Peter Hall', 'unchanged'],
      ['Maria Okafor', 'unchanged'],
      ['Jonas Silva', 'unchanged'],
      ['Lea Brandt', 'updated'],
    ]);
    const people = listPeople(db, { limit: 20, offset: 0 });
    expect(people.total).toBe(4);
    expect(people.people.find((p) => p.name === 'Lea Brandt')).toMatchObject({ alumni: true, startDate: null });
    expect(byTitle(db, 'Mangrove Atlas').date).toBe(atlasDay);
  });
});
