import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings, type Settings } from '../../src/config.js';
import { fillDigest, renderDigestProfile } from '../../src/mail/digest-email.js';
import { createMailer, isPermanentSmtpError, type Mailer, type OutgoingMail } from '../../src/mail/mailer.js';
import { createTemplateCache, type TemplateCache } from '../../src/mail/template-cache.js';
import { createDkimKey, verifyWithMailauth } from '../helpers/dkim-key.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { model } from './fixtures.js';

function settings(env: Record<string, string>): Settings {
  return parseSettings({
    PUBLIC_URL: 'https://news.lab.example.org',
    ORG_NAME: 'Social Data Lab',
    CONTACT_EMAIL: 'lab@example.org',
    OUTBOX_DIR: join(mkdtempSync(join(tmpdir(), 'labdigest-mailer-')), 'outbox'),
    ...env,
  });
}

const unsubscribeUrl = 'https://news.lab.example.org/unsubscribe/tok-1';

describe('mailer', () => {
  let smtp: TestSmtpServer;
  let cache: TemplateCache;
  let digest: OutgoingMail;
  const mailers: Mailer[] = [];
  const open = (s: Settings) => {
    const m = createMailer(s);
    mailers.push(m);
    return m;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    cache = await createTemplateCache(settings({}));
    const email = fillDigest(renderDigestProfile(cache, model()), {
      name: 'Ana',
      preferencesUrl: 'https://news.lab.example.org/preferences/tok-1',
      unsubscribeUrl,
    });
    digest = {
      from: 'Lab Digest <digest@lab.example.org>',
      to: 'ana@example.com',
      messageId: '<d1.42@news.lab.example.org>',
      list: { unsubscribeUrl },
      ...email,
    };
  });
  afterAll(async () => {
    for (const m of mailers) m.close();
    await smtp.close();
  });

  it('sends list mail with one-click unsubscribe, List-Id and the given Message-ID', async () => {
    smtp.messages.length = 0;
    const mailer = open(settings({ SMTP_URL: smtp.url, UNSUBSCRIBE_MAILTO: 'unsubscribe@lab.example.org' }));
    const sent = await mailer.send(digest);
    expect(sent.messageId).toBe('<d1.42@news.lab.example.org>');
    const [msg] = await smtp.waitFor(1);
    const h = msg!.parsed.headers;
    expect(h['list-unsubscribe']).toBe('<https://news.lab.example.org/unsubscribe/tok-1>, <mailto:unsubscribe@lab.example.org?subject=unsubscribe>');
    expect(h['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(h['list-id']).toBe('"Social Data Lab digest" <digest.news.lab.example.org>');
    expect(msg!.parsed.messageId).toBe('<d1.42@news.lab.example.org>');
    expect(msg!.parsed.subject).toBe('November 2026 at Social Data Lab: 1 publication, 1 project, 1 news');
    expect(msg!.parsed.from).toBe('digest@lab.example.org');
    expect(msg!.envelope.to).toEqual(['ana@example.com']);
    expect(msg!.parsed.html).toContain('href="https://news.lab.example.org/unsubscribe/tok-1"');
    expect(msg!.parsed.text).toContain('Hi Ana,');
    expect(h['dkim-signature']).toBeUndefined();
  });

  it('uses CONTACT_EMAIL for the mailto when UNSUBSCRIBE_MAILTO is unset, and no list headers on other mail', async () => {
    smtp.messages.length = 0;
    const mailer = open(settings({ SMTP_URL: smtp.url }));
    await mailer.send({ ...digest, messageId: '<d1.43@news.lab.example.org>' });
    const { list: _list, ...transactional } = digest;
    await mailer.send({ ...transactional, messageId: '<t.1@news.lab.example.org>' });
    const msgs = await smtp.waitFor(2);
    const list = msgs.find((m) => m.parsed.messageId === '<d1.43@news.lab.example.org>')!;
    const plain = msgs.find((m) => m.parsed.messageId === '<t.1@news.lab.example.org>')!;
    expect(list.parsed.headers['list-unsubscribe']).toContain('<mailto:lab@example.org?subject=unsubscribe>');
    expect(plain.parsed.headers['list-unsubscribe']).toBeUndefined();
    expect(plain.parsed.headers['list-unsubscribe-post']).toBeUndefined();
  });

  it('signs with DKIM, covering the list headers, when a key is configured (verified by mailauth)', async () => {
    smtp.messages.length = 0;
    const key = createDkimKey('lab.example.org', 'news');
    const mailer = open(settings({ SMTP_URL: smtp.url, ...key.settings }));
    await mailer.send(digest);
    const [msg] = await smtp.waitFor(1);
    const [verified] = await verifyWithMailauth(msg!.raw, key);
    expect(verified).toMatchObject({ result: 'pass', domain: 'lab.example.org', selector: 'news', aligned: 'lab.example.org' });
    expect(verified!.signedHeaders).toEqual(expect.arrayContaining(['from', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post', 'list-id']));
    // A changed unsubscribe header no longer verifies: the signature really covers it.
    const tampered = msg!.raw.replace('unsubscribe/tok-1>', 'unsubscribe/tok-2>');
    expect(tampered).not.toBe(msg!.raw);
    expect((await verifyWithMailauth(tampered, key))[0]!.result).toBe('fail');
  });

  it('refuses a Message-ID that is not <id@host>', async () => {
    const mailer = open(settings({ SMTP_URL: smtp.url }));
    await expect(mailer.send({ ...digest, messageId: 'no-brackets@x' })).rejects.toThrow(/messageId/);
  });

  it('classifies 550 as permanent; 451, a dropped or refused connection as transient', async () => {
    const mailer = open(settings({ SMTP_URL: smtp.url }));
    smtp.failNext(550);
    const permanent = await mailer.send(digest).catch((e: unknown) => e);
    expect((permanent as { responseCode?: number }).responseCode).toBe(550);
    expect(isPermanentSmtpError(permanent)).toBe(true);

    smtp.failNext(451);
    const transient = await mailer.send(digest).catch((e: unknown) => e);
    expect((transient as { responseCode?: number }).responseCode).toBe(451);
    expect(isPermanentSmtpError(transient)).toBe(false);

    smtp.dropNext(1);
    const dropped = await mailer.send(digest).catch((e: unknown) => e);
    expect((dropped as { code?: string }).code).toBe('ECONNECTION');
    expect(isPermanentSmtpError(dropped)).toBe(false);

    const refused = await open(settings({ SMTP_URL: 'smtp://127.0.0.1:1' }))
      .send(digest)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(isPermanentSmtpError(refused)).toBe(false);
    expect(isPermanentSmtpError(new Error('timeout'))).toBe(false);
    expect(isPermanentSmtpError({ responseCode: 421 })).toBe(false);
  });

  it('writes .eml and .html files to OUTBOX_DIR when no SMTP_URL is set', async () => {
    const s = settings({});
    const mailer = open(s);
    await mailer.send(digest);
    const files = readdirSync(s.OUTBOX_DIR).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{8}T\d{9}Z-ana_40example\.com-[0-9a-f]{6}\.eml$/);
    expect(files[1]).toBe(files[0]!.replace(/\.eml$/, '.html'));
    const parsed = await PostalMime.parse(readFileSync(join(s.OUTBOX_DIR, files[0]!)));
    expect(parsed.subject).toBe(digest.subject);
    expect(parsed.messageId).toBe('<d1.42@news.lab.example.org>');
    expect(parsed.headers.find((h) => h.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
    expect(parsed.html).toContain('Hi Ana,');
    expect(parsed.text).toContain('Hi Ana,');
    expect(readFileSync(join(s.OUTBOX_DIR, files[1]!), 'utf8')).toBe(digest.html);
  });
});
