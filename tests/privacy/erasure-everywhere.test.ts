import { readFileSync } from 'node:fs';
import { type Job, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digests } from '../../src/db/schema.js';
import { planDelivery } from '../../src/deliveries/delivery-transitions.js';
import { COMPOSE_QUEUE, RESULTS_QUEUE, SEND_QUEUE } from '../../src/jobs/digest-jobs.js';
import { MAIL_QUEUE } from '../../src/jobs/mail-job.js';
import { createRedis } from '../../src/redis.js';
import { createSubscriberService } from '../../src/subscribers/subscriber-service.js';
import { seedSubscriber, waitUntil } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const ERASED = { email: 'zelda.quux@lab.example', name: 'Zelda Quuxley' };
const KEPT = { email: 'keep.reader@lab.example', name: 'Kept Reader' };
const silent = { error: () => undefined };

describe('erasing a reader leaves nothing of them in Redis or in the SQLite files', () => {
  let t: TestApp;
  let erasedId: number;
  let erasedDelivery: number;
  let keptDelivery: number;

  const reader = (deliveryId: number, who: { email: string; name: string }) => ({
    deliveryId,
    to: who.email,
    messageId: `<d${deliveryId}@labdigest.test>`,
    name: who.name,
    preferencesUrl: `http://labdigest.test/preferences/p${deliveryId}`,
    unsubscribeUrl: `http://labdigest.test/unsubscribe/u${deliveryId}`,
  });
  let batch = 0;
  const sendData = (readers: ReturnType<typeof reader>[]) => ({ digestId: 1, digestKey: '1.1', batch: ++batch, profileKey: 'p', readers });

  /** Runs the queue's jobs named "done" to completed and "fail" to failed, then stops. */
  async function finish(queueName: string, jobs: Array<{ name: 'done' | 'fail'; data: object }>) {
    const queue = {
      [MAIL_QUEUE]: t.ctx.queues.mail,
      [COMPOSE_QUEUE]: t.ctx.queues.compose,
      [SEND_QUEUE]: t.ctx.queues.send,
      [RESULTS_QUEUE]: t.ctx.queues.results,
    }[queueName]!;
    for (const j of jobs) await queue.add(j.name as never, j.data as never, { attempts: 1 });
    const connection = createRedis(t.config.REDIS_URL);
    const worker = new Worker(
      queueName,
      async (job: Job) => {
        if (job.name === 'fail') throw new Error('refused');
        return { done: true };
      },
      { connection, prefix: t.config.QUEUE_PREFIX },
    );
    // Every job ran (a queue that removes finished jobs at once keeps only its failed ones).
    await waitUntil(async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(c).every((n) => n === 0);
    });
    await worker.close();
    connection.disconnect();
  }

  /** Every value stored under the test's prefix, as one string. */
  async function redisDump(): Promise<string> {
    const redis = t.ctx.redis;
    const keys = await redis.keys(`${t.config.QUEUE_PREFIX}:*`);
    const parts: string[] = keys.slice();
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') parts.push(String(await redis.get(key)));
      else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
      else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    return parts.join('\n');
  }

  const databaseBytes = () =>
    ['', '-wal']
      .map((suffix) => {
        try {
          return readFileSync(`${t.config.DATABASE_PATH}${suffix}`).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('\n');

  beforeAll(async () => {
    t = await createTestApp('erase-all');
    erasedId = seedSubscriber(t.ctx.db, ERASED);
    const keptId = seedSubscriber(t.ctx.db, KEPT);
    const now = new Date();
    const digestId = t.ctx.db.insert(digests).values({ period: '2026-01', windowStart: now, windowEnd: now }).returning({ id: digests.id }).get().id;
    for (const [id, who] of [
      [erasedId, ERASED],
      [keptId, KEPT],
    ] as const) {
      planDelivery(t.ctx.db, { digestId, subscriberId: id, email: who.email, profileKey: 'p', itemIds: [], messageId: `<m${id}@labdigest.test>` });
    }
    const rows = t.ctx.db.$client.prepare('SELECT id, subscriber_id AS s FROM deliveries').all() as Array<{ id: number; s: number }>;
    erasedDelivery = rows.find((r) => r.s === erasedId)!.id;
    keptDelivery = rows.find((r) => r.s === keptId)!.id;

    const erased = reader(erasedDelivery, ERASED);
    const kept = reader(keptDelivery, KEPT);
    const confirm = (to: string) => ({ template: 'confirm', to, name: null, language: 'en', confirmUrl: 'http://labdigest.test/confirm/x' });
    // Finished jobs of every queue, as BullMQ keeps them until its trimming runs.
    await finish(MAIL_QUEUE, [
      { name: 'done', data: confirm(ERASED.email) },
      { name: 'fail', data: confirm(ERASED.email) },
      { name: 'done', data: confirm(KEPT.email) },
    ]);
    await finish(SEND_QUEUE, [
      { name: 'done', data: sendData([erased, kept]) },
      { name: 'fail', data: sendData([erased]) },
      { name: 'done', data: sendData([kept]) },
    ]);
    await finish(RESULTS_QUEUE, [{ name: 'fail', data: { type: 'sent', digestId, deliveryId: erasedDelivery, messageId: erased.messageId, attempts: 1 } }]);
    // And waiting and delayed ones.
    await t.ctx.queues.mail.add('confirm', confirm(ERASED.email) as never, { delay: 60_000 });
    await t.ctx.queues.send.add('send', sendData([kept, erased]) as never);
    t.ctx.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('starts with the reader in Redis and in the database file', async () => {
    const dump = await redisDump();
    expect(dump).toContain(ERASED.email);
    expect(dump).toContain(ERASED.name);
    expect(databaseBytes()).toContain(ERASED.email);
  });

  it('removes them from every job in every state, keeps the other readers, and leaves no bytes of them in SQLite', async () => {
    const purged = await createSubscriberService(t.ctx, silent).erase(erasedId, 'admin');
    expect(purged.mailJobs).toBe(3);
    // Finished send batches are gone already; the failed one is removed, the waiting one rewritten, and
    // the result about them removed. Compose jobs and results carry no reader.
    expect(purged.digestJobs).toBe(3);
    const dump = await redisDump();
    expect(dump).not.toContain(ERASED.email);
    expect(dump).not.toContain(ERASED.name);
    expect(dump).not.toContain(`p${erasedDelivery}`);
    expect(dump).toContain(KEPT.email);
    expect(dump).toContain(KEPT.name);
    const sendJobs = await t.ctx.queues.send.getJobs(['completed', 'waiting', 'failed']);
    expect(sendJobs.map((j) => j.data.readers.map((r) => r.deliveryId))).toEqual([[keptDelivery]]);

    const bytes = databaseBytes();
    expect(bytes).not.toContain(ERASED.email);
    expect(bytes).not.toContain(ERASED.name);
    expect(bytes).toContain(KEPT.email);
  });
});
