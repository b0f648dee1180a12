import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDkimKey, type TestDkimKey, verifyWithMailauth } from '../helpers/dkim-key.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { type SampleEmail, sampleName, sampleSettings, sendSampleEmails } from './sample-emails.js';

// Gmail and Yahoo want the one-click unsubscribe headers signed (RFC 8058 §4); the rest is what a forger would change.
const LIST_SIGNED = ['from', 'subject', 'date', 'message-id', 'to', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post'];
const ALWAYS_SIGNED = ['from', 'subject', 'date', 'message-id', 'to', 'mime-version', 'content-type'];

describe('DKIM on what the relay received, verified by mailauth', () => {
  let smtp: TestSmtpServer;
  let key: TestDkimKey;
  let samples: SampleEmail[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    key = createDkimKey('lab.example.org', 'news');
    samples = await sendSampleEmails(sampleSettings(smtp, key), smtp);
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('passes for every email, in both languages, signed by the DKIM domain and aligned with the From domain', async () => {
    expect(samples.map(sampleName)).toEqual([
      'digest (en)',
      'confirm (en)',
      'manage (en)',
      'data-export (en)',
      'digest (es)',
      'confirm (es)',
      'manage (es)',
      'data-export (es)',
    ]);
    for (const sample of samples) {
      const results = await verifyWithMailauth(sample.message.raw, key);
      expect(results, sampleName(sample)).toHaveLength(1);
      expect(results[0], sampleName(sample)).toMatchObject({ result: 'pass', domain: 'lab.example.org', selector: 'news', aligned: 'lab.example.org' });
      expect(results[0]!.signedHeaders, sampleName(sample)).toEqual(expect.arrayContaining(ALWAYS_SIGNED));
    }
  });

  it('covers List-Unsubscribe, List-Unsubscribe-Post and List-Id on the digest', async () => {
    const digests = samples.filter((s) => s.kind === 'digest');
    expect(digests).toHaveLength(2);
    for (const digest of digests) {
      expect(digest.message.parsed.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      const [result] = await verifyWithMailauth(digest.message.raw, key);
      expect(result!.signedHeaders).toEqual(expect.arrayContaining(LIST_SIGNED));
    }
  });

  it('fails once a signed list header or the body is changed on the way', async () => {
    const { raw } = samples.find((s) => s.kind === 'digest' && s.language === 'en')!.message;
    const otherLink = raw.replace(/(List-Unsubscribe:\s*<https:\/\/news\.lab\.example\.org\/unsubscribe\/tok-en-)0/, '$11');
    expect(otherLink).not.toBe(raw);
    expect((await verifyWithMailauth(otherLink, key))[0]!.result).toBe('fail');
    const noOneClick = raw.replace('List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'List-Unsubscribe-Post: List-Unsubscribe=Nope');
    expect(noOneClick).not.toBe(raw);
    expect((await verifyWithMailauth(noOneClick, key))[0]!.result).toBe('fail');
    const otherBody = raw.replace('Hi Ana,', 'Hi Bob,');
    expect(otherBody).not.toBe(raw);
    // mailauth names a body that no longer matches its hash "neutral", with the reason.
    expect((await verifyWithMailauth(otherBody, key))[0]).toMatchObject({ result: 'neutral', info: expect.stringMatching(/body hash did not verify/) });
  });

  it('does not pass with another key published under the selector', async () => {
    const { raw } = samples.find((s) => s.kind === 'confirm')!.message;
    const other = createDkimKey('lab.example.org', 'news');
    expect((await verifyWithMailauth(raw, other))[0]!.result).toBe('fail');
  });
});
