import type { EmailStrings } from './email-strings.js';
import type { PageStrings } from './page-strings.js';
import type { ConsoleStrings } from '../console/console-strings.js';

export type { CountForms, EmailStrings } from './email-strings.js';
export type { PageStrings } from './page-strings.js';

/** The fixed words of the tailoring prompt; the data block goes between `before` and `after`. */
export interface PromptText {
  /** The system message: the model's role, the answer's shape and its rules, asking for this language only. */
  system: string;
  before: string;
  after: string;
}

/** What the deterministic composer writes when the model is not used. */
export interface FallbackPhrases {
  /** The email's intro: how many items there are and, when the readers follow any, which topics. */
  intro(count: number, topicLabels: readonly string[]): string;
  /** The intro of an email that carries no item, only the people who joined the team. */
  teamOnlyIntro: string;
  /** The welcome line of a new team member when the model did not write one: from their name and role only. */
  welcome(name: string, role: string | null): string;
}

type Twelve<T> = readonly [T, T, T, T, T, T, T, T, T, T, T, T];

/** Names and formats of dates in this language. */
export interface DateFormats {
  /** January first, as they appear inside a sentence or a subject ("November 2026 at …"). */
  months: Twelve<string>;
}

/**
 * Everything one language needs, in one folder `src/i18n/<code>/` and registered under its code in
 * `registry.ts`. A pack that misses anything fails the type check, which lists the gaps.
 */
export interface LanguagePack {
  /** The language's name in itself, for language pickers and switches: "English", "Español". */
  nativeName: string;
  /** ISO 639-3 code, which the language detector (franc) knows this language by: "eng", "spa". */
  iso6393: string;
  /**
   * Other names imported files give this language (lower case), besides its code and ISO 639-3 code:
   * "english"; "spanish", "español", "castellano".
   */
  tags: readonly string[];
  pages: PageStrings;
  email: EmailStrings;
  /** What the reader agrees to on the form, stored in the consent log (bump CONSENT_VERSION when it changes). */
  consent: string;
  prompt: PromptText;
  fallback: FallbackPhrases;
  dates: DateFormats;
  /** The admin console. */
  console: ConsoleStrings;
}
