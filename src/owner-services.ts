import { UnrecoverableError, Worker } from 'bullmq';
import type { AppContext } from './context.js';
import { applyResult } from './digests/results-processor.js';
import { resumeDigest, triggerDigest } from './digests/digest-service.js';
import { digestKeyOf, getDigest, unfinishedDigests } from './digests/digest-repository.js';
import { periodOf } from './digests/period.js';
import { markDigestCancelled } from './jobs/delivery-guard.js';
import { RESULTS_QUEUE, resultJobSchema, SCHEDULE_QUEUE, type ResultJob } from './jobs/digest-jobs.js';
import type { Logger } from './logger.js';
import { createRedis } from './redis.js';

/** Services that must run in the one process that owns the database: results, schedule, resumption. */
export interface OwnerServices {
  close(): Promise<void>;
}

const HEARTBEAT_SECONDS = 15;
export const ownerHeartbeatKey = (prefix: string) => `${prefix}:owner:heartbeat`;
const SCHEDULER_ID = 'monthly-digest';

/**
 * Starts the database-owning consumers: worker results are applied here and only here; the monthly
 * schedule (DIGEST_CRON) triggers digests here; digests left unfinished by a crash are resumed here.
 */
export async function startOwnerServices(ctx: AppContext, logger: Logger): Promise<OwnerServices> {
  const { config } = ctx;
  const connection = createRedis(config.REDIS_URL);
  const results = new Worker<ResultJob>(
    RESULTS_QUEUE,
    async (job) => {
      const parsed = resultJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid result: ${parsed.error.issues[0]?.message}`);
      const { digestFailed } = applyResult(ctx.db, parsed.data, { llmRequired: config.LLM_REQUIRED });
      if (digestFailed) {
        await markDigestCancelled(ctx.redis, config.QUEUE_PREFIX, digestKeyOf(getDigest(ctx.db, parsed.data.digestId)));
        logger.error({ digestId: parsed.data.digestId }, 'digest failed: the model is required (LLM_REQUIRED) and did not answer');
      }
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 1, lockDuration: config.JOB_LOCK_MS, stalledInterval: config.JOB_LOCK_MS },
  );
  results.on('failed', (job, err) => logger.error({ err, jobId: job?.id }, 'could not apply a worker result'));

  const schedule = new Worker(
    SCHEDULE_QUEUE,
    async () => {
      const { digest, created } = await triggerDigest(ctx, { period: periodOf(new Date()) });
      logger.info({ digestId: digest.id, created }, 'scheduled digest triggered');
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 1 },
  );
  if (config.DIGEST_CRON) {
    await ctx.queues.schedule.upsertJobScheduler(SCHEDULER_ID, { pattern: config.DIGEST_CRON, tz: 'UTC' }, { name: 'digest', data: { source: 'cron' } });
  } else {
    await ctx.queues.schedule.removeJobScheduler(SCHEDULER_ID);
  }

  for (const digest of unfinishedDigests(ctx.db)) {
    await resumeDigest(ctx, digest);
    logger.info({ digestId: digest.id, status: digest.status }, 'resumed unfinished digest');
  }

  const beat = () => ctx.redis.set(ownerHeartbeatKey(config.QUEUE_PREFIX), String(process.pid), 'EX', HEARTBEAT_SECONDS).catch(() => undefined);
  await beat();
  const timer = setInterval(beat, (HEARTBEAT_SECONDS * 1000) / 3);
  timer.unref();

  return {
    async close() {
      clearInterval(timer);
      await Promise.all([results.close(), schedule.close()]);
      await ctx.redis.del(ownerHeartbeatKey(config.QUEUE_PREFIX)).catch(() => undefined);
      connection.disconnect();
    },
  };
}
