import { describe, expect, it, vi } from 'vitest';
import type { LanguagePack } from '../../src/i18n/language-pack.js';
import type { Language } from '../../src/i18n/languages.js';

/**
 * "A third language is one folder and one line": the registry module gets one more export, exactly what
 * its one new line would add, and everything language-aware picks the language up with no other change.
 * The pack is English text with French names and consent (a real pack would translate every string; the
 * type check and language-packs.test.ts see to that).
 */
vi.mock('../../src/i18n/registry.js', async (importOriginal) => {
  const registered = await importOriginal<typeof import('../../src/i18n/registry.js')>();
  const fr: LanguagePack = {
    ...registered.en,
    nativeName: 'Français',
    iso6393: 'fra',
    tags: ['french', 'français'],
    consent: "J'accepte de recevoir chaque mois un résumé par courrier électronique de ce groupe de recherche sur les thèmes que j'ai choisis.",
  };
  return { ...registered, fr };
});

const { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } = await import('../../src/i18n/languages.js');
const { pickLanguage } = await import('../../src/i18n/language.js');
const { pageStrings } = await import('../../src/i18n/page-strings.js');
const { languageFromTag } = await import('../../src/i18n/language-tags.js');
const { detectLanguage } = await import('../../src/import/detect-language.js');
const { looksLikeLanguage } = await import('../../src/llm/language-check.js');
const { CONSENT_TEXT } = await import('../../src/subscribers/consent.js');
const { createTemplateCache } = await import('../../src/mail/template-cache.js');
const { renderTransactional } = await import('../../src/mail/transactional-email.js');
const { TEMPLATE_NAMES } = await import('../../src/mail/template-source.js');
const { buildTailoringMessages } = await import('../../src/llm/tailoring-prompt.js');

// The compiler's Language still lists the real registry; at run time the mocked one has French too.
const fr = 'fr' as Language;

describe('a third language registered with one line', () => {
  it('is a language: listed after the default, accepted, negotiated and read from imported files', () => {
    expect(LANGUAGES).toEqual([DEFAULT_LANGUAGE, 'es', 'fr']);
    expect(isLanguage('fr')).toBe(true);
    expect(pickLanguage('fr', undefined)).toBe(fr);
    expect(pickLanguage(undefined, 'fr-CH, fr;q=0.9, en;q=0.8')).toBe(fr);
    expect(languageFromTag('Français')).toBe(fr);
  });

  it('has its page strings and consent text, and the other languages name it without editing a sentence', () => {
    expect(pageStrings(fr).subscribe.title).toBe(pageStrings('en').subscribe.title);
    expect(CONSENT_TEXT[fr]).toMatch(/^J'accepte/);
    expect(pageStrings('en').errors.language_invalid).toBe('Choose English, Spanish, or French.');
    expect(pageStrings('es').errors.language_invalid).toBe('Elige inglés, español o francés.');
  });

  it('is detected in imported text and checked in the model text', () => {
    expect(detectLanguage("Une plateforme ouverte pour publier les données d'enquêtes sociales, avec leur documentation.")).toBe(fr);
    expect(looksLikeLanguage('Ce mois-ci, le laboratoire publie deux études sur les élections et les réseaux sociaux.', fr)).toBe(true);
    expect(looksLikeLanguage("Welcome to this month's digest. We picked three items for you from the work of the lab.", fr)).toBe(false);
  });

  it('gets its prompt, and every template compiled in it', async () => {
    const [system] = buildTailoringMessages({ language: fr, topics: [], candidates: [], cachedSummaryIds: new Set() });
    expect(system!.content).toContain('You are the editor');
    const cache = await createTemplateCache({ ORG_NAME: 'Lab', ORG_POSTAL_ADDRESS: '1 Road', CONTACT_EMAIL: 'lab@example.org' });
    expect(cache.compileCount).toBe(TEMPLATE_NAMES.length * 3);
    const email = renderTransactional(cache, {
      template: 'confirm',
      to: 'a@example.org',
      name: null,
      language: fr,
      confirmUrl: 'https://lab.example.org/confirm/t',
    });
    expect(email.html).toContain('lang="fr"');
    expect(email.subject).toBe('Confirm your subscription to Lab');
  });
});
