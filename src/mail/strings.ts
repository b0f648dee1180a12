import type { EmailStrings } from '../i18n/language-pack.js';
import { packFor, type Language } from '../i18n/languages.js';

export { format } from '../i18n/format.js';

/** The email strings' shape; every language pack fills it in (src/i18n/<code>/email.ts). */
export type Strings = EmailStrings;

/** The email strings of a language. */
export function stringsFor(language: Language): Strings {
  return packFor(language).email;
}

/** Looks up a dotted key ("digest.llmNote") among the strings; undefined when it is not a string. */
export function stringAt(strings: Strings, path: string): string | undefined {
  let node: unknown = strings;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node : undefined;
}
