import { describe, expect, it } from 'vitest';
import { languageFromTag } from '../../src/i18n/language-tags.js';
import { LANGUAGES, packFor } from '../../src/i18n/languages.js';

describe('languageFromTag', () => {
  it.each([
    ['es', 'es'],
    ['es-CL', 'es'],
    ['es_ES', 'es'],
    ['spa', 'es'],
    ['Spanish', 'es'],
    ['español', 'es'],
    ['Espanol', 'es'],
    ['castellano', 'es'],
    ['Spanish (Chile)', 'es'],
    [' en-us ', 'en'],
    ['eng', 'en'],
    ['English', 'en'],
  ])('reads %j as %s', (tag, language) => {
    expect(languageFromTag(tag)).toBe(language);
  });

  it.each([[''], ['fr'], ['estonian'], ['german'], ['und']])('reads %j as none of ours', (tag) => {
    expect(languageFromTag(tag)).toBeNull();
  });

  it.each(LANGUAGES)('reads the %s pack’s own code, ISO code and tags', (language) => {
    const pack = packFor(language);
    for (const tag of [language, pack.iso6393, ...pack.tags]) expect(languageFromTag(tag)).toBe(language);
  });
});
