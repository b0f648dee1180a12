import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../../src/i18n/language.js';
import { DEFAULT_LANGUAGE } from '../../src/i18n/languages.js';

describe('pickLanguage', () => {
  it('takes ?lang= first when it names a registered language', () => {
    expect(pickLanguage('es', 'en')).toBe('es');
    expect(pickLanguage('en', 'es')).toBe('en');
    expect(pickLanguage('fr', 'es')).toBe('es');
    expect(pickLanguage(['es'], undefined)).toBe(DEFAULT_LANGUAGE);
  });

  it.each([
    ['es-ES,es;q=0.9', 'es'],
    ['es', 'es'],
    ['ES', 'es'],
    ['es-CL', 'es'],
    ['es-419', 'es'],
    ['fr, es;q=0.5', 'es'],
    ['en;q=0.4, es;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8', 'en'],
    ['es;q=0, en;q=0.1', 'en'],
    ['es;q=abc, en;q=0.5', 'en'],
    ['zh-Hant-TW, es;q=0.1', 'es'],
  ])('negotiates %j to %s', (header, language) => {
    expect(pickLanguage(undefined, header)).toBe(language);
  });

  it.each([[undefined], [''], ['fr'], ['*'], ['es;q=0'], ['xx,,,;;;q='], ['es;q=0.000']])('falls back to the default for %j', (header) => {
    expect(pickLanguage(undefined, header)).toBe(DEFAULT_LANGUAGE);
  });

  it('handles a header of thousands of entries', () => {
    const header = `${Array.from({ length: 3000 }, (_, i) => `x${i};q=0.${(i % 9) + 1}`).join(',')},es;q=1`;
    expect(pickLanguage(undefined, header)).toBe('es');
  });
});
