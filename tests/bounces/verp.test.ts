import { describe, expect, it } from 'vitest';
import { parseVerp, verpAddress } from '../../src/bounces/verp.js';

const KEY = 'verp-test-secret-key-0123456789abcdefghij';
const BOUNCES = 'bounces@lab.example.org';

describe('VERP addresses', () => {
  it('names the delivery under the bounce address, in lower case only', () => {
    const address = verpAddress(BOUNCES, KEY, 12345);
    expect(address).toMatch(/^bounces\+9ix-[0-9a-f]{16}@lab\.example\.org$/);
    expect(parseVerp(address, BOUNCES, KEY)).toBe(12345);
  });

  it('reads back an address an MTA upper-cased or wrapped in angle brackets', () => {
    const address = verpAddress(BOUNCES, KEY, 7);
    expect(parseVerp(address.toUpperCase(), BOUNCES, KEY)).toBe(7);
    expect(parseVerp(`<${address}>`, 'Bounces@LAB.example.org', KEY)).toBe(7);
  });

  it('refuses a tampered id, a tampered signature, another key, another domain or another local part', () => {
    const address = verpAddress(BOUNCES, KEY, 7);
    const [local, domain] = address.split('@') as [string, string];
    const sig = local.split('-')[1]!;
    expect(parseVerp(address.replace('+7-', '+8-'), BOUNCES, KEY)).toBeNull();
    const flipped = sig.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(parseVerp(`bounces+7-${flipped}@${domain}`, BOUNCES, KEY)).toBeNull();
    expect(parseVerp(address, BOUNCES, `${KEY}-other`)).toBeNull();
    expect(parseVerp(address.replace('lab.example.org', 'evil.example'), BOUNCES, KEY)).toBeNull();
    expect(parseVerp(address.replace('bounces+', 'other+'), BOUNCES, KEY)).toBeNull();
    expect(parseVerp(BOUNCES, BOUNCES, KEY)).toBeNull();
    expect(parseVerp(`bounces+7-${sig}x@${domain}`, BOUNCES, KEY)).toBeNull();
    expect(parseVerp('not an address', BOUNCES, KEY)).toBeNull();
    expect(parseVerp(`bounces+${'z'.repeat(300)}@lab.example.org`, BOUNCES, KEY)).toBeNull();
  });

  it('refuses to make an address for something that is not a delivery id', () => {
    expect(() => verpAddress(BOUNCES, KEY, 0)).toThrow();
    expect(() => verpAddress(BOUNCES, KEY, 1.5)).toThrow();
  });
});
