import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOUNCE_LIMITS } from '../../src/bounces/bounce-limits.js';
import { parseBounceMessage } from '../../src/bounces/parse-bounce.js';
import { parseVerp } from '../../src/bounces/verp.js';

/** The key and bounce address the fixtures' VERP addresses were made with (testConfig's SECRET_KEY). */
const KEY = 'test-secret-key-0123456789abcdefghijklmnop';
const BOUNCES = 'bounces@lab.example.org';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/bounces/${name}`, import.meta.url));
const parse = (raw: Uint8Array | string) => parseBounceMessage(raw, { verp: (a) => parseVerp(a, BOUNCES, KEY) });
const digestId = (uuid: string) => `<digest-7.${uuid}@labdigest.test>`;

describe('reading bounces (RFC 3464)', () => {
  it('Postfix: a hard bounce with the delivery in Delivered-To and the returned message', async () => {
    const p = await parse(fixture('postfix-hard.eml'));
    expect(p).toMatchObject({ class: 'hard-bounce', status: '5.1.1', recipient: 'gone@uni-example.edu' });
    expect(p.diagnostic).toBe('550 5.1.1 <gone@uni-example.edu>: Recipient address rejected: User unknown in local recipient table');
    expect(p.recipients).toEqual([
      {
        action: 'failed',
        status: '5.1.1',
        finalRecipient: 'gone@uni-example.edu',
        originalRecipient: 'gone@uni-example.edu',
        diagnostic: p.diagnostic,
        kind: 'hard-bounce',
      },
    ]);
    expect(p.returned).toEqual({
      messageId: digestId('d17b2f47-5289-4c5b-8d7f-319d5b7241b6'),
      to: ['gone@uni-example.edu'],
      returnPath: 'bounces+2t-24dfe48d980be95d@lab.example.org',
    });
    expect(p.match.verpDeliveryId).toBe(101);
    expect(p.messageId).toBe('<4Xk9Qd1Jq2z9sRt.1793610014@mail.lab.example.org>');
  });

  it('Postfix: a delay warning (4.2.2) is a soft bounce, returned headers only', async () => {
    const p = await parse(fixture('postfix-delayed.eml'));
    expect(p).toMatchObject({ class: 'soft-bounce', status: '4.2.2', recipient: 'full@uni-example.edu' });
    expect(p.recipients[0]).toMatchObject({ action: 'delayed', kind: 'soft-bounce' });
    expect(p.match).toEqual({ verpDeliveryId: 102, messageIds: [digestId('d6c43d91-0a16-4921-bd5e-0236aed0089e')], addresses: ['full@uni-example.edu'] });
  });

  it('Exim: Status 5.0.0 takes the specific code of its diagnostic; no VERP, the References header names our message', async () => {
    const p = await parse(fixture('exim-hard.eml'));
    expect(p).toMatchObject({ class: 'hard-bounce', status: '5.1.1', recipient: 'ghost@exim-example.org', returned: null });
    expect(p.recipients[0]).toMatchObject({ finalRecipient: 'ghost@exim-example.org', originalRecipient: null, action: 'failed' });
    expect(p.match).toEqual({ verpDeliveryId: null, messageIds: [digestId('a98f7d38-3061-4b71-bd91-cc4b548cb554')], addresses: ['ghost@exim-example.org'] });
  });

  it('Microsoft (Exchange Online NDR): 5.1.10, matched by the returned Message-ID', async () => {
    const p = await parse(fixture('microsoft-ndr.eml'));
    expect(p).toMatchObject({ class: 'hard-bounce', status: '5.1.10', recipient: 'nobody@contoso-example.com' });
    expect(p.diagnostic).toBe('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup');
    expect(p.returned?.to).toEqual(['nobody@contoso-example.com']);
    expect(p.match.verpDeliveryId).toBeNull();
    expect(p.match.messageIds).toEqual([digestId('99f5f324-7abc-4b03-bded-4edc4a576ee6')]);
  });

  it('Gmail: a hard bounce and a delay, each with its delivery', async () => {
    const hard = await parse(fixture('gmail-hard.eml'));
    expect(hard).toMatchObject({ class: 'hard-bounce', status: '5.1.1', recipient: 'nosuchreader@gmail.com' });
    expect(hard.diagnostic).toMatch(/^550-5\.1\.1 The email account that you tried to reach does not exist\./);
    expect(hard.match.verpDeliveryId).toBe(105);
    const delayed = await parse(fixture('gmail-delayed.eml'));
    expect(delayed).toMatchObject({ class: 'soft-bounce', status: '4.2.2', recipient: 'fullreader@gmail.com' });
    expect(delayed.match).toEqual({ verpDeliveryId: 106, messageIds: [digestId('a14bd004-6cbf-4126-906e-b1149b67aff6')], addresses: ['fullreader@gmail.com'] });
  });

  it('a mangled bounce without a report is still read: its status from the text, its delivery from VERP alone', async () => {
    const p = await parse(fixture('mangled.eml'));
    expect(p).toMatchObject({ class: 'hard-bounce', reason: 'bounce without a report', status: '5.1.1', recipient: null });
    expect(p.match).toEqual({ verpDeliveryId: 109, messageIds: [], addresses: [] });
  });

  it('a report whose recipients were all delivered is not a bounce', async () => {
    const raw = fixture('postfix-hard.eml').toString('utf8').replace('Action: failed\nStatus: 5.1.1', 'Action: delivered\nStatus: 2.0.0');
    const p = await parse(raw);
    expect(p.class).toBe('unrelated');
  });
});

describe('reading complaints (RFC 5965)', () => {
  it('Yahoo: the envelope sender in Original-Mail-From names the delivery', async () => {
    const p = await parse(fixture('yahoo-arf.eml'));
    expect(p).toMatchObject({ class: 'complaint', recipient: 'complainer@yahoo.com', diagnostic: 'Feedback-Type: abuse (Yahoo!-Mail-Feedback/2.0)' });
    expect(p.feedback).toMatchObject({
      feedbackType: 'abuse',
      originalMailFrom: 'bounces+2z-189e227b10f1b596@lab.example.org',
      originalRcptTo: ['complainer@yahoo.com'],
    });
    expect(p.returned).toMatchObject({ messageId: digestId('9d900a1b-3fb6-4707-a919-a2b12ec6f945'), to: ['complainer@yahoo.com'] });
    expect(p.match.verpDeliveryId).toBe(107);
  });

  it('Microsoft (JMRP): the reader is redacted, the original Message-ID names the delivery', async () => {
    const p = await parse(fixture('microsoft-jmrp.eml'));
    expect(p).toMatchObject({ class: 'complaint', diagnostic: 'Feedback-Type: abuse (Hotmail FBL)' });
    expect(p.match.verpDeliveryId).toBeNull();
    expect(p.match.messageIds).toEqual([digestId('f7cd5a0d-257c-4011-ae00-ffdc065a3b7a')]);
  });

  it('a not-spam report is not a complaint', async () => {
    const p = await parse(fixture('yahoo-arf.eml').toString('utf8').replace('Feedback-Type: abuse', 'Feedback-Type: not-spam'));
    expect(p).toMatchObject({ class: 'unrelated', reason: 'feedback report of type not-spam' });
  });
});

describe('mail to leave alone', () => {
  it('an out-of-office answer sent to a VERP address is an auto-reply', async () => {
    const p = await parse(fixture('auto-reply.eml'));
    expect(p).toMatchObject({ class: 'auto-reply', reason: 'Auto-Submitted: auto-replied' });
  });

  it('auto-replies are recognised by X-Autoreply, Precedence or a vacation subject alone', async () => {
    const plain = (headers: string) => `From: a@example.net\nTo: bounces@lab.example.org\n${headers}\n\nbody\n`;
    expect((await parse(plain('Subject: Hello\nX-Autoreply: yes'))).class).toBe('auto-reply');
    expect((await parse(plain('Subject: Hello\nPrecedence: auto_reply'))).class).toBe('auto-reply');
    expect((await parse(plain('Subject: Automatic reply: your digest'))).class).toBe('auto-reply');
    expect((await parse(plain('Subject: Respuesta automática: boletín'))).class).toBe('auto-reply');
    expect((await parse(plain('Subject: Hello\nAuto-Submitted: no'))).class).toBe('unrelated');
  });

  it('a person writing to the bounce address is unrelated', async () => {
    const p = await parse(fixture('unrelated.eml'));
    expect(p).toMatchObject({ class: 'unrelated', match: { verpDeliveryId: null, messageIds: [], addresses: [] } });
  });

  it('a message over the size limit is left alone unread', async () => {
    const big = `${fixture('postfix-hard.eml').toString('utf8')}${'x'.repeat(BOUNCE_LIMITS.maxMessageBytes)}`;
    const p = await parse(big);
    expect(p.class).toBe('unrelated');
    expect(p.reason).toMatch(/over/);
  });

  it('a message with too many parts is left alone', async () => {
    const parts = Array.from(
      { length: BOUNCE_LIMITS.maxParts + 1 },
      (_, i) => `--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=f${i}\n\nx\n`,
    ).join('');
    const p = await parse(`From: mailer-daemon@x.example\nSubject: Undelivered\nContent-Type: multipart/mixed; boundary=b\n\n${parts}--b--\n`);
    expect(p).toMatchObject({ class: 'unrelated' });
    expect(p.reason).toMatch(/parts/);
  });

  it('a delivery-status report with more recipients than the limit reads only the first ones', async () => {
    const groups = Array.from(
      { length: BOUNCE_LIMITS.maxRecipients + 10 },
      (_, i) => `Final-Recipient: rfc822; r${i}@example.net\nAction: failed\nStatus: 5.1.1\n`,
    ).join('\n');
    const raw = `From: MAILER-DAEMON@x.example\nSubject: Undelivered\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x.example\n\n${groups}\n--b--\n`;
    const p = await parse(raw);
    expect(p.class).toBe('hard-bounce');
    expect(p.recipients).toHaveLength(BOUNCE_LIMITS.maxRecipients);
  });
});
