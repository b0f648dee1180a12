import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { isLoopbackHost } from '../../src/preflight/relay-check.js';
import { createDkimKey } from '../helpers/dkim-key.js';
import { type DovecotServer, startDovecot } from '../helpers/dovecot.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { createTestCertificate, type TestCertificate } from '../helpers/tls-cert.js';
import { dnsStandIn, keyFile, lineOf, outline, preflightSettings, silentDns } from './preflight-fixtures.js';

describe('preflight', () => {
  let certificate: TestCertificate;
  let tlsRelay: TestSmtpServer;
  let plainRelay: TestSmtpServer;
  let dovecot: DovecotServer;

  beforeAll(async () => {
    certificate = createTestCertificate();
    tlsRelay = await startSmtpServer({ starttls: certificate });
    plainRelay = await startSmtpServer();
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await tlsRelay?.close();
    await plainRelay?.close();
    await dovecot?.stop();
  });

  it('passes every line for a lab that follows the rules', async () => {
    const key = createDkimKey('lab.example.org', 'news');
    const settings = preflightSettings({
      ...key.settings,
      SMTP_URL: `smtp://localhost:${tlsRelay.port}`,
      BOUNCE_ADDRESS: 'bounces@lab.example.org',
      BOUNCE_IMAP_URL: dovecot.url(),
    });
    const dns = dnsStandIn({
      'lab.example.org': ['v=spf1 ip4:192.0.2.10 -all', 'google-site-verification=abc'],
      '_dmarc.lab.example.org': ['v=DMARC1; p=quarantine; rua=mailto:dmarc@lab.example.org'],
      'news._domainkey.lab.example.org': [key.txt],
    });
    const report = await runPreflight(settings, { resolveTxt: dns, relayCa: certificate.cert, timeoutMs: 5000 });
    expect(outline(report)).toEqual([
      'dkim: pass dkimOk',
      'alignment: pass alignOk',
      'senders: pass sendersOk',
      'unsubscribe: pass unsubscribeOk',
      'bounceAddress: pass bounceAddressOk',
      'bounceMailbox: pass mailboxOk',
      'relayTls: pass relayStarttls',
      'spf: pass spfOk',
      'dmarc: pass dmarcOk',
      'dkimRecord: pass dkimRecordOk',
    ]);
    expect(report.counts).toEqual({ pass: 10, warn: 0, fail: 0, unknown: 0 });
    expect(lineOf(report, 'dkim').values).toMatchObject({ type: 'RSA', bits: 2048, domain: 'lab.example.org', selector: 'news' });
    expect(lineOf(report, 'bounceMailbox').values).toMatchObject({ host: `127.0.0.1:${dovecot.port}`, user: dovecot.user, folder: 'INBOX', messages: 0 });
    expect(lineOf(report, 'spf').values).toEqual({ domain: 'lab.example.org', record: 'v=spf1 ip4:192.0.2.10 -all' });
    expect(lineOf(report, 'dmarc').values).toMatchObject({ domain: 'lab.example.org', policy: 'quarantine' });
    expect(lineOf(report, 'unsubscribe').values).toEqual({ url: 'https://news.lab.example.org/unsubscribe/…' });
    // Nothing went out through the relay: preflight only asks it.
    expect(tlsRelay.messages).toHaveLength(0);
  });

  it('says what to fix in a setup with gaps, and never puts a password in a line', async () => {
    const published = createDkimKey('other-lab.example.net', 'news');
    const settings = preflightSettings({
      PUBLIC_URL: 'http://news.lab.example.org',
      MAIL_FROM: 'Lab <news@lab.example.org>',
      MAIL_TRANSACTIONAL_FROM: 'news@lab.example.org',
      DKIM_DOMAIN: 'other-lab.example.net',
      DKIM_SELECTOR: 'news',
      DKIM_PRIVATE_KEY_PATH: keyFile('rsa', 1024),
      SMTP_URL: plainRelay.url,
      BOUNCE_IMAP_URL: `imap://${dovecot.user}:wrong-secret-pw@127.0.0.1:${dovecot.port}/INBOX`,
    });
    const dns = dnsStandIn({
      'lab.example.org': ['v=spf1 +all', 'v=spf1 -all'],
      'other-lab.example.net': [],
      'news._domainkey.other-lab.example.net': [published.txt],
    });
    const report = await runPreflight(settings, { resolveTxt: dns });
    expect(outline(report)).toEqual([
      'dkim: warn dkimShort',
      'alignment: fail alignMismatch',
      'senders: warn sendersSame',
      'unsubscribe: fail unsubscribeNotHttps',
      'bounceAddress: warn bounceAddressNotSet',
      'bounceMailbox: fail mailboxFailed',
      'relayTls: warn relayNoTlsLocal',
      'spf: fail spfMultiple',
      'dmarc: fail dmarcMissing',
      'dkimRecord: fail dkimRecordMismatch',
    ]);
    expect(lineOf(report, 'dkim').values).toMatchObject({ bits: 1024 });
    expect(lineOf(report, 'alignment').values).toEqual({ setting: 'MAIL_FROM', fromDomain: 'lab.example.org', dkimDomain: 'other-lab.example.net' });
    expect(lineOf(report, 'unsubscribe').values).toEqual({ url: 'http://news.lab.example.org' });
    expect(String(lineOf(report, 'bounceMailbox').values.error)).toMatch(/auth/i);
    // The record to publish is the configured key's, not the one found.
    expect(lineOf(report, 'dkimRecord').values.record).toMatch(/^v=DKIM1; k=rsa; p=MI/);
    expect(lineOf(report, 'dkimRecord').values.record).not.toBe(published.txt);
    expect(JSON.stringify(report)).not.toContain('wrong-secret-pw');
    expect(report.counts).toEqual({ pass: 0, warn: 4, fail: 6, unknown: 0 });
  });

  it('tells "could not check" from a missing record: no DNS answer, or a domain DNS does not know', async () => {
    const key = createDkimKey('lab.example.org', 'news');
    const settings = preflightSettings({ ...key.settings, BOUNCE_ADDRESS: 'bounces@mail.lab.example.org' });
    const silent = await runPreflight(settings, { resolveTxt: silentDns });
    expect(outline(silent).slice(-3)).toEqual(['spf: unknown dnsUnknown', 'dmarc: unknown dnsUnknown', 'dkimRecord: unknown dnsUnknown']);
    // SPF is asked of the envelope sender's domain (BOUNCE_ADDRESS), DMARC of the From domain.
    expect(lineOf(silent, 'spf').values).toEqual({ domain: 'mail.lab.example.org', error: 'ETIMEOUT' });
    expect(lineOf(silent, 'dmarc').values).toEqual({ domain: 'lab.example.org', error: 'ETIMEOUT' });
    const nowhere = await runPreflight(settings, { resolveTxt: dnsStandIn({}) });
    expect(outline(nowhere).slice(-3)).toEqual(['spf: unknown dnsNoDomain', 'dmarc: unknown dnsNoDomain', 'dkimRecord: unknown dnsNoDomain']);
    // With the domains known to DNS, the same empty answers mean the records are missing.
    const known = dnsStandIn({ 'mail.lab.example.org': [], 'lab.example.org': ['some-verification=1'] });
    const missing = await runPreflight(settings, { resolveTxt: known });
    expect(outline(missing).slice(-3)).toEqual(['spf: fail spfMissing', 'dmarc: fail dmarcMissing', 'dkimRecord: fail dkimRecordMissing']);
    expect(lineOf(missing, 'dkimRecord').values).toEqual({ name: 'news._domainkey.lab.example.org', record: key.txt });
  });

  it('fails DKIM when it is not set, unreadable, not a key, of a kind DKIM has not, or a key Nodemailer does not sign with', async () => {
    const dns = dnsStandIn({});
    const run = async (env: Record<string, string>) => {
      const report = await runPreflight(preflightSettings(env), { resolveTxt: dns });
      return [lineOf(report, 'dkim'), report] as const;
    };
    const dkim = (path: string) => ({ DKIM_DOMAIN: 'lab.example.org', DKIM_SELECTOR: 'news', DKIM_PRIVATE_KEY_PATH: path });

    const [none, noneReport] = await run({});
    expect(none.finding).toBe('dkimNotSet');
    expect(lineOf(noneReport, 'alignment').finding).toBe('alignNoDkim');
    expect(lineOf(noneReport, 'dkimRecord')).toMatchObject({ status: 'unknown', finding: 'dkimRecordNoKey' });
    // Unsigned mail still carries one-click unsubscribe.
    expect(lineOf(noneReport, 'unsubscribe').status).toBe('pass');

    const [unreadable, unreadableReport] = await run(dkim('/nonexistent/dkim.pem'));
    expect(unreadable).toMatchObject({ status: 'fail', finding: 'dkimUnreadable', values: { error: 'ENOENT' } });
    expect(lineOf(unreadableReport, 'unsubscribe').status).toBe('pass');
    const notKey = keyFile('rsa').replace(/dkim\.pem$/, 'not-a-key.pem');
    (await import('node:fs')).writeFileSync(notKey, 'hello');
    expect((await run(dkim(notKey)))[0]).toMatchObject({ status: 'fail', finding: 'dkimNotAKey' });
    expect((await run(dkim(keyFile('ec'))))[0]).toMatchObject({ status: 'fail', finding: 'dkimUnsupported', values: { type: 'ec' } });
    expect((await run(dkim(keyFile('rsa', 768))))[0]).toMatchObject({ status: 'fail', finding: 'dkimTooShort', values: { bits: 768 } });
    // Nodemailer leaves a message unsigned, without an error, when the key is Ed25519.
    expect((await run(dkim(keyFile('ed25519'))))[0]).toMatchObject({ status: 'fail', finding: 'dkimNotSigned', values: { type: 'Ed25519' } });
  });

  it('reports a relay that does not answer, one whose certificate is not trusted, and the outbox', async () => {
    const refused = await runPreflight(preflightSettings({ SMTP_URL: 'smtp://relay-user:relay-secret-pw@127.0.0.1:1' }), {
      resolveTxt: silentDns,
      timeoutMs: 2000,
    });
    expect(lineOf(refused, 'relayTls')).toMatchObject({ status: 'fail', finding: 'relayFailed', values: { host: '127.0.0.1:1' } });
    expect(JSON.stringify(refused)).not.toContain('relay-secret-pw');
    const untrusted = await runPreflight(preflightSettings({ SMTP_URL: `smtp://localhost:${tlsRelay.port}` }), { resolveTxt: silentDns });
    expect(lineOf(untrusted, 'relayTls')).toMatchObject({ status: 'fail', finding: 'relayFailed' });
    expect(String(lineOf(untrusted, 'relayTls').values.error)).toMatch(/certificate/i);
    const outbox = await runPreflight(preflightSettings(), { resolveTxt: silentDns });
    expect(lineOf(outbox, 'relayTls')).toMatchObject({ status: 'warn', finding: 'relayOutbox' });
  });

  it('lets only a relay on this machine go without TLS with a warning', () => {
    expect(['localhost', '127.0.0.1', '127.0.1.1', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['mail.lab.example.org', '10.0.0.5', '128.0.0.1'].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});
