import { describe, expect, it } from 'vitest';
import { bibAuthors, importBibtex } from '../../src/import/bibtex-import.js';
import { expansionBudget, parseBibtex } from '../../src/import/bibtex-parser.js';
import { ParseError } from '../../src/import/import-errors.js';
import { decodeLatex } from '../../src/import/latex-decode.js';

/** The error `run` throws, or undefined. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

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

describe('crossref and the expansion budget', () => {
  /** A parent whose abstract is 256 KiB (fourteen @string doublings) and `children` entries that inherit it. */
  function crossrefBomb(children: number): string {
    const letters = 'abcdefghijklmnop';
    const lines = ['@string{a="xxxxxxxxxxxxxxxx"}'];
    for (let i = 1; i <= 14; i++) lines.push(`@string{${letters[i]}=${letters[i - 1]}#${letters[i - 1]}}`);
    lines.push(`@book{p,title={Parent},year=2020,abstract=${letters[14]}}`);
    for (let i = 0; i < children; i++) lines.push(`@inbook{c${i},crossref={p}}`);
    return lines.join('\n');
  }

  it('counts the values a crossref copies against the same budget, and names the entry that goes past it', () => {
    const text = crossrefBomb(1000);
    expect(text.length).toBeLessThan(30_000);
    const error = thrownBy(() => parseBibtex(text));
    expect(error).toBeInstanceOf(ParseError);
    // The macros and the parent take ~786,000 characters; the first child's copy of the abstract is too many.
    expect(error).toMatchObject({ message: 'values copied through crossref expand to more than 1000000 characters', line: 17 });
  });

  it('lets a crossref copy what fits in the budget', () => {
    const parsed = parseBibtex(`${crossrefBomb(0).replace('abstract=o', 'abstract=n')}\n@inbook{c,crossref={p}}`);
    expect(parsed.find((e) => e.key === 'c')?.fields.abstract).toHaveLength(131_072);
  });
});

describe('command names that are also Object.prototype members', () => {
  it('drops them like any unknown command instead of printing a native function', () => {
    expect(decodeLatex('A \\constructor B')).toBe('A B');
    expect(decodeLatex('A \\toString{} B')).toBe('A B');
    expect(decodeLatex('A \\hasOwnProperty B')).toBe('A B');
    expect(decodeLatex('A \\valueOf\\isPrototypeOf B')).toBe('A B');
    expect(decodeLatex('A \\__proto__ B')).toBe('A __proto__ B');
  });

  it('keeps them out of imported titles', () => {
    const { records } = importBibtex('@misc{k, title={On \\constructor, \\toString, \\__proto__ and \\hasOwnProperty}, year=2020}');
    expect(records[0]?.title).toBe('On , , __proto__ and');
  });

  it('reads fields whose names are Object.prototype members as fields, crossref included', () => {
    const [child] = parseBibtex('@misc{c, title={C}, crossref={p}}\n@misc{p, title={P}, constructor={x}, __proto__={y}}');
    expect(Object.entries(child!.fields)).toEqual(
      expect.arrayContaining([
        ['constructor', 'x'],
        ['__proto__', 'y'],
      ]),
    );
  });
});

describe('long author lists', () => {
  it('splits only at top-level separators and decodes no more names than asked', () => {
    const raw = "A and others and  B\tAND {C and D} and {E, F}, G and ,H, and Vald{\\'e}s, Ana";
    expect(bibAuthors(raw)).toEqual(['A', 'B', 'C and D', 'G E, F', 'H', 'Ana Valdés']);
    expect(bibAuthors(raw, 3)).toEqual(['A', 'B', 'C and D']);
    expect(bibAuthors('{Unclosed and X} } and Y and Z', 1)).toEqual(['Unclosed and X and Y and Z']);
  });

  it('keeps the first hundred of a hundred thousand authors', () => {
    const author = Array.from({ length: 100_000 }, (_, i) => `Last${i}, First${i}`).join(' and ');
    const { records } = importBibtex(`@misc{k, title={T}, year=2020, author={${author}}}`);
    expect(records[0]?.authors).toEqual(Array.from({ length: 100 }, (_, i) => `First${i} Last${i}`));
  });
});

describe('@string macros that double each other (audit 1)', () => {
  /** `@string{a0="x"} @string{a1=a0#a0} …` up to a`last`, then one entry using a`use`. */
  function doublingMacros(last: number, use = last): string {
    const lines = ['@string{a0="x"}'];
    for (let i = 1; i <= last; i++) lines.push(`@string{a${i}=a${i - 1}#a${i - 1}}`);
    lines.push(`@misc{k,title={T},year=2020,note=a${use}}`);
    return lines.join('');
  }

  it('refuses the audit’s file (2^60 characters) with the budget in the message and the line', () => {
    const text = doublingMacros(60);
    expect(text.length).toBeLessThan(1300);
    const error = thrownBy(() => parseBibtex(text));
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ message: '@string macros expand to more than 1000000 characters', line: 1 });
  });

  it('counts every expansion against one budget: each macro is built once, at most a budget’s worth in all', () => {
    // a0..a18 take 2^19 - 1 characters in all; one more doubling would pass the 1,000,000 budget.
    expect(parseBibtex(doublingMacros(18, 18))[0]?.fields.note).toHaveLength(2 ** 18);
    expect(thrownBy(() => parseBibtex(doublingMacros(19, 19)))).toBeInstanceOf(ParseError);
  });

  it('scales the budget with the file, within a fixed ceiling', () => {
    expect(expansionBudget(465)).toBe(1_000_000);
    expect(expansionBudget(500_000)).toBe(5_000_000);
    expect(expansionBudget(10 * 1024 * 1024)).toBe(32_000_000);
  });

  it('reads braces nested a million deep without recursion', () => {
    const [entry] = parseBibtex(`@misc{k,title={${'{'.repeat(1_000_000)}x${'}'.repeat(1_000_000)}},year=2020}`);
    expect(entry?.fields.title).toHaveLength(2_000_001);
    expect(importBibtex(`@misc{k,title={${'{'.repeat(100_000)}Deep${'}'.repeat(100_000)}},year=2020}`).records[0]?.title).toBe('Deep');
  });
});
