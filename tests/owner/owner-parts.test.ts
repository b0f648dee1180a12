import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { getDigest } from '../../src/digests/digest-repository.js';
import type { ResultJob } from '../../src/jobs/digest-jobs.js';
import { reportResult } from '../../src/jobs/report-result.js';
import { createLogger } from '../../src/logger.js';
import { ownerHeartbeatKey } from '../../src/owner/owner-heartbeat.js';
import { type OwnerParts, startOwnerParts } from '../../src/owner/owner-parts.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('the owner’s parts', () => {
  let t: TestApp;
  let owner: OwnerParts | undefined;
  beforeAll(async () => {
    t = await createTestApp('owner-parts');
    seedTopics(t.ctx.db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(t.ctx.db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
  });
  afterAll(async () => {
    await owner?.close();
    await t.close();
  });

  it('beat while running under their prefix, and stop beating on close', async () => {
    const key = ownerHeartbeatKey(t.config.QUEUE_PREFIX);
    expect(key).toBe(`${t.config.QUEUE_PREFIX}:owner:heartbeat`);
    const parts = await startOwnerParts(t.ctx, createLogger('silent'));
    expect(await t.ctx.redis.get(key)).toBe(String(process.pid));
    await parts.close();
    expect(await t.ctx.redis.exists(key)).toBe(0);
  });

  it('apply a worker’s result from the queue, and fail a result that does not validate without retrying it', async () => {
    owner = await startOwnerParts(t.ctx, createLogger('silent'));
    const reader = seedSubscriber(t.ctx.db, { email: 'ana@example.org', topics: ['education'] });
    const { digest } = planDigest(t.ctx.db, t.config, { period: '2026-11', windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01') });
    const delivery = t.ctx.db.select().from(deliveries).where(eq(deliveries.subscriberId, reader)).get()!;

    await reportResult(t.ctx.queues.results, { type: 'sent', digestId: digest.id, deliveryId: delivery.id, messageId: delivery.messageId, attempts: 1 });
    await expect.poll(() => getDigest(t.ctx.db, digest.id).status, { timeout: 10_000 }).toBe('sent');
    expect(getDigest(t.ctx.db, digest.id).sentCount).toBe(1);

    const bad = await t.ctx.queues.results.add('sent', { type: 'sent', digestId: 'x' } as unknown as ResultJob, { jobId: 'bad-result' });
    await expect.poll(() => t.ctx.queues.results.getJobState(bad.id!), { timeout: 10_000 }).toBe('failed');
    const failed = await t.ctx.queues.results.getJob(bad.id!);
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toMatch(/^invalid result: /);
  });
});
