import { describe, expect, it } from 'vitest';
import { signExpiringToken, signToken, verifyExpiringToken, verifyToken } from '../../src/tokens/tokens.js';

/** A row as tokens see it: its id and its link key (here made from the id). */
const row = (id: number) => ({ id, linkKey: `key-${id}` });
const find = (id: number) => row(id);
const idOf = (subject: { id: number } | null) => subject?.id ?? null;

const SECRET = 'a-secret-key-of-at-least-thirty-two-characters';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The same signature bytes spelled differently: the last base64url character of a 20-byte signature
 * carries two unused bits, and flipping one still decodes to the same bytes.
 */
function respelled(token: string): string {
  const last = token.at(-1)!;
  return token.slice(0, -1) + ALPHABET[ALPHABET.indexOf(last) ^ 1]!;
}

describe('link tokens', () => {
  it('accept only the exact spelling of their signature, not another spelling of the same bytes', () => {
    for (let id = 1; id <= 40; id++) {
      const token = signToken(SECRET, 'preferences', row(id));
      const other = respelled(token);
      expect(Buffer.from(other.split('.').at(-1)!, 'base64url')).toEqual(Buffer.from(token.split('.').at(-1)!, 'base64url'));
      expect(idOf(verifyToken(SECRET, 'preferences', token, find))).toBe(id);
      expect(idOf(verifyToken(SECRET, 'preferences', other, find))).toBeNull();

      const expiring = signExpiringToken(SECRET, 'export', row(id), new Date('2030-01-01T00:00:00Z'));
      const now = new Date('2029-12-31T00:00:00Z');
      expect(idOf(verifyExpiringToken(SECRET, 'export', expiring, find, now))).toBe(id);
      expect(idOf(verifyExpiringToken(SECRET, 'export', respelled(expiring), find, now))).toBeNull();
    }
  });
});
