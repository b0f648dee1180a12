import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDigests } from '../../src/digests/digest-repository.js';
import { periodOf } from '../../src/digests/period.js';
import { createLogger } from '../../src/logger.js';
import { startOwnerParts, type OwnerParts } from '../../src/owner/owner-parts.js';
import { waitUntil } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('the monthly schedule (DIGEST_CRON)', () => {
  let t: TestApp;
  let owner: OwnerParts;
  // Each test has its own queue prefix: removing the schedule in one cannot hide it from another.
  beforeEach(async () => {
    t = await createTestApp('schedule', { DIGEST_CRON: '0 9 1 * *' });
    owner = await startOwnerParts(t.ctx, createLogger('silent'));
  });
  afterEach(async () => {
    await owner.close();
    await t.close();
  });

  it('registers one job scheduler with the cron pattern, in UTC', async () => {
    const schedulers = await t.ctx.queues.schedule.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'monthly-digest', pattern: '0 9 1 * *', tz: 'UTC' });
    expect(schedulers[0]!.next).toBeGreaterThan(Date.now());
  });

  it('triggers this month’s digest when the schedule fires, and only one however often it fires', async () => {
    await t.ctx.queues.schedule.add('digest', { source: 'cron' });
    await waitUntil(() => listDigests(t.ctx.db).length === 1, 10_000, 'a scheduled digest');
    await t.ctx.queues.schedule.add('digest', { source: 'cron' });
    await waitUntil(async () => (await t.ctx.queues.schedule.getJobCounts('completed')).completed === 2, 10_000, 'the second tick');
    const digests = listDigests(t.ctx.db);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.period).toBe(periodOf(new Date()));
  });

  it('removes the schedule when DIGEST_CRON is unset', async () => {
    // A prefix of its own: the schedule the other tests rely on stays.
    const before = await createTestApp('schedule-was-on', { DIGEST_CRON: '0 9 1 * *' });
    const first = await startOwnerParts(before.ctx, createLogger('silent'));
    await first.close();
    expect(await before.ctx.queues.schedule.getJobSchedulers()).toHaveLength(1);
    const other = await createTestApp('schedule-off', { QUEUE_PREFIX: before.config.QUEUE_PREFIX });
    const again = await startOwnerParts(other.ctx, createLogger('silent'));
    expect(await before.ctx.queues.schedule.getJobSchedulers()).toHaveLength(0);
    await again.close();
    await other.app.close();
    await other.ctx.queues.close();
    other.ctx.redis.disconnect();
    other.ctx.db.$client.close();
    await before.close();
  });
});
