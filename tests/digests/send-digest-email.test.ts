import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigestEmail } from '../../src/digests/send-digest-email.js';
import { markDigestCancelled, markWithdrawn, wasSent } from '../../src/jobs/delivery-guard.js';
import type { SendJob } from '../../src/jobs/digest-jobs.js';
import type { Mailer, OutgoingMail } from '../../src/mail/mailer.js';
import { createRedis } from '../../src/redis.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis-prefix.js';

/** A mailer that keeps what it accepts, or refuses with the next error given. */
function standInMailer() {
  const accepted: OutgoingMail[] = [];
  const refusals: Error[] = [];
  const mailer: Mailer = {
    async send(mail) {
      const refusal = refusals.shift();
      if (refusal) throw refusal;
      accepted.push(mail);
      return { messageId: mail.messageId };
    },
    close() {},
  };
  return { mailer, accepted, refuse: (err: Error) => refusals.push(err) };
}

const smtpError = (responseCode: number, command = 'DATA') => Object.assign(new Error(`${responseCode} refused`), { responseCode, command });

let count = 0;
function job(): SendJob {
  count += 1;
  return {
    digestId: 5,
    digestKey: `5.${1767225600000 + count}`,
    deliveryId: count,
    to: `reader${count}@example.org`,
    subject: 'November at the lab',
    html: '<p>Hi</p>',
    text: 'Hi',
    messageId: `<digest-5.${count}@labdigest.test>`,
    unsubscribeUrl: 'http://labdigest.test/unsubscribe/t',
  };
}

describe('sending one digest email (the send worker’s use case)', () => {
  const prefix = uniquePrefix('send-digest-email');
  let redis: Redis;
  beforeAll(() => {
    redis = createRedis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await deletePrefix(prefix);
  });
  const first = { number: 1, last: false };

  it('sends once, marks it sent, and on a repeat reports sent again without sending', async () => {
    const { mailer, accepted } = standInMailer();
    const deps = { redis, prefix, mailer, from: 'Lab <digest@lab.example.org>' };
    const data = job();
    const outcome = await sendDigestEmail(deps, data, first);
    const report = { type: 'sent', digestId: 5, deliveryId: data.deliveryId, messageId: data.messageId, attempts: 1 };
    expect(outcome).toEqual({ kind: 'sent', report });
    expect(accepted).toEqual([
      {
        from: deps.from,
        to: data.to,
        subject: data.subject,
        html: data.html,
        text: data.text,
        messageId: data.messageId,
        list: { unsubscribeUrl: data.unsubscribeUrl },
      },
    ]);
    expect(await wasSent(redis, prefix, data.messageId)).toBe(true);

    expect(await sendDigestEmail(deps, data, { number: 2, last: false })).toEqual({ kind: 'already sent', report: { ...report, attempts: 2 } });
    expect(accepted).toHaveLength(1);
  });

  it('sends nothing and reports nothing for a cancelled digest or a reader who left', async () => {
    const { mailer, accepted } = standInMailer();
    const deps = { redis, prefix, mailer, from: 'lab@example.org' };
    const cancelled = job();
    await markDigestCancelled(redis, prefix, cancelled.digestKey);
    expect(await sendDigestEmail(deps, cancelled, first)).toEqual({ kind: 'cancelled', report: null });
    const left = job();
    await markWithdrawn(redis, prefix, [left.messageId]);
    expect(await sendDigestEmail(deps, left, first)).toEqual({ kind: 'reader left', report: null });
    expect(accepted).toHaveLength(0);
  });

  it('reports a refusal at once, a transient failure only on the last attempt', async () => {
    const { mailer, refuse } = standInMailer();
    const deps = { redis, prefix, mailer, from: 'lab@example.org' };

    const dead = job();
    refuse(smtpError(550, 'RCPT TO'));
    const refused = await sendDigestEmail(deps, dead, first);
    expect(refused).toMatchObject({ kind: 'failed', permanent: true });
    expect(refused.report).toEqual({
      type: 'send-failed',
      digestId: 5,
      deliveryId: dead.deliveryId,
      error: '550 refused',
      attempts: 1,
      recipientRejected: true,
    });

    // A 4xx about one reader (greylisting at RCPT TO) is that reader's, retried before it fails.
    const busy = job();
    refuse(smtpError(450, 'RCPT TO'));
    expect(await sendDigestEmail(deps, busy, first)).toMatchObject({ kind: 'failed', permanent: false, report: null });
    refuse(smtpError(450, 'RCPT TO'));
    const last = await sendDigestEmail(deps, busy, { number: 6, last: true });
    expect(last.report).toEqual({ type: 'send-failed', digestId: 5, deliveryId: busy.deliveryId, error: '450 refused', attempts: 6, recipientRejected: false });
    expect(await wasSent(redis, prefix, busy.messageId)).toBe(false);
  });

  it("reports a relay that is away as the relay's, never as a failure, even on the last attempt", async () => {
    const { mailer, refuse } = standInMailer();
    const deps = { redis, prefix, mailer, from: 'lab@example.org' };
    const waiting = job();
    refuse(smtpError(451));
    const outcome = await sendDigestEmail(deps, waiting, { number: 6, last: true });
    expect(outcome.kind).toBe('relay down');
    expect(outcome.report).toMatchObject({ type: 'relay-down', digestId: 5, deliveryId: waiting.deliveryId, error: '451 refused' });
    expect(Number.isNaN(Date.parse((outcome.report as { at: string }).at))).toBe(false);
    expect(await wasSent(redis, prefix, waiting.messageId)).toBe(false);
  });
});
