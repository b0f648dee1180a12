import { describe, expect, it } from 'vitest';
import { cleanUploadPath, selectUploads } from '../../src/import/upload-paths.js';

const files = (...names: string[]) => names.map((filename) => ({ filename, bytes: Buffer.from('') }));

describe('uploaded file paths', () => {
  it.each([
    ['index.md', 'index.md'],
    ['site/content/post/a/index.md', 'site/content/post/a/index.md'],
    ['../../etc/passwd', 'etc/passwd'],
    ['C:\\Users\\ana\\site\\index.xml', 'Users/ana/site/index.xml'],
    ['/abs/./x//y.bib', 'abs/x/y.bib'],
    ['..', 'upload'],
  ])('cleans %s to %s', (raw, clean) => {
    expect(cleanUploadPath(raw)).toBe(clean);
  });

  it('chooses a site folder’s files as the folder import does: content Markdown first, then the root’s other files', () => {
    const chosen = selectUploads(
      files(
        'lab/README.md',
        'lab/publications.bib',
        'lab/a.xml',
        'lab/content/project/x/index.md',
        'lab/content/post/y/index.md',
        'lab/content/post/y/photo.jpg',
        'lab/themes/t/content/z.md',
        'lab/content/.hidden/q.md',
        'lab/static/feed.xml',
      ),
    );
    expect(chosen.map((f) => f.rel)).toEqual(['content/post/y/index.md', 'content/project/x/index.md', 'a.xml', 'publications.bib']);
    expect(chosen.map((f) => f.format)).toEqual(['markdown', 'markdown', 'feed', 'bibtex']);
  });

  it('keeps every file chosen one by one, an unknown kind included, and a plain folder’s supported files', () => {
    expect(selectUploads(files('notes.txt', 'b.bib')).map((f) => [f.rel, f.format])).toEqual([
      ['b.bib', 'bibtex'],
      ['notes.txt', null],
    ]);
    expect(selectUploads(files('papers/x.bib', 'papers/sub/y.md', 'papers/img.png', 'papers/node_modules/z.md')).map((f) => f.rel)).toEqual([
      'sub/y.md',
      'x.bib',
    ]);
  });
});
