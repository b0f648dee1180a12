import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { normaliseEmail } from '../subscribers/email-address.js';
import { type Clock, systemClock } from './clock.js';
import { createSessionService } from './session-service.js';
import { addressKey, clientKey, createSignInThrottle, type ThrottleVerdict } from './sign-in-throttle.js';
import { createUserService, type NewUser } from './user-service.js';
import type { UserView } from './user-view.js';

/** Where a sign-in comes from: the client's address (the throttle's key) and what it says it is. */
export interface SignInOrigin {
  ip: string;
  userAgent?: string | null;
}

/** A new session: the cookie's token and the session's CSRF secret. */
export interface StartedSession {
  user: UserView;
  token: string;
  idHash: string;
  csrfSecret: string;
}

export type SignInResult =
  | ({ ok: true } & StartedSession)
  | { ok: false; reason: 'invalid' }
  | ({ ok: false; reason: 'throttled' } & Extract<ThrottleVerdict, { allowed: false }>);

export type SetupResult =
  | ({ ok: true } & StartedSession)
  | { ok: false; reason: 'token' | 'users_exist' }
  | ({ ok: false; reason: 'throttled' } & Extract<ThrottleVerdict, { allowed: false }>);

/** Compares secrets in constant time whatever their lengths. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Signing in and the first admin's setup: the throttle first, then the password (or ADMIN_TOKEN), then a
 * brand-new session. A session the browser already had is ended, so no cookie value outlives a sign-in.
 */
export function createAuthService(db: Db, config: Pick<Config, 'ADMIN_TOKEN' | 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS'>, clock: Clock = systemClock) {
  const users = createUserService(db, clock);
  const sessions = createSessionService(db, config, clock);
  const throttle = createSignInThrottle(db, clock);

  function begin(user: UserView, origin: SignInOrigin, previousToken: string | undefined): StartedSession {
    sessions.end(previousToken);
    const { token, session } = sessions.start(user.id, origin);
    return { user, token, ...session };
  }

  return {
    users,
    sessions,
    throttle,

    /** Email and password to a session; the answer never says whether the address has an account. */
    async signIn(input: { email: string; password: string }, origin: SignInOrigin, previousToken?: string): Promise<SignInResult> {
      const address = addressKey(normaliseEmail(input.email).slice(0, 320));
      const keys = [address, clientKey(origin.ip)];
      const verdict = throttle.check(keys);
      if (!verdict.allowed) return { ok: false, reason: 'throttled', ...verdict };
      // The address's try counts before the slow password check, so tries sent at once (from many
      // clients) each see the ones before them; a right password clears the count again.
      throttle.fail([address]);
      const user = await users.authenticate(input.email, input.password);
      if (!user) {
        throttle.fail([clientKey(origin.ip)]);
        return { ok: false, reason: 'invalid' };
      }
      throttle.succeed(address);
      return { ok: true, ...begin(user, origin, previousToken) };
    },

    /**
     * The first admin, created with ADMIN_TOKEN while no user exists; a wrong token counts against the
     * client like a wrong password. Invalid email or password throw InvalidInputError (see user-service).
     */
    async setUp(input: { adminToken: string; user: Omit<NewUser, 'role'> }, origin: SignInOrigin, previousToken?: string): Promise<SetupResult> {
      const keys = [clientKey(origin.ip)];
      const verdict = throttle.check(keys);
      if (!verdict.allowed) return { ok: false, reason: 'throttled', ...verdict };
      if (users.count() > 0) return { ok: false, reason: 'users_exist' };
      if (!sameSecret(input.adminToken, config.ADMIN_TOKEN)) {
        throttle.fail(keys);
        return { ok: false, reason: 'token' };
      }
      const user = await users.createFirstAdmin(input.user);
      return { ok: true, ...begin(user, origin, previousToken) };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
