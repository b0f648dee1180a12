import type { LanguagePack } from './language-pack.js';
import * as REGISTRY from './registry.js';

/** A language labdigest writes in: a code registered in registry.ts. */
export type Language = keyof typeof REGISTRY;

/** Every registered pack by its code; the annotation makes each registered export a complete LanguagePack. */
const PACKS: { readonly [L in Language]: LanguagePack } = REGISTRY;

/** The language of pages and emails when nothing says otherwise (no Accept-Language match, undetectable text). */
export const DEFAULT_LANGUAGE = 'en' satisfies Language;

/** The languages labdigest writes in: pages, emails, consent text and the model's prompt; the default first. */
export const LANGUAGES = [DEFAULT_LANGUAGE, ...(Object.keys(PACKS) as Language[]).filter((l) => l !== DEFAULT_LANGUAGE)] as readonly [Language, ...Language[]];

/** True for one of LANGUAGES. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(PACKS, value);
}

/** Everything one language needs: strings, consent, prompt, phrases, dates. */
export function packFor(language: Language): LanguagePack {
  return PACKS[language];
}
