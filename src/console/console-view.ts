import type { UserRole } from '../domain/statuses.js';
import type { Language } from '../i18n/languages.js';
import { packFor } from '../i18n/languages.js';
import type { ConsoleStrings } from './console-strings.js';

/** The signed-in person, as pages see them (never the password hash). */
export interface ConsoleUser {
  id: number;
  email: string;
  name: string | null;
  role: UserRole;
}

/**
 * What every console page needs about the request: who is signed in, in which language, the CSRF token
 * for its forms, and the path (for the language switch). Set by the session plugin on `request.consoleView`.
 */
export interface ConsoleView {
  user: ConsoleUser | null;
  lang: Language;
  csrfToken: string;
  path: string;
  /** The request's query string without its `?` (for the language switch); empty when there is none. */
  query?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleView: ConsoleView;
  }
}

/** The console's words in this view's language. */
export function consoleStrings(view: Pick<ConsoleView, 'lang'>): ConsoleStrings {
  return packFor(view.lang).console;
}

/** True when the signed-in user may do what this role may (an admin may do everything an editor may). */
export function hasRole(user: ConsoleUser | null, role: UserRole): boolean {
  if (!user) return false;
  return role === 'editor' || user.role === 'admin';
}
