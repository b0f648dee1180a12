import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config.js';
import { fillDigest, readerValues, renderDigestProfile } from '../../src/mail/digest-email.js';
import { encodeBody, encodedBodyOf, encodePiece, fillEncodedBody } from '../../src/mail/encoded-body.js';
import { escapeForText } from '../../src/mail/escape.js';
import { createMailer } from '../../src/mail/mailer.js';
import { fillSegments } from '../../src/mail/placeholders.js';
import { createTemplateCache } from '../../src/mail/template-cache.js';
import { createDkimKey, verifyWithMailauth } from '../helpers/dkim-key.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { model } from './fixtures.js';

/** What a mail client reads from a quoted-printable text/plain body. */
async function decoded(body: string): Promise<string> {
  const email = await PostalMime.parse(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`);
  return email.text ?? '';
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const piece = fc.string({ unit: fc.oneof(fc.constantFrom(' ', '\t', '\n', '=', '.', 'é', 'ñ', '—', '😀', 'a'), fc.string({ maxLength: 1 })), maxLength: 200 });

describe('a body encoded once per profile', () => {
  it('decodes to the text it was made from, however its pieces and values fall, with no line over 76 characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.array(piece, { maxLength: 4 }), async (texts, names) => {
        // Printable text only: what the templates give (a lone CR is no part of a line in an email).
        const clean = (t: string) => t.replace(/\r/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        const slots = texts.slice(1).map((_, i) => `v${i}`);
        const segments = { texts: texts.map(clean), slots };
        const values = Object.fromEntries(slots.map((slot, i) => [slot, clean(names[i] ?? `value ${i}`)]));
        const body = encodeBody({ html: segments, text: segments });
        const filled = fillEncodedBody(body, values);
        for (const line of filled.text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(77);
        expect(filled.text).not.toMatch(/[^\r]\n|\r[^\n]/);
        const plain = fillSegments(segments, values, escapeForText);
        // A trailing line break is dropped by the parser; compare what a reader sees.
        expect((await decoded(filled.text)).replace(/\s+$/, '')).toBe(crlf(plain).replace(/\r\n/g, '\n').replace(/\s+$/, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps trailing spaces and an equals sign at the end of a piece as they were', async () => {
    const body = encodePiece('Hi = ') + encodePiece('Ana') + encodePiece(' =\nbye');
    expect(await decoded(body)).toBe('Hi = Ana =\nbye');
  });

  describe('sent through the pooled mailer', () => {
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      smtp = await startSmtpServer();
    });
    afterAll(async () => {
      await smtp.close();
    });

    it('arrives as the same html and text as the reader’s email filled in one go, and DKIM still verifies', async () => {
      const key = createDkimKey('lab.example.org', 'news');
      const settings = parseSettings({ PUBLIC_URL: 'https://news.lab.example.org', ORG_NAME: 'Social Data Lab', SMTP_URL: smtp.url, ...key.settings });
      const cache = await createTemplateCache(settings);
      const render = renderDigestProfile(cache, model());
      const reader = {
        name: 'Ana "=" Núñez <b>',
        preferencesUrl: 'https://news.lab.example.org/preferences/tok-1?x=1&y=2',
        unsubscribeUrl: 'https://news.lab.example.org/unsubscribe/tok-1',
      };
      const plain = fillDigest(render, reader);
      const encoded = fillEncodedBody(encodedBodyOf(render), readerValues(render, reader));
      expect(encodedBodyOf(render)).toBe(encodedBodyOf(render));
      const mailer = createMailer(settings);
      const mail = {
        from: 'Lab Digest <digest@lab.example.org>',
        to: 'ana@example.com',
        subject: plain.subject,
        html: plain.html,
        text: plain.text,
        list: { unsubscribeUrl: reader.unsubscribeUrl },
      };
      try {
        await mailer.send({ ...mail, messageId: '<d1.76@news.lab.example.org>' });
        await mailer.send({ ...mail, encoded, messageId: '<d1.77@news.lab.example.org>' });
      } finally {
        mailer.close();
      }
      const received = await smtp.waitFor(2);
      const inOneGo = received.find((m) => m.parsed.messageId === '<d1.76@news.lab.example.org>')!;
      const msg = received.find((m) => m.parsed.messageId === '<d1.77@news.lab.example.org>');
      // What a mail client reads is the same, byte for byte, as when Nodemailer encodes the whole email itself.
      expect(msg!.parsed.html).toBe(inOneGo.parsed.html);
      expect(msg!.parsed.text).toBe(inOneGo.parsed.text);
      expect(msg!.parsed.html.replace(/\n+$/, '')).toBe(plain.html.replace(/\n+$/, ''));
      expect(msg!.parsed.html).toContain('Ana &quot;=&quot; Núñez &lt;b&gt;');
      expect(msg!.parsed.html).toContain('href="https://news.lab.example.org/preferences/tok-1?x=1&amp;y=2"');
      expect(msg!.raw).toMatch(/Content-Type: text\/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable/);
      expect(msg!.raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
      const [verified] = await verifyWithMailauth(msg!.raw, key);
      expect(verified).toMatchObject({ result: 'pass', domain: 'lab.example.org' });
    });
  });
});
