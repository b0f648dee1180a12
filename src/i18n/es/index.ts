import type { LanguagePack } from '../language-pack.js';
import { consent } from './consent.js';
import { consoleStrings } from './console/index.js';
import { dates } from './dates.js';
import { email } from './email.js';
import { fallback } from './fallback.js';
import { pages } from './pages.js';
import { prompt } from './prompt.js';

/** Spanish. */
export const es: LanguagePack = {
  nativeName: 'Español',
  iso6393: 'spa',
  tags: ['spanish', 'español', 'castellano'],
  pages,
  email,
  consent,
  prompt,
  fallback,
  dates,
  console: consoleStrings,
};
