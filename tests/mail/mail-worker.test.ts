import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config.js';
import type { MailJob } from '../../src/jobs/mail-job.js';
import { createQueues, type Queues } from '../../src/jobs/queues.js';
import { createLogger } from '../../src/logger.js';
import { createRedis } from '../../src/redis.js';
import { createMailParts, type MailParts } from '../../workers/mail-parts.js';
import { startMailWorker } from '../../workers/mail-worker.js';
import { startWorkers } from '../../workers/start.js';
import { deletePrefix } from '../helpers/redis-prefix.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { testConfig } from '../helpers/test-config.js';
import { hrefs, visibleText } from './fixtures.js';

const logger = createLogger('silent');

/** Waits until the job reaches a final state or the deadline passes. */
function settled(queue: Queue<MailJob>, id: string, timeoutMs = 8000): Promise<{ state: string; job: Job<MailJob> }> {
  return vi.waitFor(
    async () => {
      const state = await queue.getJobState(id);
      if (state !== 'completed' && state !== 'failed') throw new Error(`job ${id} still ${state} after ${timeoutMs} ms`);
      // Read the job after its final state, so attempts and reasons are the final ones.
      return { state, job: (await queue.getJob(id))! };
    },
    { timeout: timeoutMs, interval: 25 },
  );
}

const confirm = (over: Partial<Extract<MailJob, { template: 'confirm' }>> = {}): MailJob => ({
  template: 'confirm',
  to: 'ana@example.com',
  name: 'Ana',
  language: 'en',
  confirmUrl: 'http://labdigest.test/confirm/tok-confirm-1',
  ...over,
});
const manage = (over: Partial<Extract<MailJob, { template: 'manage' }>> = {}): MailJob => ({
  template: 'manage',
  to: 'ben@example.com',
  name: null,
  language: 'en',
  preferencesUrl: 'http://labdigest.test/preferences/tok-pref-1',
  unsubscribeUrl: 'http://labdigest.test/unsubscribe/tok-unsub-1',
  ...over,
});

