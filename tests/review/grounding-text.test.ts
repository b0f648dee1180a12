import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLine } from '../../src/review/grounding-check.js';
import { foldSameLength } from '../../src/review/grounding-text.js';

/** The folding as first written: every character decomposed on its own. The fast path must agree with it. */
function referenceFold(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const same = folded.length === ch.length ? folded : ch.length === 1 ? ' ' : ch;
    out += same === '’' || same === '`' || same === '´' ? "'" : same;
  }
  return out;
}

describe('foldSameLength', () => {
  it('folds accents, case and apostrophes one character for one', () => {
    expect(foldSameLength('Martínez `Ñuñoa´ O’Higgins İ ß 𝐀')).toBe("martinez 'nunoa' o'higgins i ß 𝐀");
    expect(foldSameLength('Martínez').length).toBe('Martínez'.length);
  });

  it('agrees with folding every character on its own, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const nfc = text.normalize('NFC');
        expect(foldSameLength(nfc)).toBe(referenceFold(nfc));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the grounding check reads each source text once', () => {
  it('gives the same findings for a line whatever was checked before, against other sources', () => {
    const line = 'Rosa Martínez found that 12% of posts came from Valparaíso.';
    const grounded = ['Rosa Martínez studied posts in Valparaíso: 12% came from bots.'];
    const other = ['Liam O’Connor studied 40 groups.'];
    expect(checkLine(line, grounded, 'en')).toEqual([]);
    const ungrounded = checkLine(line, other, 'en');
    expect(ungrounded.map((f) => f.text)).toEqual(['Rosa Martínez', '12%', 'Valparaíso']);
    expect(checkLine(line, grounded, 'en')).toEqual([]);
    expect(checkLine(line, [...other, ...grounded], 'en')).toEqual([]);
    expect(checkLine(line, other, 'en')).toEqual(ungrounded);
  });
});
