import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token of a session's forms: an HMAC of the session's own secret, so it is worthless without
 * the session and changes with every sign-in.
 */
export function sessionCsrfToken(csrfSecret: string): string {
  return createHmac('sha256', csrfSecret).update('labdigest console forms').digest('base64url');
}

/** A fresh value for the pre-session cookie that the sign-in and setup forms are bound to. */
export function newPresessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The token of the sign-in and setup forms, before there is a session: a signed double submit, an HMAC
 * (keyed by SECRET_KEY) of the pre-session cookie. Another site can neither read the cookie nor forge the
 * token, and a cookie planted from elsewhere comes without its matching token.
 */
export function presessionCsrfToken(secretKey: string, cookieValue: string): string {
  return createHmac('sha256', secretKey).update(`console presession:${cookieValue}`).digest('base64url');
}

/** Constant-time comparison of an expected token with what the form sent (anything not a string fails). */
export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
