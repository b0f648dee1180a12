import Negotiator from 'negotiator';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './languages.js';

/** The page language: `?lang=` wins, then the best Accept-Language match (negotiator), then the default. */
export function pickLanguage(queryLang: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(queryLang)) return queryLang;
  // No header means "no preference" here, not negotiator's "anything" (which would pick the first anyway).
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...LANGUAGES]);
  return isLanguage(best) ? best : DEFAULT_LANGUAGE;
}
