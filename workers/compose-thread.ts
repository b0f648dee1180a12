/**
 * The compose worker in a thread of the worker process (COMPOSE_THREAD): composing a profile (the model's
 * answer checked against its sources, rendered) is CPU work, and in the same event loop as sending it
 * held back every email of the digest while it ran. In a thread it runs on another core.
 *
 * This file is the thread's entry: it gets the process's settings and compiled templates from the thread
 * that started it (so it never loads MJML), opens its own Redis connection and model client, and answers
 * 'close' by finishing the jobs it holds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Queue } from 'bullmq';
import type { Settings } from '../src/config.js';
import { RESULTS_QUEUE, type ResultJob } from '../src/jobs/digest-jobs.js';
import { JOB_OPTIONS } from '../src/jobs/queues.js';
import { createOllamaClient } from '../src/llm/ollama-client.js';
import { createLogger } from '../src/logger.js';
import { type CompiledTemplates, templateCacheFrom } from '../src/mail/template-cache.js';
import { createRedis } from '../src/redis.js';
import { startComposeWorker } from './compose-worker.js';

/** What the starting thread hands over (structured-cloned). */
export interface ComposeThreadData {
  settings: Settings;
  templates: CompiledTemplates;
  logLevel: string;
}

/** Messages from the thread: it is ready, or it could not start. */
export type ComposeThreadMessage = { type: 'ready' } | { type: 'failed'; error: string };

const port = parentPort;
if (!port) throw new Error('workers/compose-thread.ts runs as a worker thread (see compose-in-thread.ts)');
const { settings, templates, logLevel } = workerData as ComposeThreadData;
const logger = createLogger(logLevel, undefined, settings.LOG_FORMAT).child({ thread: 'compose' });
const say = (message: ComposeThreadMessage) => port.postMessage(message);

try {
  const redis = createRedis(settings.REDIS_URL);
  const results = new Queue<ResultJob>(RESULTS_QUEUE, { connection: redis, prefix: settings.QUEUE_PREFIX, defaultJobOptions: JOB_OPTIONS.results });
  const llm = createOllamaClient({ host: settings.OLLAMA_HOST, timeoutMs: settings.LLM_TIMEOUT_MS });
  const compose = startComposeWorker({ settings, redis, llm, templates: templateCacheFrom(templates), results }, logger);
  await compose.waitUntilReady();
  port.on('message', async (message: unknown) => {
    if (message !== 'close') return;
    await compose.close();
    await results.close();
    redis.disconnect();
    port.close();
  });
  say({ type: 'ready' });
} catch (err) {
  say({ type: 'failed', error: (err as Error).message });
  port.close();
}
