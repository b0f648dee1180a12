import { readdirSync } from 'node:fs';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MailJob } from '../../src/jobs/mail-job.js';
import { MAIL_QUEUE } from '../../src/jobs/mail-job.js';
import { createMailer } from '../../src/mail/mailer.js';
import { createRedis } from '../../src/redis.js';
import { outboxRecipientPart } from '../../src/mail/mailer.js';
import { signToken } from '../../src/tokens/tokens.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FORM, settledMailJobs, subscriberByEmail } from '../routes/public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

const ERASED = 'ann@lab.example';
// Shares a suffix with ERASED once made file-safe: its files must survive.
const LOOKALIKE = 'jo-ann@lab.example';
const OTHER = 'bob@lab.example';

const job = (to: string): MailJob => ({ template: 'confirm', to, name: null, language: 'en', confirmUrl: 'http://labdigest.test/confirm/x' });

function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

describe('erasure removes mail jobs and outbox copies', () => {
  let t: TestApp;

  /** Per address, the states of its mail jobs, sorted. */
  async function jobStates(): Promise<Record<string, string[]>> {
    const jobs = await t.ctx.queues.mail.getJobs(['waiting', 'delayed', 'failed', 'completed', 'prioritized', 'active']);
    const out: Record<string, string[]> = {};
    for (const j of jobs) {
      out[j.data.to] ??= [];
      out[j.data.to]!.push(await j.getState());
    }
    for (const k of Object.keys(out)) out[k]!.sort();
    return out;
  }

  /** Recipient part of each outbox file name, sorted. */
  const outbox = () =>
    readdirSync(t.config.OUTBOX_DIR)
      .map((n) => /^[^-]+-(.+)-[0-9a-f]+\.(eml|html)$/.exec(n)!)
      .map((m) => `${m[1]}.${m[2]}`)
      .sort();

  /** One failed, one completed, one delayed and one waiting mail job, and one outbox email, per address. */
  async function leaveTraces(addresses: string[]) {
    const connection = createRedis(t.config.REDIS_URL);
    const worker = new Worker<MailJob>(
      MAIL_QUEUE,
      async (j) => {
        if (j.name === 'fail') throw new UnrecoverableError('mailbox refused');
      },
      { connection, prefix: t.config.QUEUE_PREFIX },
    );
    for (const to of addresses) {
      await t.ctx.queues.mail.add('fail', job(to));
      await t.ctx.queues.mail.add('done', job(to));
    }
    await until('failed and completed jobs', async () => {
      const counts = await t.ctx.queues.mail.getJobCounts('failed', 'completed');
      return counts.failed === addresses.length && counts.completed === addresses.length ? true : undefined;
    });
    await worker.close();
    connection.disconnect();
    for (const to of addresses) {
      await t.ctx.queues.mail.add('later', job(to), { delay: 60_000 });
      await t.ctx.queues.mail.add('now', job(to));
    }
    const mailer = createMailer(t.config);
    for (const to of addresses) {
      await mailer.send({ from: t.config.MAIL_FROM, to, subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', messageId: `<${to.replace('@', '.')}@labdigest.test>` });
    }
    mailer.close();
  }

  // Each test has its own app: its own mail queue and outbox folder.
  beforeEach(async () => {
    t = await createTestApp('purge-traces', { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterEach(() => t.close());

  it('computes the recipient part the mailer puts in outbox file names', () => {
    expect(outboxRecipientPart('Ann.O+news@Lab.example')).toBe('ann.o_2bnews_40lab.example');
  });

  it('an admin erase removes the reader’s queued, failed and completed mail jobs and outbox files, and nobody else’s', async () => {
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email: ERASED, name: 'Ann', consent: true } });
    await settledMailJobs(t);
    await t.ctx.queues.mail.obliterate({ force: true });
    await leaveTraces([ERASED, LOOKALIKE, OTHER]);

    const all = ['completed', 'delayed', 'failed', 'waiting'];
    expect(await jobStates()).toEqual({ [ERASED]: all, [LOOKALIKE]: all, [OTHER]: all });
    const files = (who: string) => [`${outboxRecipientPart(who)}.eml`, `${outboxRecipientPart(who)}.html`];
    expect(outbox()).toEqual([...files(ERASED), ...files(LOOKALIKE), ...files(OTHER)].sort());

    const id = subscriberByEmail(t, ERASED)!.id;
    const res = await t.app.inject({ method: 'DELETE', url: `/api/admin/subscribers/${id}`, headers: t.admin });
    expect(res.statusCode).toBe(204);

    expect(await jobStates()).toEqual({ [LOOKALIKE]: all, [OTHER]: all });
    expect(outbox()).toEqual([...files(LOOKALIKE), ...files(OTHER)].sort());
  });

  it('the reader’s own “delete my data” removes them too', async () => {
    const email = 'cara@lab.example';
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true } });
    const id = subscriberByEmail(t, email)!.id;
    await t.app.inject({ method: 'POST', url: `/confirm/${signToken(t.config.SECRET_KEY, 'confirm', subjectOf(t, id))}` });
    await settledMailJobs(t);
    await t.ctx.queues.mail.add('later', job(email), { delay: 60_000 });
    // Someone else's traces, which must survive.
    await t.ctx.queues.mail.add('later', job(OTHER), { delay: 60_000 });
    const mailer = createMailer(t.config);
    await mailer.send({ from: t.config.MAIL_FROM, to: email, subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', messageId: '<cara@labdigest.test>' });
    await mailer.send({ from: t.config.MAIL_FROM, to: OTHER, subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', messageId: '<bob@labdigest.test>' });
    mailer.close();
    const before = await jobStates();
    expect(before[email]).toEqual(['delayed', 'waiting']);
    expect(before[OTHER]).toEqual(['delayed']);
    expect(outbox().filter((f) => f.startsWith('cara_40'))).toEqual(['cara_40lab.example.eml', 'cara_40lab.example.html']);

    const path = `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, id))}/delete`;
    const res = await t.app.inject({ method: 'POST', url: path, headers: FORM, payload: 'confirm=yes' });
    expect(res.statusCode).toBe(200);
    expect(subscriberByEmail(t, email)).toBeUndefined();

    const after = await jobStates();
    expect(after[email]).toBeUndefined();
    expect(after[OTHER]).toEqual(before[OTHER]);
    expect(outbox().filter((f) => f.startsWith('cara_40'))).toEqual([]);
    expect(outbox()).toContain(`${outboxRecipientPart(OTHER)}.eml`);
  });
});
