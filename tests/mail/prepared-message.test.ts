import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config.js';
import { encodePiece } from '../../src/mail/encoded-body.js';
import { createMailer } from '../../src/mail/mailer.js';
import { fitsPrepared } from '../../src/mail/prepared-message.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const body = (text: string) => encodePiece(text).replace(/=\r\n$/, '');
const html = '<p style="color:#333">Hola Ana — novedades = 3</p>\n'.repeat(40);
const text = 'Hola Ana — novedades de marzo.\n. a line starting with a dot\n'.repeat(20);

/** The headers a reader's client shows, in order, without the ones that differ between any two sends. */
async function readable(raw: string) {
  const email = await PostalMime.parse(raw);
  return {
    headers: email.headers.filter((h) => !['date', 'content-type'].includes(h.key)).map((h) => `${h.key}: ${h.value}`),
    html: email.html,
    text: email.text,
  };
}

describe('a digest email built once per profile', () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.close();
  });

  it('takes only header values Nodemailer writes as they are', () => {
    const ok = { to: 'ana.o+news@example.org', messageId: '<d1.2@news.example.org>', unsubscribeUrl: 'https://news.example.org/unsubscribe/tok?a=1&b=2' };
    expect(fitsPrepared(ok)).toBe(true);
    for (const to of [
      '"ana o"@example.org',
      'añа@example.org',
      'ana@exámple.org',
      'ana@example.org\r\nBcc: x@y.org',
      'ana',
      'ana.@example.org',
      'a..b@example.org',
      '.a@example.org',
      'a@-x.org',
      `${'a'.repeat(65)}@example.org`,
    ]) {
      expect(fitsPrepared({ ...ok, to })).toBe(false);
    }
    for (const unsubscribeUrl of [
      'https://news.example.org/u/a b',
      'https://news.example.org/u/<x>',
      'javascript:alert(1)',
      `https://x.org/${'a'.repeat(900)}`,
    ]) {
      expect(fitsPrepared({ ...ok, unsubscribeUrl })).toBe(false);
    }
    expect(fitsPrepared({ ...ok, messageId: '<a b@x.org>' })).toBe(false);
  });

  it('arrives exactly as the same email composed whole by Nodemailer, for any plain reader and subject', async () => {
    const settings = parseSettings({ PUBLIC_URL: 'https://news.lab.example.org', ORG_NAME: 'Laboratorio de Datos "Sociales"', SMTP_URL: smtp.url });
    const mailer = createMailer(settings);
    const local = fc.stringMatching(/^[a-z0-9_%+'-]{1,10}(\.[a-z0-9_%+'-]{1,10}){0,2}$/);
    const subject = fc.string({ unit: fc.constantFrom('a', 'ñ', ' ', '—', '=', '?', '"', 'Z', '😀', ':'), minLength: 1, maxLength: 120 });
    const cases = fc.sample(fc.record({ local, subject, n: fc.nat(10_000) }), 12);
    try {
      for (const [i, c] of cases.entries()) {
        const mail = {
          from: `${settings.ORG_NAME} <digest@lab.example.org>`,
          to: `${c.local}@example.com`,
          subject: c.subject,
          html,
          text,
          encoded: { html: body(html), text: body(text) },
          list: { unsubscribeUrl: `https://news.lab.example.org/unsubscribe/tok-${c.n}` },
        };
        // Twice: the first builds the profile's message, the second reuses it.
        await mailer.send({ ...mail, messageId: `<p${i}.1@news.lab.example.org>` });
        await mailer.send({ ...mail, messageId: `<p${i}.2@news.lab.example.org>` });
        // The general path (no encoded body) is what Nodemailer composes from the same email.
        await mailer.send({ ...mail, encoded: undefined, messageId: `<w${i}.1@news.lab.example.org>` });
      }
    } finally {
      mailer.close();
    }
    const received = await smtp.waitFor(cases.length * 3);
    const byId = new Map(received.map((m) => [m.parsed.messageId, m]));
    for (const [i, c] of cases.entries()) {
      const whole = await readable(byId.get(`<w${i}.1@news.lab.example.org>`)!.raw);
      for (const k of [1, 2]) {
        const msg = byId.get(`<p${i}.${k}@news.lab.example.org>`)!;
        expect(msg.envelope).toEqual({ from: 'digest@lab.example.org', to: [`${c.local}@example.com`] });
        const got = await readable(msg.raw);
        expect(got.html).toBe(whole.html);
        expect(got.text).toBe(whole.text);
        expect(got.headers).toEqual(whole.headers.map((h) => (h.startsWith('message-id:') ? `message-id: <p${i}.${k}@news.lab.example.org>` : h)));
        expect(msg.raw).toMatch(/\r\nDate: \w{3}, \d\d \w{3} 20\d\d \d\d:\d\d:\d\d \+0000\r\n/);
        expect(msg.raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
      }
    }
    expect(received.find((m) => m.parsed.messageId === '<p0.1@news.lab.example.org>')!.parsed.subject).toBe(cases[0]!.subject);
    // Built once per profile: a profile's emails share one MIME boundary, which Nodemailer draws anew for each email it composes.
    const boundary = (id: string) => /boundary="([^"]+)"/.exec(byId.get(id)!.raw)?.[1];
    for (const i of cases.keys()) {
      expect(boundary(`<p${i}.1@news.lab.example.org>`)).toBe(boundary(`<p${i}.2@news.lab.example.org>`));
      expect(boundary(`<p${i}.1@news.lab.example.org>`)).not.toBe(boundary(`<w${i}.1@news.lab.example.org>`));
    }
  });

  it('sends a reader whose values do not fit, and a subject that looks like a mark, the general way', async () => {
    const settings = parseSettings({ PUBLIC_URL: 'https://news.lab.example.org', SMTP_URL: smtp.url });
    const mailer = createMailer(settings);
    const mail = {
      from: 'Lab <digest@lab.example.org>',
      subject: 'Thu, 01 Jan 1970 00:00:00 +0000',
      html,
      text,
      encoded: { html: body(html), text: body(text) },
      list: { unsubscribeUrl: 'https://news.lab.example.org/unsubscribe/tok-9' },
    };
    try {
      await mailer.send({
        ...mail,
        to: 'ana@example.com',
        messageId: '<q1@news.lab.example.org>',
        list: { unsubscribeUrl: 'https://news.lab.example.org/unsubscribe/tok 9' },
      });
      await mailer.send({ ...mail, to: 'ana@example.com', messageId: '<q2@news.lab.example.org>' });
      await mailer.send({
        ...mail,
        to: 'ana@example.com',
        subject: 'ldslot0to',
        messageId: '<q3@news.lab.example.org>',
        envelope: { from: 'b+1@lab.example.org', to: 'ana@example.com' },
      });
    } finally {
      mailer.close();
    }
    const received = await smtp.waitFor(3);
    const q = (id: string) => received.find((m) => m.parsed.messageId === id)!;
    expect(q('<q1@news.lab.example.org>').parsed.headers['list-unsubscribe']).toContain('<https://news.lab.example.org/unsubscribe/tok9>');
    expect(q('<q2@news.lab.example.org>').parsed.subject).toBe('Thu, 01 Jan 1970 00:00:00 +0000');
    expect(q('<q2@news.lab.example.org>').raw).not.toContain('Date: Thu, 01 Jan 1970');
    expect(q('<q3@news.lab.example.org>').envelope.from).toBe('b+1@lab.example.org');
    for (const id of ['<q1@news.lab.example.org>', '<q2@news.lab.example.org>', '<q3@news.lab.example.org>']) {
      expect((await readable(q(id).raw)).html).toBe((await readable(q('<q2@news.lab.example.org>').raw)).html);
    }
  });
});
