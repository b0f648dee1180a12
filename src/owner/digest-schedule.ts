import { Worker } from 'bullmq';
import type { AppContext } from '../context.js';
import { triggerDigest } from '../digests/digest-service.js';
import { periodOf } from '../digests/period.js';
import { SCHEDULE_QUEUE } from '../jobs/digest-jobs.js';
import type { Logger } from '../logger.js';
import { createRedis } from '../redis.js';

const SCHEDULER_ID = 'monthly-digest';

/**
 * The monthly schedule: with DIGEST_CRON set, one BullMQ job scheduler fires it and this process triggers
 * the month's digest (triggering twice finds the same digest); unset, any earlier schedule is removed.
 */
export async function startDigestSchedule(ctx: AppContext, logger: Logger): Promise<{ close(): Promise<void> }> {
  const { config } = ctx;
  const connection = createRedis(config.REDIS_URL);
  const worker = new Worker(
    SCHEDULE_QUEUE,
    async () => {
      const { digest, created } = await triggerDigest(ctx, { period: periodOf(new Date()) }, { scheduled: true });
      logger.info({ digestId: digest.id, created }, 'scheduled digest triggered');
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 1 },
  );
  const close = async () => {
    await worker.close();
    connection.disconnect();
  };
  try {
    if (config.DIGEST_CRON) {
      await ctx.queues.schedule.upsertJobScheduler(SCHEDULER_ID, { pattern: config.DIGEST_CRON, tz: 'UTC' }, { name: 'digest', data: { source: 'cron' } });
    } else {
      await ctx.queues.schedule.removeJobScheduler(SCHEDULER_ID);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { close };
}
