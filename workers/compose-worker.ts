import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Settings } from '../src/config.js';
import { composeProfile } from '../src/digests/compose-profile.js';
import { isDigestCancelled } from '../src/jobs/delivery-guard.js';
import { COMPOSE_QUEUE, composeJobSchema, type ComposeJob, RESULTS_QUEUE, type ResultJob } from '../src/jobs/digest-jobs.js';
import { parsePayload } from '../src/jobs/parse-payload.js';
import { JOB_OPTIONS } from '../src/jobs/queues.js';
import { reportResult } from '../src/jobs/report-result.js';
import { longestModelWaitMs } from '../src/llm/model-wait.js';
import { createOllamaClient, type LlmClient } from '../src/llm/ollama-client.js';
import type { Logger } from '../src/logger.js';
import type { TemplateCache } from '../src/mail/template-cache.js';
import { createRedis } from '../src/redis.js';
import { isFinalFailure } from './final-failure.js';

export interface ComposeDeps {
  settings: Settings;
  redis: Redis;
  llm: LlmClient | null;
  templates: TemplateCache;
  results: Queue<ResultJob>;
}

/**
 * Composes one profile: parse the job, compose (src/digests/compose-profile.ts), report to the owner,
 * which stores each reader's email and queues the sends.
 */
export function composeProcessor(deps: ComposeDeps) {
  const { settings } = deps;
  return async (job: Job<ComposeJob>) => {
    const data = parsePayload(composeJobSchema, job.data, 'compose job');
    if (await isDigestCancelled(deps.redis, settings.QUEUE_PREFIX, data.digestKey)) return { skipped: 'cancelled' };
    const result = await composeProfile(
      { llm: deps.llm, model: settings.OLLAMA_MODEL, llmRequired: settings.LLM_REQUIRED, templates: deps.templates, orgName: settings.ORG_NAME },
      data,
    );
    await reportResult(deps.results, result);
    // The model is required and failed: retrying cannot help, and the owner fails the digest.
    if (result.type === 'compose-failed') throw new UnrecoverableError(result.error);
    return { composedWith: result.composedWith, items: result.itemIds.length };
  };
}

/** The compose worker: few at a time, since one local model serves them all. */
export function startComposeWorker(deps: ComposeDeps, logger: Logger): Worker<ComposeJob> {
  const worker = new Worker<ComposeJob>(COMPOSE_QUEUE, composeProcessor(deps), {
    connection: deps.redis,
    prefix: deps.settings.QUEUE_PREFIX,
    concurrency: deps.settings.LLM_CONCURRENCY,
    lockDuration: Math.max(deps.settings.JOB_LOCK_MS, longestModelWaitMs(deps.settings) + 5000),
    // A worker that dies mid-job leaves it stalled; another worker picks it up after one lock period.
    stalledInterval: deps.settings.JOB_LOCK_MS,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, err) => {
    logger.warn({ err: err.message, jobId: job?.id }, 'compose job failed');
    // Out of attempts: the profile's readers are failed rather than left waiting for ever.
    const data = composeJobSchema.safeParse(job?.data);
    if (job && data.success && isFinalFailure(job, err)) {
      const { digestId, profileKey, revision } = data.data;
      reportResult(deps.results, {
        type: 'compose-failed',
        digestId,
        profileKey,
        error: err.message,
        llmRequired: false,
        ...(revision ? { revision } : {}),
      }).catch((e: Error) => logger.error({ err: e.message }, 'could not report a failed compose'));
    }
  });
  return worker;
}

/**
 * The compose worker on connections of its own (Redis, the results queue, a model client), connected
 * before it returns; close() finishes the jobs it holds, then ends them. How the compose thread runs it
 * (workers/compose-thread.ts), and the worker's main thread when COMPOSE_THREAD is off.
 */
export async function startOwnComposeWorker(settings: Settings, logger: Logger, templates: TemplateCache): Promise<{ close(): Promise<void> }> {
  const redis = createRedis(settings.REDIS_URL);
  const results = new Queue<ResultJob>(RESULTS_QUEUE, { connection: redis, prefix: settings.QUEUE_PREFIX, defaultJobOptions: JOB_OPTIONS.results });
  const llm = createOllamaClient({ host: settings.OLLAMA_HOST, timeoutMs: settings.LLM_TIMEOUT_MS });
  const worker = startComposeWorker({ settings, redis, llm, templates, results }, logger);
  const close = async () => {
    await worker.close();
    await results.close();
    redis.disconnect();
  };
  try {
    await worker.waitUntilReady();
  } catch (err) {
    await close();
    throw err;
  }
  return { close };
}
