import { isLanguage, type Language } from './languages.js';

/** The page language: `?lang=` wins, then the best Accept-Language match, then English. */
export function pickLanguage(queryLang: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(queryLang)) return queryLang;
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.base).find(isLanguage) ?? 'en';
}
