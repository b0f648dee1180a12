import { describe, expect, it } from 'vitest';
import { composeFallback, rankCandidates } from '../../src/llm/fallback-composer.js';
import { MAX_ITEMS_PER_EMAIL } from '../../src/llm/limits.js';
import { candidate, TOPICS_EN, TOPICS_ES } from './candidates.js';

const items = [
  candidate({ id: 1, topics: ['networks'], date: '2026-10-01' }),
  candidate({ id: 2, topics: ['networks', 'elections'], date: '2026-09-01' }),
  candidate({ id: 3, topics: ['climate'], date: '2026-10-30', kind: 'news' }),
  candidate({ id: 4, topics: ['elections'], date: '2026-10-01' }),
  candidate({ id: 5, topics: ['networks', 'elections', 'climate'], date: '2026-08-01' }),
  candidate({ id: 6, topics: ['networks'], date: '2026-10-20T09:00:00Z' }),
];

describe('fallback composer', () => {
  // 5 and 2 share both topics (climate is not the reader's); 2 is newer. 6 and 1 share one; 6 is newer.
  it('ranks by topic overlap, then newest, then id', () => {
    expect(rankCandidates(items, ['networks', 'elections']).map((i) => i.id)).toEqual([2, 5, 6, 1, 4, 3]);
    expect(rankCandidates([...items].reverse(), ['networks', 'elections']).map((i) => i.id)).toEqual([2, 5, 6, 1, 4, 3]);
    expect(rankCandidates(items, []).map((i) => i.id)).toEqual([3, 6, 1, 4, 2, 5]);
  });

  it('writes fixed phrases in English and Spanish and uses the items own summaries', () => {
    const english = composeFallback({ language: 'en', topics: TOPICS_EN, candidates: items });
    expect(english.intro).toBe("This month's digest brings 6 new items from the lab on the topics you follow: Social networks, Elections.");
    expect(english.items[0]).toEqual({ id: 2, summary: 'The summary of item 2, written by the lab.', line: '' });
    expect(english.items.at(-1)).toEqual({ id: 3, summary: 'The summary of item 3, written by the lab.', line: '' });
    const spanish = composeFallback({ language: 'es', topics: TOPICS_ES, candidates: items.slice(0, 1) });
    expect(spanish.intro).toBe('El boletín de este mes trae 1 novedad del laboratorio sobre los temas que sigues: Redes sociales, Elecciones.');
    expect(spanish.items[0]!.line).toBe('');
  });

  it('keeps at most 12 items and cuts long summaries at a word boundary', () => {
    const many = Array.from({ length: 20 }, (_, i) => candidate({ id: i + 1, summary: `${'lorem ipsum '.repeat(40)}end` }));
    const result = composeFallback({ language: 'en', topics: [], candidates: many });
    expect(result.items).toHaveLength(MAX_ITEMS_PER_EMAIL);
    expect(result.items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const summary = result.items[0]!.summary;
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary).toMatch(/(lorem|ipsum)…$/);
    expect(result.intro).toBe("This month's digest brings 12 new items from the lab.");
  });
});
