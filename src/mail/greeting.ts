import { oneLine } from './escape.js';
import { format, type Strings } from './strings.js';

/** "Hi Ana," / "Hola, Ana:" with a name; the nameless greeting of the language without one. */
export function greeting(strings: Strings, name: string | null | undefined): string {
  const clean = name ? oneLine(name).slice(0, 100) : '';
  return clean ? format(strings.greeting, { name: clean }) : strings.greetingNoName;
}
