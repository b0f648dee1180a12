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
 * Starts the compose worker (in its own thread by default, on connections of its own) and the send worker
 * with this process's connection, mailer and a results queue. They only report to the results queue: the
 * owner of the database queues the sends.
 */
export async function startDigestWorkers(settings: Settings, logger: Logger, { templates, mailer }: MailParts): Promise<{ close(): Promise<void> }> {
  // Only a log line: the model may come up later, and every compose falls back (or fails) on its own.
  void checkOllama(createOllamaClient({ host: settings.OLLAMA_HOST, timeoutMs: settings.LLM_TIMEOUT_MS }), settings.OLLAMA_MODEL).then((health) => {
    const { level, message } = describeOllamaHealth(health, settings.OLLAMA_MODEL);
    logger[level](message);
  });

  // In a thread of its own by default (COMPOSE_THREAD): composing is CPU work that would hold back sending.
  const compose = settings.COMPOSE_THREAD
    ? await startComposeThread(settings, logger, templates)
    : await (await import('./compose-worker.js')).startOwnComposeWorker(settings, logger, templates);
  const redis = createRedis(settings.REDIS_URL);
  const results = new Queue<ResultJob>(RESULTS_QUEUE, { connection: redis, prefix: settings.QUEUE_PREFIX, defaultJobOptions: JOB_OPTIONS.results });
  const sender = startSendWorker({ settings, redis, mailer, results }, logger);
  return {
    async close() {
      await Promise.all([compose.close(), sender.close()]);
      await results.close();
      redis.disconnect();
    },
  };
}
