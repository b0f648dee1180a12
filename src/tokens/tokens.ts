import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link lets its holder do; a token for one purpose never works for another. */
export const TOKEN_PURPOSES = ['confirm', 'preferences', 'unsubscribe'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const MAX_TOKEN_LENGTH = 200;

/**
 * Whom a token is for: the subscriber's id and the random key of their row. The key is signed in (never
 * shown), so a link opens only the row it was made for, not another that got the same id in a reset or
 * restored database. Rows from before keys existed have none; their old links keep working.
 */
export interface TokenSubject {
  id: number;
  linkKey: string | null;
}

/** What is signed: the token's visible text, plus the row's key when it has one. */
const signed = (body: string, subject: TokenSubject) => (subject.linkKey ? `${body}|${subject.linkKey}` : body);

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest().subarray(0, 20);
}

/**
 * True when `sig` is exactly the signature's base64url text. Compared as text, not as decoded bytes: the
 * last character of 20 bytes in base64url carries two unused bits, so decoding would accept a tampered
 * token whose last character differs only in those bits.
 */
function sameSignature(sig: string, expected: Buffer): boolean {
  const given = Buffer.from(sig);
  const wanted = Buffer.from(expected.toString('base64url'));
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * A link token: `<purpose>.<subscriber id in base 36>.<HMAC over that and the row's link key>`. No expiry:
 * unsubscribe and preference links in old emails must keep working; an erased subscriber's tokens stop
 * working because the row is gone, and a new row with the same id has another key.
 */
export function signToken(secret: string, purpose: TokenPurpose, subject: TokenSubject): string {
  const body = `${purpose}.${subject.id.toString(36)}`;
  return `${body}.${mac(secret, signed(body, subject)).toString('base64url')}`;
}

/**
 * The subscriber a token is for, found by `find` from the id it names and checked against that row's key;
 * null when the token is malformed, tampered with, for another purpose, or the row is gone or another.
 */
export function verifyToken<T extends TokenSubject>(secret: string, purpose: TokenPurpose, token: string, find: (id: number) => T | undefined): T | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [tokenPurpose, idPart, sig] = parts as [string, string, string];
  if (tokenPurpose !== purpose || !/^[0-9a-z]{1,11}$/.test(idPart) || !/^[A-Za-z0-9_-]+$/.test(sig)) return null;
  const id = parseInt(idPart, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const subject = find(id);
  if (!subject || subject.id !== id) return null;
  return sameSignature(sig, mac(secret, signed(`${tokenPurpose}.${idPart}`, subject))) ? subject : null;
}

/** Purposes whose links stop working after a while: they open personal data, not just settings. */
export const EXPIRING_TOKEN_PURPOSES = ['export'] as const;
export type ExpiringTokenPurpose = (typeof EXPIRING_TOKEN_PURPOSES)[number];

/** How long a "download my data" link works. */
export const EXPORT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A short-lived link token: `<purpose>.<subscriber id in base 36>.<expiry in unix seconds, base 36>.<HMAC>`.
 * Four parts, so it never passes verifyToken and a three-part token never passes verifyExpiringToken.
 */
export function signExpiringToken(secret: string, purpose: ExpiringTokenPurpose, subject: TokenSubject, expiresAt: Date): string {
  const body = `${purpose}.${subject.id.toString(36)}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(secret, signed(body, subject)).toString('base64url')}`;
}

/** The subscriber a short-lived token is for (see verifyToken), or null when it is also expired. */
export function verifyExpiringToken<T extends TokenSubject>(
  secret: string,
  purpose: ExpiringTokenPurpose,
  token: string,
  find: (id: number) => T | undefined,
  now = new Date(),
): T | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [tokenPurpose, idPart, expPart, sig] = parts as [string, string, string, string];
  if (tokenPurpose !== purpose || !/^[0-9a-z]{1,11}$/.test(idPart) || !/^[0-9a-z]{1,11}$/.test(expPart) || !/^[A-Za-z0-9_-]+$/.test(sig)) return null;
  const expiresMs = parseInt(expPart, 36) * 1000;
  if (!Number.isSafeInteger(expiresMs) || now.getTime() >= expiresMs) return null;
  const id = parseInt(idPart, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const subject = find(id);
  if (!subject || subject.id !== id) return null;
  return sameSignature(sig, mac(secret, signed(`${tokenPurpose}.${idPart}.${expPart}`, subject))) ? subject : null;
}

/** The three links every list email and page needs for one subscriber. */
export function subscriberLinks(publicUrl: string, secret: string, subject: TokenSubject) {
  return {
    confirmUrl: `${publicUrl}/confirm/${signToken(secret, 'confirm', subject)}`,
    preferencesUrl: `${publicUrl}/preferences/${signToken(secret, 'preferences', subject)}`,
    unsubscribeUrl: `${publicUrl}/unsubscribe/${signToken(secret, 'unsubscribe', subject)}`,
  };
}
