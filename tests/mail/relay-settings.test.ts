import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config.js';

// How long a digest waits for a relay that is away, and how often the owner asks whether it is back.

describe('relay outage settings', () => {
  it('waits 24 hours by default, asking after 5 s and at most every 5 min', () => {
    expect(parseSettings({})).toMatchObject({ SMTP_RETRY_HORIZON_HOURS: 24, SMTP_PROBE_INITIAL_MS: 5_000, SMTP_PROBE_MAX_MS: 300_000 });
  });

  it('takes a fraction of an hour (tests) and up to a year', () => {
    expect(parseSettings({ SMTP_RETRY_HORIZON_HOURS: '0.001' }).SMTP_RETRY_HORIZON_HOURS).toBe(0.001);
    expect(parseSettings({ SMTP_RETRY_HORIZON_HOURS: '8760' }).SMTP_RETRY_HORIZON_HOURS).toBe(8760);
  });

  it.each(['0', '-1', '8761', 'a day'])('refuses a horizon of %s', (value) => {
    expect(() => parseSettings({ SMTP_RETRY_HORIZON_HOURS: value })).toThrow(/SMTP_RETRY_HORIZON_HOURS/);
  });

  it('refuses probe delays below 10 ms', () => {
    expect(() => parseSettings({ SMTP_PROBE_INITIAL_MS: '5' })).toThrow(/SMTP_PROBE_INITIAL_MS/);
    expect(() => parseSettings({ SMTP_PROBE_MAX_MS: '0' })).toThrow(/SMTP_PROBE_MAX_MS/);
  });
});
