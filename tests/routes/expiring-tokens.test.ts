import { describe, expect, it } from 'vitest';
import { signExpiringToken, signToken, verifyExpiringToken, verifyToken } from '../../src/tokens/tokens.js';

/** A row as tokens see it: its id and its link key (here made from the id). */
const row = (id: number) => ({ id, linkKey: `key-${id}` });
const find = (id: number) => row(id);
const idOf = (subject: { id: number } | null) => subject?.id ?? null;

const SECRET = 'expiring-token-test-secret-0123456789abcdef';
const NOW = new Date('2026-11-22T12:00:00Z');
const IN_A_DAY = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);

describe('expiring link tokens', () => {
  it('carry purpose, id and expiry in base 36, and verify to the id until they expire', () => {
    const token = signExpiringToken(SECRET, 'export', row(1234), IN_A_DAY);
    const [purpose, id, exp, sig] = token.split('.');
    expect(purpose).toBe('export');
    expect(id).toBe((1234).toString(36));
    expect(parseInt(exp!, 36)).toBe(IN_A_DAY.getTime() / 1000);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(idOf(verifyExpiringToken(SECRET, 'export', token, find, NOW))).toBe(1234);
    expect(idOf(verifyExpiringToken(SECRET, 'export', token, find, new Date(IN_A_DAY.getTime() - 1000)))).toBe(1234);
    expect(idOf(verifyExpiringToken(SECRET, 'export', token, find, IN_A_DAY))).toBeNull();
    expect(idOf(verifyExpiringToken(SECRET, 'export', token, find, new Date(IN_A_DAY.getTime() + 60_000)))).toBeNull();
  });

  it('refuse tampering, a later expiry, another secret and malformed input', () => {
    const token = signExpiringToken(SECRET, 'export', row(42), IN_A_DAY);
    const [purpose, id, exp, sig] = token.split('.') as [string, string, string, string];
    const later = (parseInt(exp, 36) + 7 * 24 * 3600).toString(36);
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    const bad = [
      `${purpose}.${id}.${later}.${sig}`, // the holder stretches the expiry
      `${purpose}.${(43).toString(36)}.${exp}.${sig}`, // another reader
      `${purpose}.${id}.${exp}.${flipped}`,
      `${purpose}.${id}.${exp}`,
      signExpiringToken('another-secret-key-0123456789abcdefghij', 'export', row(42), IN_A_DAY),
      `${token}.x`,
      `${purpose}.${id}.-1.${sig}`,
      'x'.repeat(300),
      '',
    ];
    for (const t of bad) expect(idOf(verifyExpiringToken(SECRET, 'export', t, find, NOW)), t).toBeNull();
  });

  it('never stand in for the lasting tokens, nor the other way round', () => {
    const lasting = signToken(SECRET, 'preferences', row(42));
    expect(idOf(verifyExpiringToken(SECRET, 'export', lasting, find, NOW))).toBeNull();
    // The same three fields under a lasting purpose name: the MAC differs by purpose, and the shape too.
    const exportToken = signExpiringToken(SECRET, 'export', row(42), IN_A_DAY);
    for (const purpose of ['confirm', 'preferences', 'unsubscribe'] as const) {
      expect(idOf(verifyToken(SECRET, purpose, exportToken, find))).toBeNull();
      expect(idOf(verifyToken(SECRET, purpose, exportToken.replace(/^export/, purpose), find))).toBeNull();
    }
    // The existing format is unchanged.
    expect(lasting.split('.')).toHaveLength(3);
    expect(idOf(verifyToken(SECRET, 'preferences', lasting, find))).toBe(42);
  });
});
