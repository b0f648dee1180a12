import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderCache } from '../../src/digests/render-cache.js';
import { finalFailureReport, sendDigestBatch } from '../../src/digests/send-digest-email.js';
import { markDigestCancelled, markDigestPaused, markSent, markWithdrawn, wasSent } from '../../src/jobs/delivery-guard.js';
import type { SendJob, SendReader } from '../../src/jobs/digest-jobs.js';
import { renderKeyOf, storeProfileRenders } from '../../src/jobs/profile-renders.js';
import type { ProfileRender } from '../../src/mail/digest-email.js';
import type { Mailer, OutgoingMail } from '../../src/mail/mailer.js';
import { createRedis } from '../../src/redis.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis-prefix.js';

/** A mailer that keeps what it accepts, or refuses an address once with the error given for it. */
function standInMailer() {
  const accepted: OutgoingMail[] = [];
  const refusals = new Map<string, Error>();
  const mailer: Mailer = {
    async send(mail) {
      const refusal = refusals.get(mail.to);
      if (refusal) {
        refusals.delete(mail.to);
        throw refusal;
      }
      accepted.push(mail);
      return { messageId: mail.messageId };
    },
    close() {},
  };
  return { mailer, accepted, refuse: (to: string, err: Error) => refusals.set(to, err) };
}

const smtpError = (responseCode: number, command = 'DATA') => Object.assign(new Error(`${responseCode} refused`), { responseCode, command });

const RENDER: ProfileRender = {
  language: 'en',
  subject: 'November at the lab',
  html: { texts: ['<p>', '</p><a href="', '">unsubscribe</a>'], slots: ['greeting', 'unsubscribeUrl'] },
  text: { texts: ['', '\nUnsubscribe: ', ''], slots: ['greeting', 'unsubscribeUrl'] },
};

let count = 0;
/** A reader of a batch, with their own values only. */
function reader(): SendReader {
  count += 1;
  return {
    deliveryId: count,
    to: `reader${count}@example.org`,
    messageId: `<digest-5.${count}@labdigest.test>`,
    name: `Reader ${count}`,
    preferencesUrl: `http://labdigest.test/preferences/t${count}`,
    unsubscribeUrl: `http://labdigest.test/unsubscribe/t${count}`,
  };
}

/** A batch of `n` readers of a digest whose render is stored (unless told not to). */
async function batch(n: number, opts: { stored?: boolean } = {}): Promise<SendJob> {
  count += 1;
  const data: SendJob = { digestId: 5, digestKey: `5.${1767225600000 + count}`, batch: count, profileKey: 'p1', readers: Array.from({ length: n }, reader) };
  if (opts.stored ?? true) await storeProfileRenders(redis, prefix, data.digestKey, [{ profileKey: 'p1', render: RENDER }], 60);
  return data;
}

const prefix = uniquePrefix('send-digest-email');
let redis: Redis;

