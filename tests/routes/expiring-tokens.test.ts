import { describe, expect, it } from 'vitest';
import { signExpiringToken, signToken, verifyExpiringToken, verifyToken } from '../../src/tokens/tokens.js';

const SECRET = 'expiring-token-test-secret-0123456789abcdef';
const NOW = new Date('2026-11-22T12:00:00Z');
const IN_A_DAY = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);

describe('expiring link tokens', () => {
  it('carry purpose, id and expiry in base 36, and verify to the id until they expire', () => {
    const token = signExpiringToken(SECRET, 'export', 1234, IN_A_DAY);
    const [purpose, id, exp, sig] = token.split('.');
    expect(purpose).toBe('export');
    expect(id).toBe((1234).toString(36));
    expect(parseInt(exp!, 36)).toBe(IN_A_DAY.getTime() / 1000);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(verifyExpiringToken(SECRET, 'export', token, NOW)).toBe(1234);
    expect(verifyExpiringToken(SECRET, 'export', token, new Date(IN_A_DAY.getTime() - 1000))).toBe(1234);
    expect(verifyExpiringToken(SECRET, 'export', token, IN_A_DAY)).toBeNull();
    expect(verifyExpiringToken(SECRET, 'export', token, new Date(IN_A_DAY.getTime() + 60_000))).toBeNull();
  });

  it('refuse tampering, a later expiry, another secret and malformed input', () => {
    const token = signExpiringToken(SECRET, 'export', 42, IN_A_DAY);
    const [purpose, id, exp, sig] = token.split('.') as [string, string, string, string];
    const later = (parseInt(exp, 36) + 7 * 24 * 3600).toString(36);
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    const bad = [
      `${purpose}.${id}.${later}.${sig}`, // the holder stretches the expiry
      `${purpose}.${(43).toString(36)}.${exp}.${sig}`, // another reader
      `${purpose}.${id}.${exp}.${flipped}`,
      `${purpose}.${id}.${exp}`,
      signExpiringToken('another-secret-key-0123456789abcdefghij', 'export', 42, IN_A_DAY),
      `${token}.x`,
      `${purpose}.${id}.-1.${sig}`,
      'x'.repeat(300),
      '',
    ];
    for (const t of bad) expect(verifyExpiringToken(SECRET, 'export', t, NOW), t).toBeNull();
  });

  it('never stand in for the lasting tokens, nor the other way round', () => {
    const lasting = signToken(SECRET, 'preferences', 42);
    expect(verifyExpiringToken(SECRET, 'export', lasting, NOW)).toBeNull();
    // The same three fields under a lasting purpose name: the MAC differs by purpose, and the shape too.
    const exportToken = signExpiringToken(SECRET, 'export', 42, IN_A_DAY);
    for (const purpose of ['confirm', 'preferences', 'unsubscribe'] as const) {
      expect(verifyToken(SECRET, purpose, exportToken)).toBeNull();
      expect(verifyToken(SECRET, purpose, exportToken.replace(/^export/, purpose))).toBeNull();
    }
    // The existing format is unchanged.
    expect(lasting.split('.')).toHaveLength(3);
    expect(verifyToken(SECRET, 'preferences', lasting)).toBe(42);
  });
});
