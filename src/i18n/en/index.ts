import type { LanguagePack } from '../language-pack.js';
import { consent } from './consent.js';
import { consoleStrings } from './console/index.js';
import { dates } from './dates.js';
import { email } from './email.js';
import { fallback } from './fallback.js';
import { pages } from './pages.js';
import { prompt } from './prompt.js';

/** English: the default language, and the model for a new pack. */
export const en: LanguagePack = {
  nativeName: 'English',
  iso6393: 'eng',
  // Babel and biblatex name English by variety (langid = {american}).
  tags: ['english', 'american', 'british', 'usenglish', 'ukenglish', 'canadian', 'australian', 'newzealand'],
  pages,
  email,
  consent,
  prompt,
  fallback,
  dates,
  console: consoleStrings,
};
