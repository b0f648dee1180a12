import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { InvalidInputError } from '../../src/errors.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { listItems } from '../../src/items/item-repository.js';
import { listTopics } from '../../src/topics/topic-repository.js';
import { freshDb, LIMITS, tempDir } from './helpers.js';

const GOOD_MD = '---\ntitle: A good post\ndate: 2026-10-01\ntags: [good-tag]\n---\nThe good text.\n';

function titles(db: Db): string[] {
  return listItems(db, { limit: 100, offset: 0 })
    .items.map((i) => i.title)
    .sort();
}

/** A folder with one good post and one broken file; returns the broken file's path. */
function folderWith(label: string, name: string, content: string | Buffer): { dir: string; broken: string } {
  const dir = tempDir(label);
  mkdirSync(join(dir, 'post'), { recursive: true });
  writeFileSync(join(dir, 'post', 'good.md'), GOOD_MD);
  const broken = join(dir, name);
  mkdirSync(join(broken, '..'), { recursive: true });
  writeFileSync(broken, content);
  return { dir, broken };
}

describe('broken input: a clear message, nothing stored from the broken file, the other files still import', () => {
  let db: Db;
  afterEach(() => db?.$client.close());

  const cases: Array<{ what: string; name: string; content: string | Buffer; message: RegExp; line?: number }> = [
    {
      what: 'invalid YAML front matter',
      name: 'post/bad.md',
      content: '---\ntitle: Bad post\ntags: [broken-tag\ndate: 2026-10-02\n---\nText',
      message: /bad\.md, line \d+: invalid YAML front matter/,
    },
    {
      what: 'unbalanced BibTeX braces',
      name: 'refs.bib',
      content: '@article{fine, title={Fine paper}, year=2026, keywords={bib-tag}}\n\n@article{broken,\n  title = {Broken {paper},\n  year = 2026\n}\n',
      message: /refs\.bib, line 3: unbalanced braces/,
      line: 3,
    },
    { what: 'a feed that is not XML', name: 'index.xml', content: 'Hello, I am <not XML at all', message: /index\.xml, line 1: not valid XML/ },
    {
      what: 'a huge file',
      name: 'post/huge.md',
      content: `---\ntitle: Huge\ndate: 2026-10-03\n---\n${'x'.repeat(LIMITS.IMPORT_MAX_BYTES + 10)}`,
      message: /huge\.md: larger than the import limit of 65536 bytes/,
    },
    {
      what: 'a binary file (NUL bytes)',
      name: 'post/photo.md',
      content: Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0x10]),
      message: /photo\.md: this is a binary file/,
    },
    {
      what: 'invalid UTF-8',
      name: 'refs2.bib',
      content: Buffer.from([0x40, 0x6d, 0x69, 0x73, 0x63, 0x7b, 0xc3, 0x28, 0x7d]),
      message: /refs2\.bib: this is not UTF-8 text/,
    },
  ];

  for (const c of cases) {
    it(c.what, async () => {
      db = freshDb('broken');
      const { dir, broken } = folderWith('broken', c.name, c.content);
      const summary = await importFromPath(db, LIMITS, dir);
      expect(summary.failed).toHaveLength(1);
      expect(summary.failed[0]!.file).toBe(broken);
      expect(summary.failed[0]!.message).toMatch(c.message);
      if (c.line) expect(summary.failed[0]!.line).toBe(c.line);
      expect(summary.added).toBe(1);
      expect(titles(db)).toEqual(['A good post']);
      // Not even the good entry before the error in the same file, nor its tags.
      expect(listTopics(db).map((t) => t.slug)).toEqual(['good-tag']);
    });
  }

  it('a path that does not exist', async () => {
    db = freshDb('broken-missing');
    await expect(importFromPath(db, LIMITS, '/no/such/lab-site')).rejects.toThrowError(new InvalidInputError('/no/such/lab-site does not exist'));
    expect(titles(db)).toEqual([]);
  });
});