describe('sending one batch of digest emails (the send worker’s use case)', () => {
  beforeAll(() => {
    redis = createRedis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await deletePrefix(prefix);
  });
  const first = { number: 1, last: false };
  const depsOf = (mailer: Mailer, concurrency = 3) => ({
    redis,
    prefix,
    mailer,
    from: 'Lab <digest@lab.example.org>',
    renders: createRenderCache(),
    concurrency,
  });

  it('fills each reader in, sends each once, marks them sent, and on a repeat reports them sent without sending', async () => {
    const { mailer, accepted } = standInMailer();
    const deps = depsOf(mailer);
    const data = await batch(3);
    const outcome = await sendDigestBatch(deps, data, first);
    const sent = data.readers.map((r) => ({ deliveryId: r.deliveryId, messageId: r.messageId }));
    expect(outcome).toEqual({
      kind: 'done',
      report: { type: 'send-batch', digestId: 5, batch: data.batch, attempts: 1, sent: expect.arrayContaining(sent), failed: [] },
      relayDown: null,
      retry: null,
    });
    expect(accepted.map((m) => m.to).sort()).toEqual(data.readers.map((r) => r.to).sort());
    const ana = accepted.find((m) => m.to === data.readers[0]!.to)!;
    expect(ana).toEqual({
      from: deps.from,
      to: data.readers[0]!.to,
      subject: 'November at the lab',
      html: `<p>Hi ${data.readers[0]!.name},</p><a href="${data.readers[0]!.unsubscribeUrl}">unsubscribe</a>`,
      text: `Hi ${data.readers[0]!.name},\nUnsubscribe: ${data.readers[0]!.unsubscribeUrl}`,
      messageId: data.readers[0]!.messageId,
      list: { unsubscribeUrl: data.readers[0]!.unsubscribeUrl },
      // The same body, quoted-printable encoded from the profile's pieces (tests/mail/encoded-body.test.ts decodes it).
      encoded: { html: expect.stringContaining('unsubscribe</a>'), text: expect.stringContaining('http://labdigest.test/unsubscribe/') },
    });
    for (const r of data.readers) expect(await wasSent(redis, prefix, r.messageId)).toBe(true);

    // The worker keeps the render it read: the repeat needs none from Redis.
    await redis.del(renderKeyOf(prefix, data.digestKey, 'p1'));
    const again = await sendDigestBatch(deps, data, { number: 2, last: false });
    expect(again).toMatchObject({ kind: 'done', report: { attempts: 2, sent: expect.arrayContaining(sent), failed: [] }, retry: null });
    expect(accepted).toHaveLength(3);
  });

  it('sends nothing for a cancelled digest, puts a paused one back, and leaves out a reader who left', async () => {
    const { mailer, accepted } = standInMailer();
    const cancelled = await batch(2);
    await markDigestCancelled(redis, prefix, cancelled.digestKey);
    expect(await sendDigestBatch(depsOf(mailer), cancelled, first)).toEqual({ kind: 'cancelled' });
    const paused = await batch(2);
    await markDigestPaused(redis, prefix, paused.digestKey);
    expect(await sendDigestBatch(depsOf(mailer), paused, first)).toEqual({ kind: 'paused' });
    expect(accepted).toHaveLength(0);

    const withLeaver = await batch(3);
    await markWithdrawn(redis, prefix, [withLeaver.readers[1]!.messageId]);
    const outcome = await sendDigestBatch(depsOf(mailer), withLeaver, first);
    expect(outcome).toMatchObject({ kind: 'done', retry: null });
    expect(accepted.map((m) => m.to).sort()).toEqual([withLeaver.readers[0]!.to, withLeaver.readers[2]!.to].sort());
  });

  it('asks the owner for a render it cannot find', async () => {
    const { mailer, accepted } = standInMailer();
    const data = await batch(2, { stored: false });
    const outcome = await sendDigestBatch(depsOf(mailer), data, first);
    expect(outcome).toMatchObject({ kind: 'profile missing', report: { type: 'profile-missing', digestId: 5, profileKey: 'p1' } });
    expect(accepted).toHaveLength(0);
  });

  it('reports a refusal at once, keeps a transient failure for the next attempt, and fails it on the last', async () => {
    const { mailer, refuse, accepted } = standInMailer();
    const data = await batch(3);
    const [dead, busy, fine] = data.readers as [SendReader, SendReader, SendReader];
    refuse(dead.to, smtpError(550, 'RCPT TO'));
    refuse(busy.to, smtpError(450, 'RCPT TO'));
    const outcome = await sendDigestBatch(depsOf(mailer), data, first);
    expect(outcome).toMatchObject({
      kind: 'done',
      report: {
        sent: [{ deliveryId: fine.deliveryId, messageId: fine.messageId }],
        failed: [{ deliveryId: dead.deliveryId, error: '550 refused', recipientRejected: true }],
      },
      relayDown: null,
      retry: { readers: [busy], reason: 'error' },
    });

    // The worker sends the batch again with only the reader still waiting; on its last attempt it fails.
    refuse(busy.to, smtpError(450, 'RCPT TO'));
    const last = await sendDigestBatch(depsOf(mailer), { ...data, readers: [busy] }, { number: 6, last: true });
    expect(last).toMatchObject({
      kind: 'done',
      report: { attempts: 6, sent: [], failed: [{ deliveryId: busy.deliveryId, error: '450 refused', recipientRejected: false }] },
      retry: null,
    });
    expect(await wasSent(redis, prefix, busy.messageId)).toBe(false);
    expect(accepted.map((m) => m.to)).toEqual([fine.to]);
  });

  it("reports a relay that is away as the relay's, never as a failure, even on the last attempt", async () => {
    const { mailer, refuse } = standInMailer();
    const data = await batch(2);
    const [waiting, lucky] = data.readers as [SendReader, SendReader];
    refuse(waiting.to, smtpError(451));
    const outcome = await sendDigestBatch(depsOf(mailer), data, { number: 6, last: true });
    expect(outcome).toMatchObject({
      kind: 'done',
      report: { sent: [{ deliveryId: lucky.deliveryId }], failed: [] },
      relayDown: { type: 'relay-down', digestId: 5, deliveryId: waiting.deliveryId, error: '451 refused' },
      retry: { readers: [waiting], reason: 'relay' },
    });
    expect(await wasSent(redis, prefix, waiting.messageId)).toBe(false);
  });

  it('stops a batch in progress within moments of a pause: the readers not started wait', async () => {
    const data = await batch(4);
    const accepted: string[] = [];
    const mailer: Mailer = {
      async send(mail) {
        // The first email is slow; the digest is paused while it is on its way.
        if (accepted.length === 0) {
          await markDigestPaused(redis, prefix, data.digestKey);
          await new Promise((resolve) => setTimeout(resolve, 600));
        }
        accepted.push(mail.to);
        return { messageId: mail.messageId };
      },
      close() {},
    };
    const outcome = await sendDigestBatch(depsOf(mailer, 1), data, first);
    expect(accepted).toEqual([data.readers[0]!.to]);
    expect(outcome).toMatchObject({
      kind: 'done',
      report: { sent: [{ deliveryId: data.readers[0]!.deliveryId }] },
      retry: { readers: data.readers.slice(1), reason: 'paused' },
    });
  });

  it('reports a batch that died of an unexpected error by each reader’s marks: sent ones sent, withdrawn ones not at all, the rest failed', async () => {
    const data = await batch(3);
    const [sent, withdrawn, waiting] = data.readers;
    await markSent(redis, prefix, sent!.messageId);
    await markWithdrawn(redis, prefix, [withdrawn!.messageId]);
    expect(await finalFailureReport(redis, prefix, data, 5, 'Connection is closed.')).toEqual({
      type: 'send-batch',
      digestId: 5,
      batch: data.batch,
      attempts: 5,
      sent: [{ deliveryId: sent!.deliveryId, messageId: sent!.messageId }],
      failed: [{ deliveryId: waiting!.deliveryId, error: 'Connection is closed.', recipientRejected: false }],
    });
  });
});
