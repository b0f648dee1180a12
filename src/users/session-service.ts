import { createHash, randomBytes } from 'node:crypto';
import { eq, lte, or } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import { type Clock, systemClock } from './clock.js';
import { toUserView, type UserView } from './user-view.js';

/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

/** A signed-in session: the user, the secret behind its CSRF tokens, and the id hash that names it. */
export interface ActiveSession {
  idHash: string;
  csrfSecret: string;
  user: UserView;
}

/** A token as the cookie carries it: 32 random bytes in base64url. Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The only form of a session token the database keeps: its sha256. */
export function sessionIdHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Console sessions in the database, so they survive a restart. The cookie's token is never stored; a
 * session ends after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after sign-in whatever happens.
 */
export function createSessionService(db: Db, config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS'>, clock: Clock = systemClock) {
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const maxMs = config.SESSION_MAX_HOURS * 3_600_000;

  /** Deletes every session past its idle or absolute end (done on each sign-in: cheap, and enough). */
  function cleanup(now = clock()): number {
    return db
      .delete(sessions)
      .where(or(lte(sessions.expiresAt, new Date(now)), lte(sessions.lastSeenAt, new Date(now - idleMs))))
      .run().changes;
  }

  return {
    cleanup,

    /** A new session for a user who just proved who they are; returns the token for the cookie. */
    start(userId: number, origin: { ip?: string | null; userAgent?: string | null } = {}): { token: string; session: { idHash: string; csrfSecret: string } } {
      const now = clock();
      cleanup(now);
      const token = randomBytes(32).toString('base64url');
      const idHash = sessionIdHash(token);
      const csrfSecret = randomBytes(32).toString('base64url');
      db.insert(sessions)
        .values({
          idHash,
          userId,
          csrfSecret,
          createdAt: new Date(now),
          lastSeenAt: new Date(now),
          expiresAt: new Date(now + maxMs),
          ip: origin.ip ?? null,
          userAgent: origin.userAgent?.slice(0, 512) ?? null,
        })
        .run();
      return { token, session: { idHash, csrfSecret } };
    },

    /** The live session this cookie token names, or null; an expired one is deleted on the way. */
    resume(token: string | undefined): ActiveSession | null {
      if (!token || !TOKEN_SHAPE.test(token)) return null;
      const idHash = sessionIdHash(token);
      const found = db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, idHash)).get();
      if (!found) return null;
      const now = clock();
      const s = found.sessions;
      if (s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + idleMs <= now) {
        db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
        return null;
      }
      if (now - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        db.update(sessions)
          .set({ lastSeenAt: new Date(now) })
          .where(eq(sessions.idHash, idHash))
          .run();
      }
      return { idHash, csrfSecret: s.csrfSecret, user: toUserView(found.users) };
    },

    /** Ends the session this token names (sign out); unknown tokens are ignored. */
    end(token: string | undefined): void {
      if (!token || !TOKEN_SHAPE.test(token)) return;
      db.delete(sessions)
        .where(eq(sessions.idHash, sessionIdHash(token)))
        .run();
    },

    /** Ends every session of a user. */
    endAllOf(userId: number): void {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
