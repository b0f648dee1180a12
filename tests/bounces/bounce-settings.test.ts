import { describe, expect, it } from 'vitest';
import { mailboxAddress } from '../../src/bounces/bounce-mailbox.js';
import { ConfigError, loadConfig, parseSettings } from '../../src/config.js';
import { MASK, secretValues, settingsView } from '../../src/settings/settings-view.js';
import { testConfig } from '../helpers/test-config.js';

describe('bounce settings', () => {
  it('have their defaults, and nothing bounce-related is on unless set', () => {
    const s = parseSettings({});
    expect(s).toMatchObject({ BOUNCE_PROCESSED_FOLDER: 'Processed', BOUNCE_POLL_MINUTES: 5, BOUNCE_POLL_MAX_MESSAGES: 200 });
    expect([s.BOUNCE_ADDRESS, s.BOUNCE_IMAP_URL, s.BOUNCE_WEBHOOK_TOKEN]).toEqual([undefined, undefined, undefined]);
  });

  it('are checked, naming each bad variable', () => {
    for (const [name, value] of [
      ['BOUNCE_IMAP_URL', 'https://mail.example.org/INBOX'],
      ['BOUNCE_ADDRESS', 'bounces+x@lab.example.org'],
      ['BOUNCE_ADDRESS', 'not-an-address'],
      ['BOUNCE_WEBHOOK_TOKEN', 'short'],
      ['BOUNCE_POLL_MINUTES', '0'],
      ['BOUNCE_POLL_MAX_MESSAGES', 'many'],
      ['BOUNCE_PROCESSED_FOLDER', 'Pro*cessed'],
    ]) {
      expect(() => parseSettings({ [name as string]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => parseSettings({ [name as string]: value })).toThrow(new RegExp(`${name}:`));
    }
    expect(parseSettings({ BOUNCE_ADDRESS: 'Bounces@Lab.Example.org' }).BOUNCE_ADDRESS).toBe('bounces@lab.example.org');
  });

  it('the settings page masks the mailbox password and the webhook token', () => {
    const config = testConfig('bounce-settings', {
      BOUNCE_IMAP_URL: 'imaps://bounces%40lab.example.org:s3cr%23t-pass@imap.lab.example.org:993/INBOX',
      BOUNCE_WEBHOOK_TOKEN: 'relay-token-0123456789abcdef',
    });
    const view = Object.fromEntries(settingsView(config).map((v) => [v.name, v]));
    expect(view.BOUNCE_IMAP_URL).toEqual({
      name: 'BOUNCE_IMAP_URL',
      value: `imaps://bounces%40lab.example.org:${MASK}@imap.lab.example.org:993/INBOX`,
      masked: true,
    });
    expect(view.BOUNCE_WEBHOOK_TOKEN).toEqual({ name: 'BOUNCE_WEBHOOK_TOKEN', value: MASK, masked: true });
    expect(secretValues(config)).toEqual(expect.arrayContaining(['s3cr%23t-pass', 's3cr#t-pass', 'relay-token-0123456789abcdef']));
  });

  it('BOUNCE_IMAP_URL names the server, the account (percent-decoded) and the folder', () => {
    expect(mailboxAddress('imaps://bounces%40lab.example.org:p%40ss@imap.example.org/Bounces%20In')).toEqual({
      host: 'imap.example.org',
      port: 993,
      secure: true,
      user: 'bounces@lab.example.org',
      password: 'p@ss',
      folder: 'Bounces In',
    });
    expect(mailboxAddress('imap://u:p@127.0.0.1:1143')).toMatchObject({ port: 1143, secure: false, folder: 'INBOX' });
    expect(
      mailboxAddress(loadConfig({ SECRET_KEY: 'x'.repeat(32), ADMIN_TOKEN: 'y'.repeat(16), BOUNCE_IMAP_URL: 'imap://u:p@h/' }).BOUNCE_IMAP_URL!),
    ).toMatchObject({ folder: 'INBOX', port: 143 });
  });
});
