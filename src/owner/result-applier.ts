import { Worker } from 'bullmq';
import type { AppContext } from '../context.js';
import { handleResult } from '../digests/handle-result.js';
import { RESULTS_QUEUE, resultJobSchema, type ResultJob } from '../jobs/digest-jobs.js';
import { parsePayload } from '../jobs/parse-payload.js';
import type { Logger } from '../logger.js';
import { createRedis } from '../redis.js';
import type { RelayWatch } from './relay-watch.js';

/**
 * Applies the workers' results to the database, here and only here: one at a time, each a conditional
 * update, then queues what follows (the sends of a composed profile). A result that fails is retried.
 * The relay's reports go to the relay watch, which pauses the digest and resumes it when it can.
 */
export async function startResultApplier(ctx: AppContext, logger: Logger, relay: RelayWatch): Promise<{ close(): Promise<void> }> {
  const { config } = ctx;
  const connection = createRedis(config.REDIS_URL);
  const worker = new Worker<ResultJob>(
    RESULTS_QUEUE,
    async (job) => {
      const result = parsePayload(resultJobSchema, job.data, 'result');
      if (result.type === 'relay-down') return relay.relayDown(result);
      if (result.type === 'sent') relay.relayAnswered();
      const { digestFailed } = await handleResult(ctx, result);
      if (digestFailed) logger.error({ digestId: result.digestId }, 'digest failed: the model is required (LLM_REQUIRED) and did not answer');
    },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: 1, lockDuration: config.JOB_LOCK_MS, stalledInterval: config.JOB_LOCK_MS },
  );
  worker.on('failed', (job, err) => logger.error({ err, jobId: job?.id }, 'could not apply a worker result'));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
