import { Queue } from 'bullmq';
import type { Settings } from '../src/config.js';
import { RESULTS_QUEUE, type ResultJob } from '../src/jobs/digest-jobs.js';
import { JOB_OPTIONS } from '../src/jobs/queues.js';
import { checkOllama, describeOllamaHealth } from '../src/llm/llm-health.js';
import { createOllamaClient } from '../src/llm/ollama-client.js';
import type { Logger } from '../src/logger.js';
import { createRedis } from '../src/redis.js';
import { startComposeWorker } from './compose-worker.js';
import type { MailParts } from './mail-parts.js';
import { startSendWorker } from './send-worker.js';

/**
 * Starts the compose and send workers with their own connection, the process's templates and mailer, and
 * a model client. They only report to the results queue: the owner of the database queues the sends.
 */
export async function startDigestWorkers(settings: Settings, logger: Logger, { templates, mailer }: MailParts): Promise<{ close(): Promise<void> }> {
  const redis = createRedis(settings.REDIS_URL);
  const results = new Queue<ResultJob>(RESULTS_QUEUE, { connection: redis, prefix: settings.QUEUE_PREFIX, defaultJobOptions: JOB_OPTIONS.results });
  const llm = createOllamaClient({ host: settings.OLLAMA_HOST, timeoutMs: settings.LLM_TIMEOUT_MS });

  // Only a log line: the model may come up later, and every compose falls back (or fails) on its own.
  void checkOllama(llm, settings.OLLAMA_MODEL).then((health) => {
    const { level, message } = describeOllamaHealth(health, settings.OLLAMA_MODEL);
    logger[level](message);
  });

  const compose = startComposeWorker({ settings, redis, llm, templates, results }, logger);
  const sender = startSendWorker({ settings, redis, mailer, results }, logger);
  return {
    async close() {
      await Promise.all([compose.close(), sender.close()]);
      await results.close();
      redis.disconnect();
    },
  };
}
