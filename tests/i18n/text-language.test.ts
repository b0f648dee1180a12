import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGES, packFor, type Language } from '../../src/i18n/languages.js';
import { MIN_LETTERS, rankLanguages } from '../../src/i18n/text-language.js';
import { detectLanguage } from '../../src/import/detect-language.js';
import { looksLikeLanguage } from '../../src/llm/language-check.js';
import { ITEMS, LINES, type Sample } from './language-samples.js';

const letters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;
/** The passages a sample quotes: in the samples they stand for offered items' titles, data the model was given. */
const quotedIn = (text: string) => [...text.matchAll(/"([^"]*)"|“([^”]*)”|«([^»]*)»/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
const otherThan = (language: Language) => LANGUAGES.filter((l) => l !== language);

/** Every string of a pack's pages and emails, placeholders filled with a neutral word. */
function packTexts(language: Language): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') out.push(node.replace(/\{\w+\}/g, 'Lab'));
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk([packFor(language).pages, packFor(language).email]);
  return out;
}

describe('rankLanguages', () => {
  it('judges nothing under the letter floor, and nothing outside the registered languages', () => {
    expect(rankLanguages('Datos abiertos')).toEqual([]);
    expect(rankLanguages('12 345 678 901 234 567 890 123 456')).toEqual([]);
    expect(rankLanguages('Это предложение написано по-русски и не на одном из наших языков.')).toEqual([]);
    const ranked = rankLanguages('La brecha digital en la educación secundaria chilena');
    expect(ranked.map((r) => r.language).sort()).toEqual([...LANGUAGES].sort());
    expect(ranked[0]).toEqual({ language: 'es', score: 1 });
  });
});

describe('detectLanguage (imported items)', () => {
  it.each(ITEMS)('%j is detected as its language, or the default when too short to judge', (text, language) => {
    expect(detectLanguage(text)).toBe(letters(text) < MIN_LETTERS ? DEFAULT_LANGUAGE : language);
  });

  it('says the default language when unsure', () => {
    // French is neither English nor Spanish: franc leans Spanish with English a close second.
    expect(detectLanguage('Une nouvelle plateforme pour publier des enquêtes sociales ouvertes.')).toBe(DEFAULT_LANGUAGE);
    expect(detectLanguage('Open Census Data')).toBe(DEFAULT_LANGUAGE);
    expect(detectLanguage('')).toBe(DEFAULT_LANGUAGE);
  });

  it.each(LANGUAGES)('never takes a string of the %s pack longer than the floor for another language', (language) => {
    // The default language may absorb an unsure text; any other language must be a confident guess.
    const wrong = packTexts(language).filter((t) => letters(t) >= MIN_LETTERS && detectLanguage(t) !== language && detectLanguage(t) !== DEFAULT_LANGUAGE);
    expect(wrong).toEqual([]);
  });
});

describe('looksLikeLanguage (the model text)', () => {
  it.each(LINES)('passes %j in its own language', (text, language) => {
    expect(looksLikeLanguage(text, language, quotedIn(text))).toBe(true);
  });

  it.each(LANGUAGES)('passes every string of the %s pack in its own language, however short', (language) => {
    expect(packTexts(language).filter((t) => !looksLikeLanguage(t, language))).toEqual([]);
  });

  it('catches whole answers in the wrong language', () => {
    const answers: Sample[] = LANGUAGES.flatMap((language) => {
      const lines = LINES.filter(([, l]) => l === language).map(([t]) => t);
      return Array.from({ length: Math.floor(lines.length / 3) }, (_, i): Sample => [lines.slice(i * 3, i * 3 + 3).join(' '), language]);
    });
    expect(answers.length).toBeGreaterThanOrEqual(12);
    for (const [text, language] of answers) {
      expect(looksLikeLanguage(text, language, quotedIn(text)), text).toBe(true);
      for (const other of otherThan(language)) expect(looksLikeLanguage(text, other, quotedIn(text)), `${other}: ${text}`).toBe(false);
    }
  });

  it('catches a single sentence in the wrong language', () => {
    expect(looksLikeLanguage('Este mes el laboratorio publica dos estudios sobre las elecciones y las redes.', 'en')).toBe(false);
    expect(looksLikeLanguage("Welcome to this month's digest. We picked 3 items for you from the work of the lab.", 'es')).toBe(false);
  });

  it('does not judge quoted titles of the data, and lets text too short to judge pass', () => {
    const title = 'Public Transport and Residential Segregation: Evidence from Santiago';
    expect(looksLikeLanguage(`El artículo "${title}" mide el efecto del metro.`, 'es', [title])).toBe(true);
    const brecha = 'La brecha digital en la educación secundaria chilena';
    expect(looksLikeLanguage(`The paper «${brecha}» measures home internet.`, 'en', [brecha])).toBe(true);
    expect(looksLikeLanguage('Hola. Datos.', 'en')).toBe(true);
    const plataforma = 'Una plataforma para publicar microdatos de encuestas sociales';
    expect(looksLikeLanguage(`"${plataforma}"`, 'en', [plataforma])).toBe(true);
  });

  it('judges quoted text that is not the data: a whole answer in quotes is still in the wrong language', () => {
    const prose = '"This month the lab publishes two studies on elections and social networks."';
    expect(looksLikeLanguage(prose, 'es')).toBe(false);
    expect(looksLikeLanguage(prose, 'es', ['Elections and social networks in Chile, 2019-2023'])).toBe(false);
    expect(looksLikeLanguage(`“Este mes el laboratorio publica dos estudios sobre las elecciones y las redes.”`, 'en')).toBe(false);
  });
});
