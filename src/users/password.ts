import { randomBytes } from 'node:crypto';
import { lazy } from '../lazy.js';

// Loaded by the first hash or check of a password (a sign-in, a new user): most API processes do neither.
const argon2 = lazy(() => import('@node-rs/argon2'));

/** OWASP's argon2id settings (19 MiB, two passes, one lane): memory-hard, and quick enough for a sign-in. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordErrorCode = 'password_too_short' | 'password_too_long' | 'password_is_email';

/** What is wrong with a new password, or null: 12 to 256 characters, and not the account's own address. */
export function passwordProblem(password: string, email: string): PasswordErrorCode | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'password_too_long';
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'password_is_email';
  return null;
}

/** The PHC string of a password (argon2id, random salt): the only form a password is ever kept in. */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, ARGON2_OPTIONS);
}

/** True when the password matches the stored hash; a malformed hash is a mismatch, never an exception. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    const { verify } = await argon2();
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when a hash was made with weaker or other settings than today's, so a sign-in should replace it. */
export async function needsRehash(passwordHash: string): Promise<boolean> {
  const { parseOptions } = await argon2();
  try {
    const o = parseOptions(passwordHash);
    return (
      (o.algorithm as number) !== ARGON2ID ||
      o.memoryCost < ARGON2_OPTIONS.memoryCost ||
      o.timeCost < ARGON2_OPTIONS.timeCost ||
      o.outputLen < ARGON2_OPTIONS.outputLen
    );
  } catch {
    return true;
  }
}

/** A strong password for a new account (144 random bits, 24 characters), shown once to whoever creates it. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * A hash of a password nobody knows, verified when an address has no account, so that a sign-in takes as
 * long whether the address exists or not.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(generatePassword());
  return decoy;
}
