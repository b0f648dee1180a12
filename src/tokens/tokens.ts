import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link lets its holder do; a token for one purpose never works for another. */
export const TOKEN_PURPOSES = ['confirm', 'preferences', 'unsubscribe'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const MAX_TOKEN_LENGTH = 200;

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
 * A link token: `<purpose>.<subscriber id in base 36>.<HMAC>`. No expiry: unsubscribe and preference links
 * in old emails must keep working; an erased subscriber's tokens stop working because the id is gone
 * (SQLite AUTOINCREMENT never reuses ids).
 */
export function signToken(secret: string, purpose: TokenPurpose, subscriberId: number): string {
  const body = `${purpose}.${subscriberId.toString(36)}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** The subscriber id a token names, or null when it is malformed, tampered with or for another purpose. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string): number | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [tokenPurpose, idPart, sig] = parts as [string, string, string];
  if (tokenPurpose !== purpose || !/^[0-9a-z]{1,11}$/.test(idPart) || !/^[A-Za-z0-9_-]+$/.test(sig)) return null;
  if (!sameSignature(sig, mac(secret, `${tokenPurpose}.${idPart}`))) return null;
  const id = parseInt(idPart, 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
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
export function signExpiringToken(secret: string, purpose: ExpiringTokenPurpose, subscriberId: number, expiresAt: Date): string {
  const body = `${purpose}.${subscriberId.toString(36)}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** The subscriber id a short-lived token names, or null when it is expired, malformed, tampered with or for another purpose. */
export function verifyExpiringToken(secret: string, purpose: ExpiringTokenPurpose, token: string, now = new Date()): number | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [tokenPurpose, idPart, expPart, sig] = parts as [string, string, string, string];
  if (tokenPurpose !== purpose || !/^[0-9a-z]{1,11}$/.test(idPart) || !/^[0-9a-z]{1,11}$/.test(expPart) || !/^[A-Za-z0-9_-]+$/.test(sig)) return null;
  if (!sameSignature(sig, mac(secret, `${tokenPurpose}.${idPart}.${expPart}`))) return null;
  const expiresMs = parseInt(expPart, 36) * 1000;
  if (!Number.isSafeInteger(expiresMs) || now.getTime() >= expiresMs) return null;
  const id = parseInt(idPart, 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The three links every list email and page needs for one subscriber. */
export function subscriberLinks(publicUrl: string, secret: string, subscriberId: number) {
  return {
    confirmUrl: `${publicUrl}/confirm/${signToken(secret, 'confirm', subscriberId)}`,
    preferencesUrl: `${publicUrl}/preferences/${signToken(secret, 'preferences', subscriberId)}`,
    unsubscribeUrl: `${publicUrl}/unsubscribe/${signToken(secret, 'unsubscribe', subscriberId)}`,
  };
}