describe('mail worker through the real queue and SMTP', () => {
  let smtp: TestSmtpServer;
  let config: Config;
  let redis: Redis;
  let queues: Queues;
  let worker: { close(): Promise<void> };
  let mail: MailParts;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    config = testConfig('mail-worker', {
      SMTP_URL: smtp.url,
      MAIL_TRANSACTIONAL_FROM: 'Social Data Lab <no-reply@lab.example.org>',
      ORG_NAME: 'Social Data Lab',
    });
    redis = createRedis(config.REDIS_URL);
    queues = createQueues(redis, config.QUEUE_PREFIX);
    mail = await createMailParts(config, logger);
    worker = await startMailWorker(config, logger, mail);
  });
  afterAll(async () => {
    await worker.close();
    mail.mailer.close();
    await queues.close();
    await deletePrefix(config.QUEUE_PREFIX);
    redis.disconnect();
    await smtp.close();
  });

  it('delivers confirm and manage emails in English and Spanish', async () => {
    smtp.messages.length = 0;
    await queues.mail.addBulk([
      { name: 'confirm', data: confirm() },
      { name: 'confirm', data: confirm({ to: 'eva@example.com', name: 'Eva', language: 'es', confirmUrl: 'http://labdigest.test/confirm/tok-es' }) },
      { name: 'manage', data: manage() },
      { name: 'manage', data: manage({ to: 'luz@example.com', name: 'Luz', language: 'es' }) },
    ]);
    const msgs = await smtp.waitFor(4);
    const to = (addr: string) => msgs.find((m) => m.envelope.to[0] === addr)!.parsed;

    const en = to('ana@example.com');
    expect(en.subject).toBe('Confirm your subscription to Social Data Lab');
    expect(en.from).toBe('no-reply@lab.example.org');
    expect(en.fromName).toBe('Social Data Lab');
    expect(hrefs(en.html)).toContain('http://labdigest.test/confirm/tok-confirm-1');
    expect(en.text).toContain('http://labdigest.test/confirm/tok-confirm-1');
    expect(visibleText(en.html)).toContain('Hi Ana,');
    expect(en.headers['list-unsubscribe']).toBeUndefined();
    expect(en.messageId).toMatch(/^<mail\.\d+\.\d+@labdigest\.test>$/);

    const es = to('eva@example.com');
    expect(es.subject).toBe('Confirma tu suscripción a Social Data Lab');
    expect(hrefs(es.html)).toContain('http://labdigest.test/confirm/tok-es');
    expect(es.text).toContain('Hola, Eva:');
    expect(visibleText(es.html)).toContain('Confirmar mi suscripción');

    const men = to('ben@example.com');
    expect(men.subject).toBe('Your link to manage your Social Data Lab subscription');
    expect(hrefs(men.html)).toEqual(expect.arrayContaining(['http://labdigest.test/preferences/tok-pref-1', 'http://labdigest.test/unsubscribe/tok-unsub-1']));
    expect(men.text).toContain('http://labdigest.test/preferences/tok-pref-1');
    expect(men.text).toContain('http://labdigest.test/unsubscribe/tok-unsub-1');
    expect(men.text).toContain('Hello,');

    const mes = to('luz@example.com');
    expect(mes.subject).toBe('Tu enlace para gestionar tu suscripción a Social Data Lab');
    expect(mes.text).toContain('Gestionar mis preferencias: http://labdigest.test/preferences/tok-pref-1');
    expect(visibleText(mes.html)).toContain('Hola, Luz:');
    for (const m of msgs) expect(m.parsed.from).toBe('no-reply@lab.example.org');
  });

  it('fails an invalid payload at once, without retrying or sending', async () => {
    smtp.messages.length = 0;
    const bad = { ...confirm(), confirmUrl: 'not a url' } as MailJob;
    const job = await queues.mail.add('confirm', bad, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    const { state, job: done } = await settled(queues.mail, job.id!);
    expect(state).toBe('failed');
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/invalid mail job/);
    const scriptUrl = await queues.mail.add('confirm', confirm({ confirmUrl: 'javascript:alert(1)' }), { attempts: 3 });
    const second = await settled(queues.mail, scriptUrl.id!);
    expect(second.state).toBe('failed');
    expect(second.job.attemptsMade).toBe(1);
    expect(smtp.messages).toHaveLength(0);
  });

  it('stops on a permanent SMTP refusal (550) and retries a transient one (451) until it is sent', async () => {
    smtp.messages.length = 0;
    smtp.failNext(550);
    const refused = await queues.mail.add('confirm', confirm({ to: 'gone@example.com' }), { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    const r = await settled(queues.mail, refused.id!);
    expect(r.state).toBe('failed');
    expect(r.job.attemptsMade).toBe(1);
    expect(r.job.failedReason).toMatch(/550/);

    smtp.failNext(451, 2);
    const deferred = await queues.mail.add('confirm', confirm({ to: 'later@example.com' }), { attempts: 4, backoff: { type: 'fixed', delay: 10 } });
    const d = await settled(queues.mail, deferred.id!);
    expect(d.state).toBe('completed');
    expect(d.job.attemptsMade).toBe(3);
    const [msg] = await smtp.waitFor(1);
    expect(msg!.envelope.to).toEqual(['later@example.com']);
    expect(smtp.messages).toHaveLength(1);
    expect(d.job.returnvalue).toEqual({ messageId: msg!.parsed.messageId });
  });
});

describe('mail worker without SMTP_URL', () => {
  it('writes the email to the outbox as .eml and .html, started through startWorkers', async () => {
    const config = testConfig('mail-outbox');
    const redis = createRedis(config.REDIS_URL);
    const queues = createQueues(redis, config.QUEUE_PREFIX);
    const workers = await startWorkers(config, logger);
    try {
      const job = await queues.mail.add('manage', manage({ language: 'es', name: 'Luz' }));
      expect((await settled(queues.mail, job.id!)).state).toBe('completed');
      const files = readdirSync(config.OUTBOX_DIR).sort();
      expect(files).toHaveLength(2);
      expect(files[0]).toMatch(/-ben_40example\.com-[0-9a-f]{6}\.eml$/);
      const parsed = await PostalMime.parse(readFileSync(join(config.OUTBOX_DIR, files[0]!)));
      expect(parsed.subject).toBe(`Tu enlace para gestionar tu suscripción a ${config.ORG_NAME}`);
      expect(parsed.html).toContain('href="http://labdigest.test/preferences/tok-pref-1"');
      expect(parsed.text).toContain('Hola, Luz:');
      const html = readFileSync(join(config.OUTBOX_DIR, files[1]!), 'utf8');
      expect(files[1]).toBe(files[0]!.replace(/\.eml$/, '.html'));
      expect(html).toContain('href="http://labdigest.test/unsubscribe/tok-unsub-1"');
    } finally {
      await workers.close();
      await queues.close();
      await deletePrefix(config.QUEUE_PREFIX);
      redis.disconnect();
    }
  });
});
