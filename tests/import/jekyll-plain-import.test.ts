import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { type ImportInput, runImport } from '../../src/import/import-runner.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { type ItemView, listItems } from '../../src/items/item-repository.js';
import { freshDb, LIMITS, SITES } from './helpers.js';

const SITE = join(SITES, 'jekyll-plain');
const all = (db: Db): ItemView[] => listItems(db, { limit: 200, offset: 0 }).items;

/** An in-memory file for the import runner. */
const file = (rel: string, text: string): ImportInput => ({ name: rel, rel, format: null, read: async () => text });

describe('importing a plain Jekyll blog (_posts)', () => {
  let db: Db;
  afterEach(() => db?.$client.close());

  it('dates posts from the file name or the front matter, skips drafts and pages, and reads Liquid, kramdown and HTML as text', async () => {
    db = freshDb('jekyll-plain');
    const summary = await importFromPath(db, LIMITS, SITE);
    expect(summary).toMatchObject({ files: 7, added: 3, failed: [] });
    expect(all(db).map((i) => [i.title, i.kind, i.date, i.summary])).toEqual([
      ['We won a grant', 'news', '2024-05-03', 'The national science fund supports our work on estuaries for three years.'],
      ['Annual Report', 'news', '2024-03-12', 'What the lab did in 2023: a new website and two new members.'],
      ['Annual Report', 'news', '2023-03-14', 'What the lab did in 2022: three papers and a new grant.'],
    ]);
    expect(Object.fromEntries(summary.skipped.map((s) => [s.file.slice(SITE.length + 1), s.reason]))).toEqual({
      '_drafts/upcoming-paper.md': 'draft (in _drafts)',
      '_posts/2024-06-01-unpublished.md': 'draft',
      'about/index.md': 'page outside the content sections (publication, post, event, project…) and without a date: not an item',
      'README.md': 'no front matter',
    });
    expect(summary.notes.map((n) => n.note)).toEqual([
      'no date in the front matter: 2023-03-14 from the file name',
      'no date in the front matter: 2024-03-12 from the file name',
    ]);
  });
});

describe('what makes two records the same work', () => {
  let db: Db;
  afterEach(() => db?.$client.close());

  const post = (slug: string, fields: string) => file(`_posts/${slug}.md`, `---\n${fields}\n---\nText.\n`);

  it('the same DOI, the same own address, or the same title in the same year; never a shared PDF, code or placeholder link', async () => {
    db = freshDb('identity');
    const summary = await runImport(db, [
      post('2024-01-01-a', 'title: First\ndoi: 10.1234/same'),
      post('2024-02-01-b', 'title: Second title, same DOI\ndoi: https://doi.org/10.1234/SAME'),
      post('2024-01-02-c', 'title: Page one\nurl: https://lab.example.edu/work/1'),
      post('2024-01-03-d', 'title: Page one, again\nurl: https://lab.example.edu/work/1/'),
      post('2024-01-04-e', 'title: Report\nurl_pdf: https://lab.example.edu/shared.pdf\nurl: http://example.org'),
      post('2024-01-05-f', 'title: Another report\nurl_pdf: https://lab.example.edu/shared.pdf\nurl: http://example.org'),
      post('2024-01-06-g', 'title: "Yearly Review!"'),
      post('2024-09-06-h', 'title: "yearly review"'),
      post('2025-01-06-i', 'title: Yearly Review'),
    ]);
    const items = all(db);
    expect(items).toHaveLength(6);
    expect(summary.merges.map((m) => [m.file, m.reason])).toEqual([
      ['_posts/2024-02-01-b.md', 'same DOI 10.1234/same'],
      ['_posts/2024-01-03-d.md', 'same address https://lab.example.edu/work/1/'],
      ['_posts/2024-09-06-h.md', 'same title and year 2024'],
    ]);
    expect(items.filter((i) => i.pdfUrl === 'https://lab.example.edu/shared.pdf')).toHaveLength(2);
    expect(items.filter((i) => /yearly review/i.test(i.title)).map((i) => i.date)).toEqual(['2025-01-06', '2024-01-06']);
  });

  it('a re-import names the same merges and adds nothing', async () => {
    db = freshDb('identity-again');
    const files = [post('2024-01-01-a', 'title: First\ndoi: 10.1234/same'), post('2024-02-01-b', 'title: Second\ndoi: 10.1234/same')];
    await runImport(db, files);
    const again = await runImport(db, files);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    expect(again.merges.map((m) => [m.file, m.reason])).toEqual([['_posts/2024-02-01-b.md', 'same DOI 10.1234/same']]);
  });
});
