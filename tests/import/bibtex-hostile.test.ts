import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/import/bibtex-parser.js';

// Files built to make the parser slow or wrong. Each test asserts what the file parses to; before the fixes
// the first ones took minutes (quadratic scans), so the suite's test timeout is only a backstop.
describe('BibTeX shaped to waste time', () => {
  it('skips a commented-out line full of "@" in one pass', () => {
    const text = `% ${'@'.repeat(1_000_000)}\n@misc{k,title={T},year=2020}`;
    expect(parseBibtex(text).map((e) => [e.key, e.line])).toEqual([['k', 2]]);
  });

  it('reads many entries written on one line without going back to its start for each', () => {
    const entries = Array.from({ length: 60_000 }, (_, i) => `@misc{k${i},title={T},year=2020}`);
    const parsed = parseBibtex(entries.join(''));
    expect(parsed).toHaveLength(60_000);
    expect(parsed[59_999]).toMatchObject({ key: 'k59999', line: 1, fields: { title: 'T', year: '2020' } });
  });

  it('judges a line that starts with a long run of blanks once, not once per entry on it', () => {
    const entries = Array.from({ length: 30_000 }, (_, i) => `@misc{k${i},title={T},year=2020}`);
    const parsed = parseBibtex(`${' '.repeat(1_000_000)}${entries.join('')}\n  % @misc{gone,title={G}}`);
    expect(parsed.map((e) => e.key)).toEqual(entries.map((_, i) => `k${i}`));
  });

  it('still skips only the lines that start with "%", whatever follows the first "@"', () => {
    const lines = ['  % @misc{a,title={A}} @misc{b,title={B}}', '@misc{c,title={C}} % @misc{d,title={D}}', '\t%@misc{e,title={E}}', '@misc{f,title={F}}'];
    const text = lines.join('\n');
    expect(parseBibtex(text).map((e) => e.key)).toEqual(['c', 'd', 'f']);
  });
});
