import { describe, expect, it } from 'vitest';
import { importBibtex } from '../../src/import/bibtex-import.js';
import { importFeed } from '../../src/import/feed-import.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { importMarkdown } from '../../src/import/markdown-import.js';
import { mergeRecords } from '../../src/items/item-merge.js';
import { emptyRecord } from '../../src/items/item-record.js';
import { getItem } from '../../src/items/item-repository.js';
import { clipText, ITEM_LIMITS } from '../../src/items/item-limits.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDb, LIMITS, tempDir } from './helpers.js';

/** "w0001 w0002 …": distinct words of five letters, so where a cut lands is known exactly. */
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${String(i).padStart(4, '0')}`).join(' ');
const authorList = (n: number) => Array.from({ length: n }, (_, i) => `Last${i}, First${i}`).join(' and ');

describe('item limits in the importers', () => {
  it('clips text at a word boundary with an ellipsis, and leaves short text alone', () => {
    expect(clipText('short text', 20)).toBe('short text');
    expect(clipText('alpha beta gamma', 16)).toBe('alpha beta gamma');
    expect(clipText('alpha beta gamma', 15)).toBe('alpha beta…');
    // No space near the limit: the word is cut, still within the limit.
    const long = 'x'.repeat(200);
    expect(clipText(long, 100)).toBe(`${'x'.repeat(99)}…`);
    // An emoji (two UTF-16 units) straddling the cut is not split in half.
    const emoji = `${'y'.repeat(98)}😀zz`;
    expect(clipText(emoji, 100)).toBe(`${'y'.repeat(98)}…`);
  });

  it('a BibTeX entry with 150 authors and a 7,000-char abstract keeps 100 authors and a summary of at most 5,000', async () => {
    const abstract = words(1200); // 1200 × 6 − 1 = 7199 characters
    expect(abstract.length).toBeGreaterThan(7000);
    const bib = `@article{big2026,\n  title = {A Very Collaborative Paper},\n  author = {${authorList(150)}},\n  year = 2026,\n  abstract = {${abstract}}\n}\n`;
    const { records } = importBibtex(bib);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.authors).toHaveLength(100);
    expect(r.authors[0]).toBe('First0 Last0');
    expect(r.authors[99]).toBe('First99 Last99');
    expect(r.summary.length).toBeLessThanOrEqual(ITEM_LIMITS.summary);
    expect(r.summary.length).toBeGreaterThan(ITEM_LIMITS.summary - 10);
    // Ends on a whole word of the abstract, then the ellipsis.
    expect(r.summary.endsWith('…')).toBe(true);
    expect(abstract.startsWith(`${r.summary.slice(0, -1)} `)).toBe(true);

    // And that is what the database holds after a real import.
    const db = freshDb('limits-bib');
    const dir = tempDir('limits-bib');
    writeFileSync(join(dir, 'big.bib'), bib);
    const summary = await importFromPath(db, LIMITS, join(dir, 'big.bib'));
    expect(summary).toMatchObject({ added: 1, failed: [] });
    const item = getItem(db, summary.items[0]!.id);
    expect(item.authors).toHaveLength(100);
    expect(item.summary).toBe(r.summary);
    db.$client.close();
  });

  it('Markdown: a long title and venue are clipped, only the first 50 tags kept, an over-long URL and DOI dropped', () => {
    const tags = Array.from({ length: 70 }, (_, i) => `tag-${i}`);
    const md = [
      '---',
      `title: "${words(100)}"`,
      'date: 2026-10-01',
      `publication: "${words(100)}"`,
      `url: "https://example.org/${'p'.repeat(2100)}"`,
      `url_pdf: "https://example.org/paper.pdf"`,
      `doi: "10.1234/${'d'.repeat(250)}"`,
      `tags: [${tags.join(', ')}]`,
      '---',
      'Body.',
    ].join('\n');
    const r = importMarkdown(md, 'publication/long/index.md').records[0]!;
    expect(r.title.length).toBeLessThanOrEqual(ITEM_LIMITS.title);
    expect(r.title).toBe(`${words(100).slice(0, 497)}…`); // w0000 … w0082 is 497 characters; the next word would not fit
    expect(r.venue!.length).toBeLessThanOrEqual(ITEM_LIMITS.venue);
    expect(r.topics).toEqual(tags.slice(0, 50));
    expect(r.url).toBeNull();
    expect(r.pdfUrl).toBe('https://example.org/paper.pdf');
    expect(r.doi).toBeNull();
  });

  it('feeds: over-long author names are clipped and a link over the URL limit is dropped', () => {
    const longName = words(50); // 299 characters
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Lab</title>
      <item><title>Long</title><link>https://example.org/news/${'n'.repeat(2100)}</link><guid>g1</guid>
      <pubDate>Mon, 02 Nov 2026 00:00:00 +0000</pubDate><dc:creator>${longName}</dc:creator><description>${words(1000)}</description></item>
    </channel></rss>`;
    const r = importFeed(xml).records[0]!;
    expect(r.url).toBeNull();
    expect(r.authors).toEqual([`${longName.slice(0, 197)}…`]); // w0000 … w0032 is 197 characters
    expect(r.summary.length).toBeLessThanOrEqual(ITEM_LIMITS.summary);
  });

  it('a merged item stays within the limits when sources together exceed them or a record predates the limits', () => {
    const md = { ...emptyRecord('markdown', 'a', 'Shared Work'), topics: Array.from({ length: 40 }, (_, i) => `md-${String(i).padStart(2, '0')}`) };
    const bib = { ...emptyRecord('bibtex', 'b', 'Shared Work'), topics: Array.from({ length: 40 }, (_, i) => `bib-${String(i).padStart(2, '0')}`) };
    // As stored before the limits existed: nothing cut.
    const old = { ...emptyRecord('feed', 'c', 'Shared Work'), summary: words(1200), authors: Array.from({ length: 150 }, (_, i) => `Person ${i}`) };
    const merged = mergeRecords([md, bib, old]);
    expect(merged.topics).toHaveLength(ITEM_LIMITS.topics);
    expect(merged.topics).toEqual([...md.topics, ...bib.topics].sort().slice(0, 50));
    expect(merged.summary.length).toBeLessThanOrEqual(ITEM_LIMITS.summary);
    expect(merged.authors).toEqual(old.authors.slice(0, 100));
  });
});
