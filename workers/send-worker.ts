import { DelayedError, type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Settings } from '../src/config.js';
import { createRenderCache } from '../src/digests/render-cache.js';
import { finalFailureReport, sendDigestBatch } from '../src/digests/send-digest-email.js';
import { SEND_QUEUE, sendJobSchema, type ResultJob, type SendJob } from '../src/jobs/digest-jobs.js';
import { parsePayload } from '../src/jobs/parse-payload.js';
import { reportResult } from '../src/jobs/report-result.js';
import { sendBatching } from '../src/jobs/send-batching.js';
import type { Logger } from '../src/logger.js';
import type { Mailer } from '../src/mail/mailer.js';
import { isFinalFailure } from './final-failure.js';

/** How long a job of a paused digest waits before it looks again (a resume brings it forward at once). */
export const PAUSED_RECHECK_MS = 60_000;
/** Send jobs one worker runs at once: one sending while the next reads its marks keeps the SMTP pool busy. */
const SEND_CONCURRENCY = 2;

export interface SendDeps {
  settings: Settings;
  redis: Redis;
  mailer: Mailer;
  results: Queue<ResultJob>;
}

/** Puts a job back for later without counting an attempt: the job keeps its id, and a resume promotes it. */
async function putBack(job: Job<SendJob>, token: string | undefined, delayMs: number): Promise<never> {
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}

/**
 * Sends one batch of digest emails: parse the job, send (src/digests/send-digest-email.ts), report to the
 * owner in one result. Readers whose send failed transiently stay in the job (the others leave it) and
 * the job is thrown again so BullMQ retries it with backoff; when the relay itself is away nothing fails:
 * it is reported (the owner pauses the digest) and the job waits.
 */
export function sendProcessor(deps: SendDeps) {
  const { settings, redis, mailer, results } = deps;
  const renders = createRenderCache();
  return async (job: Job<SendJob>, token?: string) => {
    const data = parsePayload(sendJobSchema, job.data, 'send job');
    const attempt = job.attemptsMade + 1;
    const deps = {
      redis,
      prefix: settings.QUEUE_PREFIX,
      mailer,
      from: settings.MAIL_FROM,
      renders,
      concurrency: settings.SMTP_POOL_SIZE,
    };
    const outcome = await sendDigestBatch(deps, data, {
      number: attempt,
      last: attempt >= (job.opts.attempts ?? 1),
    });
    if (outcome.kind === 'cancelled') return { sent: 0, reason: 'cancelled' };
    if (outcome.kind === 'paused') return putBack(job, token, PAUSED_RECHECK_MS);
    if (outcome.kind === 'profile missing') {
      // The owner stores it again on this report; the retry (with backoff, counted) finds it. A render the
      // owner cannot find either ends, after the last attempt, as these readers' failure, never a loop.
      await reportResult(results, outcome.report);
      throw new Error(`the rendered email of profile ${data.profileKey} is not in Redis`);
    }
    if (outcome.report) await reportResult(results, outcome.report);
    if (outcome.relayDown) await reportResult(results, outcome.relayDown);
    if (!outcome.retry) return { sent: outcome.report?.sent.length ?? 0 };
    // Only the readers still waiting travel on: a retry never meets the others again.
    await job.updateData({ ...data, readers: outcome.retry.readers });
    // A pause, or the relay being away, is no attempt of these readers'.
    if (outcome.retry.reason !== 'error') return putBack(job, token, PAUSED_RECHECK_MS);
    throw outcome.retry.error;
  };
}

/** The send worker: batches of SEND_BATCH_SIZE, at most SEND_RATE_PER_SEC emails per second across all workers. */
export function startSendWorker(deps: SendDeps, logger: Logger): Worker<SendJob> {
  const { jobsPerSecond } = sendBatching(deps.settings);
  const worker = new Worker<SendJob>(SEND_QUEUE, sendProcessor(deps), {
    connection: deps.redis,
    prefix: deps.settings.QUEUE_PREFIX,
    concurrency: SEND_CONCURRENCY,
    limiter: { max: jobsPerSecond, duration: 1000 },
    lockDuration: deps.settings.JOB_LOCK_MS,
    // A worker that dies mid-job leaves it stalled; another worker picks it up after one lock period.
    stalledInterval: deps.settings.JOB_LOCK_MS,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, err) => {
    logger.warn({ err: err.message, jobId: job?.id, attempts: job?.attemptsMade }, 'send job failed');
    // Whatever made the last attempt fail (not only SMTP), the owner must hear of it or the digest waits forever.
    const data = sendJobSchema.safeParse(job?.data);
    if (job && data.success && isFinalFailure(job, err) && data.data.readers.length > 0) {
      finalFailureReport(deps.redis, deps.settings.QUEUE_PREFIX, data.data, job.attemptsMade, err.message)
        .then((report) => reportResult(deps.results, report))
        .catch((e: Error) => logger.error({ err: e.message }, 'could not report a failed send'));
    }
  });
  return worker;
}
