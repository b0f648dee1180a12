import type { users } from '../db/schema.js';
import type { UserRole } from '../domain/statuses.js';
import type { Language } from '../i18n/languages.js';

/** A console user as every caller sees them: never the password hash. */
export interface UserView {
  id: number;
  email: string;
  name: string | null;
  role: UserRole;
  language: Language;
  createdAt: Date;
  lastSignInAt: Date | null;
  passwordChangedAt: Date | null;
}

/** The view of a row: the fields are picked one by one, so a new column never leaks by accident. */
export function toUserView(row: typeof users.$inferSelect): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    createdAt: row.createdAt,
    lastSignInAt: row.lastSignInAt,
    passwordChangedAt: row.passwordChangedAt,
  };
}
