import { Queue } from 'bullmq';
import type { Settings } from '../src/config.js';
import { RESULTS_QUEUE, type ResultJob } from '../src/jobs/digest-jobs.js';
import { JOB_OPTIONS } from '../src/jobs/queues.js';
import { checkOllama, describeOllamaHealth } from '../src/llm/llm-health.js';
import { createOllamaClient } from '../src/llm/ollama-client.js';
import type { Logger } from '../src/logger.js';
import { createRedis } from '../src/redis.js';
import { startComposeThread } from './compose-in-thread.js';
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

  // In a thread of its own by default (COMPOSE_THREAD): composing is CPU work that would hold back sending.
  let compose: { close(): Promise<void> };
  try {
    compose = settings.COMPOSE_THREAD
      ? await startComposeThread(settings, logger, templates)
      : (await import('./compose-worker.js')).startComposeWorker({ settings, redis, llm, templates, results }, logger);
  } catch (err) {
    await results.close();
    redis.disconnect();
    throw err;
  }
  const sender = startSendWorker({ settings, redis, mailer, results }, logger);
  return {
    async close() {
      await Promise.all([compose.close(), sender.close()]);
      await results.close();
      redis.disconnect();
    },
  };
}
