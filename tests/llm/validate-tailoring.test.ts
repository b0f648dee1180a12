import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/i18n/languages.js';
import { TailoringRejectedError } from '../../src/llm/llm-errors.js';
import { validateTailoring } from '../../src/llm/validate-tailoring.js';

const EN_INTRO = 'Here is what the lab did this month, picked for the topics you follow.';
const EN_WHY = 'It is about the elections that you follow.';
const answer = (over: { intro?: string; items?: unknown[] } = {}) =>
  JSON.stringify({
    intro: over.intro ?? EN_INTRO,
    items: over.items ?? [
      { id: 1, why: EN_WHY },
      { id: 2, why: EN_WHY, summary: 'A study of the vote.' },
    ],
  });
// The offered items' titles: quoting one in another language is not writing in it.
const expected = { language: 'en' as const, offeredIds: [1, 2, 3], quotable: ['The Network of the Vote'] };

function reason(raw: string, language: Language = 'en'): string {
  try {
    validateTailoring(raw, { ...expected, language });
  } catch (err) {
    if (err instanceof TailoringRejectedError) return err.reason;
    throw err;
  }
  return 'accepted';
}

describe('validateTailoring', () => {
  it('accepts a plain answer and strips control and invisible characters', () => {
    const result = validateTailoring(answer({ intro: `Here is\u0007 what\u202E the lab did\n\nthis month, picked for the topics you follow.` }), expected);
    expect(result).toEqual({
      intro: 'Here is what the lab did this month, picked for the topics you follow.',
      items: [
        { id: 1, why: EN_WHY },
        { id: 2, why: EN_WHY, summary: 'A study of the vote.' },
      ],
    });
  });

  it.each([
    ['not json', '{"intro": "x", "items": [', 'invalid-json'],
    ['wrong types', JSON.stringify({ intro: 'x', items: [{ id: '1', why: 'y' }] }), 'schema'],
    ['no items', answer({ items: [] }), 'no-items'],
    ['13 items', answer({ items: Array.from({ length: 13 }, (_, i) => ({ id: i + 1, why: EN_WHY })) }), 'too-many-items'],
    ['a long intro', answer({ intro: 'word '.repeat(121) }), 'too-long'],
    ['a long why', answer({ items: [{ id: 1, why: 'x'.repeat(301) }] }), 'too-long'],
    ['an empty why', answer({ items: [{ id: 1, why: ' \u0000 ' }] }), 'empty-text'],
    ['an id not offered', answer({ items: [{ id: 4, why: EN_WHY }] }), 'unknown-id'],
    [
      'a repeated id',
      answer({
        items: [
          { id: 1, why: EN_WHY },
          { id: 1, why: EN_WHY },
        ],
      }),
      'duplicate-id',
    ],
    ['a URL', answer({ items: [{ id: 1, why: 'See https://example.org for the data.' }] }), 'link'],
    ['a bare domain', answer({ items: [{ id: 1, why: 'The data is on example.org/data for you.' }] }), 'link'],
    ['www.', answer({ intro: `${EN_INTRO} More at www.lab` }), 'link'],
    ['an HTML tag', answer({ items: [{ id: 1, why: 'This is <b>important</b> for you.' }] }), 'markup'],
    ['a Markdown link', answer({ items: [{ id: 1, why: 'Read [the paper](paper) now.' }] }), 'markup'],
    ['an entity', answer({ items: [{ id: 1, why: 'Tom &amp; Jerry study the vote.' }] }), 'markup'],
    ['Spanish for an English reader', answer({ intro: 'Este mes el laboratorio publica dos estudios sobre las elecciones y las redes.' }), 'wrong-language'],
  ])('rejects %s', (_name, raw, why) => {
    expect(reason(raw)).toBe(why);
  });

  it('judges language on the whole answer, and lets short or quoted text pass', () => {
    const es = JSON.stringify({
      intro: 'Este mes el laboratorio publica dos estudios sobre las elecciones y las redes.',
      items: [{ id: 1, why: 'Trata de "The Network of the Vote", que sigues de cerca.' }],
    });
    expect(reason(es, 'es')).toBe('accepted');
    expect(reason(es, 'en')).toBe('wrong-language');
    expect(reason(JSON.stringify({ intro: 'Hola.', items: [{ id: 1, why: 'Datos.' }] }), 'en')).toBe('accepted');
  });
});
