import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import type { UserRole } from '../domain/statuses.js';
import { DomainError, InvalidInputError, NotFoundError } from '../errors.js';
import type { Language } from '../i18n/languages.js';
import { checkEmail } from '../subscribers/email-address.js';
import { type Clock, systemClock } from './clock.js';
import { decoyHash, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';
import { countUsers, findUserRow, findUserRowByEmail, listUserRows, type UserRow } from './user-repository.js';
import { toUserView, type UserView } from './user-view.js';

/** Why a user change was refused, as a code the pages translate (the `details` of the error). */
export type UserErrorCode =
  | 'email_required'
  | 'email_invalid'
  | 'email_too_long'
  | 'email_taken'
  | 'password_too_short'
  | 'password_too_long'
  | 'password_is_email'
  | 'password_wrong'
  | 'last_admin'
  | 'remove_self'
  | 'users_exist';

/** A refusal with the field it concerns; `kind` says which DomainError it travels as. */
function refuse(field: string, code: UserErrorCode): never {
  const details = [{ field, code }];
  if (code === 'email_taken' || code === 'last_admin' || code === 'remove_self' || code === 'users_exist') {
    throw new DomainError('conflict', code, details);
  }
  throw new InvalidInputError(code, details);
}

/** The code a user-service error carries, for pages that show it beside its field. */
export function userErrorOf(err: unknown): { field: string; code: UserErrorCode } | null {
  const details = (err as { details?: unknown } | null)?.details;
  if (!Array.isArray(details) || details.length === 0) return null;
  const first = details[0] as { field?: unknown; code?: unknown };
  return typeof first.field === 'string' && typeof first.code === 'string' ? { field: first.field, code: first.code as UserErrorCode } : null;
}

export interface NewUser {
  email: string;
  role: UserRole;
  password: string;
  name?: string | null;
  language?: Language;
}

function normalisedEmail(raw: string): string {
  const checked = checkEmail(raw);
  if ('error' in checked) refuse('email', checked.error);
  return checked.email;
}

function checkedPassword(password: string, email: string): string {
  const problem = passwordProblem(password, email);
  if (problem) refuse('password', problem);
  return password;
}

/**
 * The console's users: create, find, list, change role or password, remove. Rules: addresses are
 * normalised like subscribers'; there is always at least one admin; nobody removes themselves.
 */
export function createUserService(db: Db, clock: Clock = systemClock) {
  function row(id: number): UserRow {
    const found = findUserRow(db, id);
    if (!found) throw new NotFoundError(`User ${id} does not exist`);
    return found;
  }

  function insert(values: NewUser & { email: string; passwordHash: string }, onlyIfEmpty: boolean): UserView {
    return db.transaction(
      (tx) => {
        if (onlyIfEmpty && countUsers(tx) > 0) refuse('email', 'users_exist');
        if (findUserRowByEmail(tx, values.email)) refuse('email', 'email_taken');
        const now = new Date(clock());
        const created = tx
          .insert(users)
          .values({
            email: values.email,
            name: values.name ?? null,
            role: values.role,
            passwordHash: values.passwordHash,
            language: values.language ?? 'en',
            createdAt: now,
            updatedAt: now,
            passwordChangedAt: now,
          })
          .returning()
          .get();
        return toUserView(created);
      },
      { behavior: 'immediate' },
    );
  }

  async function prepare(input: NewUser) {
    const email = normalisedEmail(input.email);
    const password = checkedPassword(input.password, email);
    return { ...input, email, passwordHash: await hashPassword(password) };
  }

  return {
    /** Adds a user; the address must be free. */
    async create(input: NewUser): Promise<UserView> {
      return insert(await prepare(input), false);
    },

    /** Adds the first admin, only while there is no user at all (checked inside the insert's transaction). */
    async createFirstAdmin(input: Omit<NewUser, 'role'>): Promise<UserView> {
      if (countUsers(db) > 0) refuse('email', 'users_exist');
      return insert(await prepare({ ...input, role: 'admin' }), true);
    },

    find(id: number): UserView | undefined {
      const found = findUserRow(db, id);
      return found ? toUserView(found) : undefined;
    },

    get(id: number): UserView {
      return toUserView(row(id));
    },

    findByEmail(raw: string): UserView | undefined {
      const checked = checkEmail(raw);
      if ('error' in checked) return undefined;
      const found = findUserRowByEmail(db, checked.email);
      return found ? toUserView(found) : undefined;
    },

    list(): UserView[] {
      return listUserRows(db).map(toUserView);
    },

    count(): number {
      return countUsers(db);
    },

    /**
     * The user whose address and password these are, or null. An unknown address costs the same argon2
     * work as a known one, so the time taken does not tell whether an account exists. A hash made with
     * older settings is replaced on the way.
     */
    async authenticate(rawEmail: string, password: string): Promise<UserView | null> {
      const checked = checkEmail(rawEmail);
      const found = 'error' in checked ? undefined : findUserRowByEmail(db, checked.email);
      if (!found || password.length === 0 || password.length > 1024) {
        await verifyPassword(await decoyHash(), password.slice(0, 1024) || 'x');
        return null;
      }
      if (!(await verifyPassword(found.passwordHash, password))) return null;
      const now = new Date(clock());
      const update: Partial<UserRow> = { lastSignInAt: now };
      if (await needsRehash(found.passwordHash)) update.passwordHash = await hashPassword(password);
      db.update(users).set(update).where(eq(users.id, found.id)).run();
      return toUserView({ ...found, ...update });
    },

    /**
     * Sets a new password. With `current`, it must match first (a user changing their own). Every other
     * session of the user ends; `keepSession` (the id hash of the session making the change) stays.
     */
    async changePassword(id: number, change: { current?: string; next: string }, keepSession?: string): Promise<void> {
      const found = row(id);
      if (change.current !== undefined && !(await verifyPassword(found.passwordHash, change.current))) refuse('current', 'password_wrong');
      const passwordHash = await hashPassword(checkedPassword(change.next, found.email));
      const now = new Date(clock());
      db.transaction((tx) => {
        tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, id)).run();
        const others = keepSession ? and(eq(sessions.userId, id), ne(sessions.idHash, keepSession)) : eq(sessions.userId, id);
        tx.delete(sessions).where(others).run();
      });
    },

    /** Changes a role; the last admin stays an admin. */
    changeRole(id: number, role: UserRole): UserView {
      return db.transaction(
        (tx) => {
          const found = findUserRow(tx, id);
          if (!found) throw new NotFoundError(`User ${id} does not exist`);
          if (found.role === 'admin' && role !== 'admin' && countUsers(tx, 'admin') <= 1) refuse('role', 'last_admin');
          const updated = tx
            .update(users)
            .set({ role, updatedAt: new Date(clock()) })
            .where(eq(users.id, id))
            .returning()
            .get();
          return toUserView(updated ?? found);
        },
        { behavior: 'immediate' },
      );
    },

    /** The console language a user prefers. */
    setLanguage(id: number, language: Language): void {
      db.update(users).set({ language }).where(eq(users.id, id)).run();
    },

    /** Removes a user and their sessions; never the last admin, never the person asking (`actorId`). */
    remove(id: number, actorId?: number): void {
      if (actorId === id) refuse('user', 'remove_self');
      db.transaction(
        (tx) => {
          const found = findUserRow(tx, id);
          if (!found) throw new NotFoundError(`User ${id} does not exist`);
          if (found.role === 'admin' && countUsers(tx, 'admin') <= 1) refuse('user', 'last_admin');
          tx.delete(users).where(eq(users.id, id)).run();
        },
        { behavior: 'immediate' },
      );
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
