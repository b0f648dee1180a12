import { LANGUAGES, packFor, type Language } from './languages.js';

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const BY_TAG = new Map<string, Language>(
  LANGUAGES.flatMap((language) => {
    const pack = packFor(language);
    return [language, pack.iso6393, ...pack.tags].map((tag) => [fold(tag), language] as const);
  }),
);

/**
 * The registered language an imported file declares ("es-CL", "spa", "Spanish", "castellano"): the
 * first word of the value, against each pack's code, ISO 639-3 code and tags. Null when none matches.
 */
export function languageFromTag(value: string): Language | null {
  const first = fold(value.trim()).split(/[^\p{L}]/u)[0] ?? '';
  return BY_TAG.get(first) ?? null;
}
