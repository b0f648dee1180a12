import { describe, expect, it } from 'vitest';
import { checkEmail, emailHash, normaliseEmail } from '../../src/subscribers/email-address.js';
import { csvCell } from '../../src/subscribers/subscriber-csv.js';

describe('email addresses', () => {
  it('normalises case and whitespace', () => {
    expect(normaliseEmail('  Ann.Lee@Example.ORG\t')).toBe('ann.lee@example.org');
    expect(checkEmail(' Ann@Example.org ')).toEqual({ email: 'ann@example.org' });
  });

  it('rejects what must not reach a mail header', () => {
    expect(checkEmail('a@b.example\r\nBcc: x@y.example')).toEqual({ error: 'email_invalid' });
    expect(checkEmail('a@b.example\n')).toEqual({ error: 'email_invalid' });
    expect(checkEmail(`${'a'.repeat(243)}@example.org`)).toEqual({ error: 'email_too_long' });
    expect(checkEmail(`${'a'.repeat(242)}@example.org`)).toEqual({ email: `${'a'.repeat(242)}@example.org` });
    expect(checkEmail('no-at-sign')).toEqual({ error: 'email_invalid' });
    expect(checkEmail('')).toEqual({ error: 'email_required' });
    expect(checkEmail(['a@b.example'])).toEqual({ error: 'email_required' });
  });

  it('hashes the normalised address with the secret', () => {
    const a = emailHash('secret-one', 'Ann@Example.org');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(emailHash('secret-one', ' ann@example.org')).toBe(a);
    expect(emailHash('secret-two', 'ann@example.org')).not.toBe(a);
  });
});

describe('CSV cells', () => {
  it('quotes, doubles quotes and defuses formulas', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@x')).toBe(`"'@x"`);
    expect(csvCell('+x')).toBe(`"'+x"`);
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });
});
