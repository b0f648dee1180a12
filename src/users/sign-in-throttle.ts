import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { signInFailures } from '../db/schema.js';
import { type Clock, systemClock } from './clock.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How failures turn into waiting: from `failures` on, each new failure locks the key for `lockMs`. */
interface Policy {
  steps: Array<{ failures: number; lockMs: number }>;
  /** From this many failures on, the key is refused for `refuseMs` after its last failure. */
  refuseAt: number;
  refuseMs: number;
}

/** One address: a few tries, then a minute, a quarter of an hour, an hour between tries, then a day's refusal. */
const ADDRESS_POLICY: Policy = {
  steps: [
    { failures: 5, lockMs: MINUTE },
    { failures: 10, lockMs: 15 * MINUTE },
    { failures: 15, lockMs: HOUR },
  ],
  refuseAt: 20,
  refuseMs: 24 * HOUR,
};

/** One client: four times the address's allowance (a lab may share one address behind NAT). */
const CLIENT_POLICY: Policy = {
  steps: ADDRESS_POLICY.steps.map((s) => ({ ...s, failures: s.failures * 4 })),
  refuseAt: ADDRESS_POLICY.refuseAt * 4,
  refuseMs: ADDRESS_POLICY.refuseMs,
};

/** A key's failures are forgotten after a day without one. */
const FORGET_AFTER_MS = 24 * HOUR;

/** The throttle key of an address (already normalised) and of a client. */
export const addressKey = (email: string) => `email:${email}`;
export const clientKey = (ip: string) => `ip:${ip}`;

const policyOf = (key: string) => (key.startsWith('ip:') ? CLIENT_POLICY : ADDRESS_POLICY);

function lockFor(policy: Policy, failures: number): number {
  if (failures >= policy.refuseAt) return policy.refuseMs;
  let lock = 0;
  for (const step of policy.steps) if (failures >= step.failures) lock = step.lockMs;
  return lock;
}

/** May a sign-in be tried now? If not: how long to wait, and whether the key is refused (not only slowed). */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; refused: boolean };

/**
 * Failed sign-ins per address and per client in `sign_in_failures`, so guessing gets slower and then stops,
 * across restarts and processes. Takes a clock, so tests move time instead of waiting.
 */
export function createSignInThrottle(db: Db, clock: Clock = systemClock) {
  function verdict(keys: string[]): ThrottleVerdict {
    const now = clock();
    let wait = 0;
    let refused = false;
    for (const key of keys) {
      const row = db.select().from(signInFailures).where(eq(signInFailures.key, key)).get();
      const until = row?.lockedUntil?.getTime() ?? 0;
      if (row && until > now) {
        wait = Math.max(wait, until - now);
        refused ||= row.failures >= policyOf(key).refuseAt;
      }
    }
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000), refused } : { allowed: true };
  }

  return {
    check: verdict,

    /** Counts one failure against each key, and locks the keys that reached a step. */
    fail(keys: string[]): ThrottleVerdict {
      const now = clock();
      db.transaction((tx) => {
        for (const key of keys) {
          const row = tx.select().from(signInFailures).where(eq(signInFailures.key, key)).get();
          const stale = !row || row.lastAt.getTime() + FORGET_AFTER_MS <= now;
          const failures = stale ? 1 : row.failures + 1;
          const lock = lockFor(policyOf(key), failures);
          const values = {
            failures,
            firstAt: stale ? new Date(now) : row.firstAt,
            lastAt: new Date(now),
            lockedUntil: lock > 0 ? new Date(now + lock) : null,
          };
          tx.insert(signInFailures)
            .values({ key, ...values })
            .onConflictDoUpdate({ target: signInFailures.key, set: values })
            .run();
        }
      });
      return verdict(keys);
    },

    /** A right password clears the address's count (never the client's: one good account must not reset guessing). */
    succeed(key: string): void {
      db.delete(signInFailures).where(eq(signInFailures.key, key)).run();
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
