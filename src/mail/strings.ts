import { en, type Strings } from '../../emails/strings/en.js';
import { es } from '../../emails/strings/es.js';
import type { Language } from '../i18n/languages.js';

export type { Strings };

const BY_LANGUAGE: Record<Language, Strings> = { en, es };

/** The email strings of a language. */
export function stringsFor(language: Language): Strings {
  return BY_LANGUAGE[language];
}

/** Replaces `{key}` in a string; unknown keys stay as they are. */
export function format(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
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
