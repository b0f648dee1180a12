import { describe, expect, expectTypeOf, it } from 'vitest';
import type { LanguagePack } from '../../src/i18n/language-pack.js';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, packFor, type Language } from '../../src/i18n/languages.js';
import * as registryModule from '../../src/i18n/registry.js';

// The registry's exports as a plain record, so a pack can be looked up by its code.
const registry: Readonly<Record<Language, LanguagePack>> = { ...registryModule };
import { emailStrings } from '../../src/i18n/email-strings.js';
import { pageStrings } from '../../src/i18n/page-strings.js';
import { rankLanguages } from '../../src/i18n/text-language.js';
import { composeFallback } from '../../src/llm/fallback-composer.js';
import { loadTemplateSource, TEMPLATE_NAMES } from '../../src/mail/template-source.js';
import { CONSENT_TEXT } from '../../src/subscribers/consent.js';

/** Every leaf of a pack's strings as [dotted path, value]; arrays count as objects with index keys. */
function leaves(node: unknown, path = ''): Array<[string, unknown]> {
  if (node === null || typeof node !== 'object') return [[path, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

const placeholders = (text: unknown): string[] => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

const others = LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE);

describe('the language registry', () => {
  it('derives the languages from the registered packs, the default first', () => {
    expect(LANGUAGES[0]).toBe(DEFAULT_LANGUAGE);
    expect([...LANGUAGES].sort()).toEqual(Object.keys(registry).sort());
    expect(new Set(LANGUAGES).size).toBe(LANGUAGES.length);
    for (const language of LANGUAGES) expect(packFor(language)).toBe(registry[language]);
  });

  it('knows a registered code and nothing else', () => {
    for (const language of LANGUAGES) expect(isLanguage(language)).toBe(true);
    for (const other of ['xx', 'EN', '', 'constructor', '__proto__', 'toString', null, 1, {}]) expect(isLanguage(other)).toBe(false);
  });

  it('types Language as the registry exports, so the compiler follows the registry', () => {
    expectTypeOf<Language>().toEqualTypeOf<keyof typeof registryModule>();
    expectTypeOf(registry[DEFAULT_LANGUAGE]).toEqualTypeOf<LanguagePack>();
    // A pack that misses anything does not compile; the compiler names what is missing.
    const { prompt: _prompt, ...withoutPrompt } = packFor(DEFAULT_LANGUAGE);
    // @ts-expect-error: no prompt
    const incomplete: LanguagePack = withoutPrompt;
    const { title: _title, ...subscribeWithoutTitle } = packFor(DEFAULT_LANGUAGE).pages.subscribe;
    // @ts-expect-error: the subscribe page has no title
    const missingString: LanguagePack['pages']['subscribe'] = subscribeWithoutTitle;
    expect([incomplete, missingString]).toHaveLength(2);
  });
});

// The type check catches a missing key in a pack written out by hand; these catch one built at run time.
describe.each(others)('the %s pack against the default pack', (language) => {
  const reference = packFor(DEFAULT_LANGUAGE);
  const pack = packFor(language);

  it.each(['pages', 'email', 'dates'] as const)('has the same %s keys, each a non-empty text with the same placeholders', (part) => {
    const expected = leaves(reference[part]);
    const actual = new Map(leaves(pack[part]));
    expect([...actual.keys()]).toEqual(expected.map(([path]) => path));
    for (const [path, text] of expected) {
      const translated = actual.get(path);
      expect(typeof translated, `${part}.${path}`).toBe('string');
      expect(String(translated).trim(), `${part}.${path}`).not.toBe('');
      expect(placeholders(translated), `${part}.${path}`).toEqual(placeholders(text));
    }
  });

  it('has a prompt, consent text and fallback phrases of its own', () => {
    for (const text of [pack.prompt.system, pack.prompt.before, pack.prompt.after, pack.consent]) expect(text.trim()).not.toBe('');
    expect(pack.prompt.system).not.toBe(reference.prompt.system);
    expect(pack.consent).not.toBe(reference.consent);
    expect(pack.fallback.intro(3, ['A'])).not.toBe(reference.fallback.intro(3, ['A']));
  });
});

describe.each(LANGUAGES)('the %s pack', (language) => {
  const pack = packFor(language);

  it('names a language that franc recognises in its own consent text and prompt', () => {
    expect(LANGUAGES.filter((l) => packFor(l).iso6393 === pack.iso6393)).toEqual([language]);
    expect(rankLanguages(pack.consent)[0]?.language).toBe(language);
    expect(rankLanguages(pack.prompt.system)[0]?.language).toBe(language);
  });

  it('has twelve distinct month names, which the digest subject uses', () => {
    expect(new Set(pack.dates.months).size).toBe(12);
    expect(emailStrings(language).digest.months).toEqual(pack.dates.months);
  });

  it('is what the old lookups return', () => {
    expect(CONSENT_TEXT[language]).toBe(pack.consent);
    expect(emailStrings(language)).toBe(pack.email);
    expect(pageStrings(language).subscribe).toBe(pack.pages.subscribe);
  });

  it('names every offered language in the "choose a language" error, without editing the sentence', () => {
    const message = pageStrings(language).errors.language_invalid;
    expect(message).not.toMatch(/[{}]/);
    const names = new Intl.DisplayNames([language], { type: 'language' });
    for (const l of LANGUAGES) expect(message).toContain(names.of(l));
  });

  it('writes the fallback intro for none, one and several items, with and without topics', () => {
    for (const count of [0, 1, 3]) {
      expect(pack.fallback.intro(count, [])).toContain(String(count));
      expect(pack.fallback.intro(count, ['Topic A', 'Topic B'])).toContain('Topic A, Topic B');
    }
    const composed = composeFallback({ language, topics: [{ slug: 'a', label: 'Topic A' }], candidates: [] });
    expect(composed.intro).toBe(pack.fallback.intro(0, ['Topic A']));
  });

  it('resolves every [[key]] of every template (HTML and text)', async () => {
    const brand = { ORG_NAME: 'Lab', ORG_POSTAL_ADDRESS: '1 Road', CONTACT_EMAIL: 'lab@example.org' };
    for (const name of TEMPLATE_NAMES) {
      for (const kind of ['mjml', 'txt'] as const) {
        const source = await loadTemplateSource(name, kind, language, brand);
        expect(source, `${name}.${kind}`).not.toContain('[[');
      }
    }
  });
});
