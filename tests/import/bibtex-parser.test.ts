import { describe, expect, it } from 'vitest';
import { importBibtex } from '../../src/import/bibtex-import.js';
import { parseBibtex } from '../../src/import/bibtex-parser.js';
import { ParseError } from '../../src/import/import-errors.js';
import { decodeLatex } from '../../src/import/latex-decode.js';

// Each case is a shape found in real lab, thesis and CV bibliographies (see bench/bibtex-compare.ts).
describe('BibTeX as real files write it', () => {
  it('reads an undefined @string macro as empty, as BibTeX does, instead of refusing the file', () => {
    const { records } = importBibtex('@article{a, title={Kept}, journal=jair, year=2020}\n@article{b, title={Also kept}, year=2021}');
    expect(records.map((r) => [r.title, r.venue])).toEqual([
      ['Kept', null],
      ['Also kept', null],
    ]);
  });

  it("knows the journal macros BibTeX's standard styles define", () => {
    const { records } = importBibtex('@article{a, title={Flows}, journal=jacm # { (Online)}, year=1990, month=sep}');
    expect(records[0]).toMatchObject({ venue: 'Journal of the ACM (Online)', date: '1990-09-01', datePrecision: 'month' });
  });

  it('takes the venue from biblatex journaltitle too', () => {
    const { records } = importBibtex('@article{a, title={Gromov invariants}, journaltitle={J.~Amer. Math. Soc.}, date={1996-04}}');
    expect(records[0]).toMatchObject({ venue: 'J. Amer. Math. Soc.', date: '1996-04-01', datePrecision: 'month' });
  });

  it('ignores entries commented out with %', () => {
    const text = '@misc{kept, title={Kept}, year=2020}\n% @misc{gone,\n%   title = {Gone},\n% }\n  % @misc{also-gone, title={x}}\n';
    expect(parseBibtex(text).map((e) => e.key)).toEqual(['kept']);
  });

  it('skips an entry without a citation key, saying where it is, and keeps the rest', () => {
    const { records, skipped } = importBibtex('@techreport{,\n title={No key}, year=2011}\n@misc{b, title={B}, year=2012}');
    expect(records.map((r) => r.sourceKey)).toEqual(['b']);
    expect(skipped).toEqual([{ reason: 'entry at line 1 has no citation key' }]);
  });

  it('fills what an entry lacks from its crossref, whatever the case of the key', () => {
    const text = `@inproceedings{paper, author={Ana P{\\'e}rez}, title={A Paper}, crossref={ICAPS2016}}
@proceedings{icaps2016, title={Proceedings of {ICAPS} 2016}, year=2016, month=jun, publisher={AAAI Press}}`;
    const { records } = importBibtex(text);
    expect(records[0]).toMatchObject({ sourceKey: 'paper', title: 'A Paper', venue: 'Proceedings of ICAPS 2016', date: '2016-06-01', authors: ['Ana Pérez'] });
  });

  it('refuses @string macros that expand exponentially, quickly and with the line', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGH';
    const lines = ['@string{a="xxxxxxxx"}'];
    for (let i = 1; i < 30; i++) lines.push(`@string{${letters[i]}=${letters[i - 1]}#${letters[i - 1]}}`);
    lines.push(`@misc{k,title=${letters[29]},year=2020}`);
    const text = lines.join('\n');
    expect(text.length).toBeLessThan(500);
    expect(() => parseBibtex(text)).toThrowError(ParseError);
    expect(() => parseBibtex(text)).toThrowError(/@string macros expand to more than 1000000 characters/);
  });

  it('refuses one long macro repeated until the work is many times the file', () => {
    const text = `@string{long = "${'x'.repeat(60_000)}"}\n${Array.from({ length: 20 }, (_, i) => `@misc{k${i}, title=long, year=2020}`).join('\n')}`;
    expect(() => parseBibtex(text)).toThrowError(/@string macros expand to more than/);
  });

  it('gives the line of an entry deep in a large file', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => `@misc{k${i},\n  title = {T${i}},\n  year = 2020\n}`);
    const parsed = parseBibtex(entries.join('\n'));
    expect(parsed[2999]!.line).toBe(2999 * 4 + 1);
  });
});

describe('LaTeX in real titles and names', () => {
  it('turns math in titles into Unicode', () => {
    expect(decodeLatex('Nonnegative matrix factorization with the $\\beta$-divergence')).toBe('Nonnegative matrix factorization with the β-divergence');
    expect(decodeLatex('CCR5$\\Delta$32 hosts')).toBe('CCR5Δ32 hosts');
    expect(decodeLatex('at $\\sqrt{s}$ = 546 GeV')).toBe('at √s = 546 GeV');
    expect(decodeLatex('Symbolic Model Checking: 10$^{20}$ States')).toBe('Symbolic Model Checking: 10²⁰ States');
    expect(decodeLatex('H$_2$O and the Optimality of A$^*$')).toBe('H₂O and the Optimality of A*');
    expect(decodeLatex('$x_{ij}$ costs \\$5')).toBe('xij costs $5');
    expect(decodeLatex('Beating LM-Cut with h\\(^{\\max}\\) (Sometimes)')).toBe('Beating LM-Cut with hmax (Sometimes)');
    expect(decodeLatex('in $O(n \\log n)$ time')).toBe('in O(n log n) time');
  });

  it('treats control spaces, line breaks and hyphenation hints as TeX does', () => {
    expect(decodeLatex('Proc.\\ 7th Int. Conf.\\\n on Agents')).toBe('Proc. 7th Int. Conf. on Agents');
    expect(decodeLatex('7\\,TeV, a\\\\b, hy\\-phen')).toBe('7 TeV, a b, hyphen');
    expect(decodeLatex('{\\textless}p{\\textgreater} and p < 0.05')).toBe('<p> and p < 0.05');
  });

  it('keeps the dotless i when it stands alone and the accented i when it carries an accent', () => {
    expect(decodeLatex('Y{\\i}ld{\\i}r{\\i}m')).toBe('Yıldırım');
    expect(decodeLatex("Mart{\\'\\i}nez and Ram{\\'{\\i}}rez")).toBe('Martínez and Ramírez');
  });
});
