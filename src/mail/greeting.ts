import type { EmailStrings } from '../i18n/email-strings.js';
import { format } from '../i18n/format.js';
import { oneLine } from './escape.js';

/** "Hi Ana," / "Hola, Ana:" with a name; the nameless greeting of the language without one. */
export function greeting(strings: EmailStrings, name: string | null | undefined): string {
  const clean = name ? oneLine(name).slice(0, 100) : '';
  return clean ? format(strings.greeting, { name: clean }) : strings.greetingNoName;
}
