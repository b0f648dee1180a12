import { describe, expect, it } from 'vitest';
import { summaryCacheKey, summaryCacheKeys } from '../../src/llm/summary-cache.js';
import { candidate } from './candidates.js';

describe('summary cache keys', () => {
  const item = candidate({ id: 1, title: 'Polarisation online', summary: 'We measure it.' });
  const key = summaryCacheKey(item, 'en', 'llama3');

  it('is a stable sha256 that ignores fields other than the text', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const sameTextOtherItem = candidate({ ...item, id: 99, url: null });
    expect(summaryCacheKey(sameTextOtherItem, 'en', 'llama3')).toBe(key);
  });

  it('changes with the title, the summary, the language and the model', () => {
    const others = [
      summaryCacheKey({ ...item, title: 'Polarisation offline' }, 'en', 'llama3'),
      summaryCacheKey({ ...item, summary: 'We measure it again.' }, 'en', 'llama3'),
      summaryCacheKey(item, 'es', 'llama3'),
      summaryCacheKey(item, 'en', 'llama3:70b'),
      // The boundary between title and summary matters too.
      summaryCacheKey({ title: 'Polarisation onlineWe', summary: ' measure it.' }, 'en', 'llama3'),
    ];
    expect(new Set([key, ...others]).size).toBe(6);
  });

  it('computes keys for a list of candidates by id', () => {
    const other = candidate({ id: 2 });
    expect(summaryCacheKeys([item, other], 'en', 'llama3')).toEqual({ '1': key, '2': summaryCacheKey(other, 'en', 'llama3') });
  });
});
