import { DelayedError, type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Settings } from '../src/config.js';
import { sendDigestEmail } from '../src/digests/send-digest-email.js';
import { SEND_QUEUE, sendJobSchema, type ResultJob, type SendJob } from '../src/jobs/digest-jobs.js';
import { parsePayload } from '../src/jobs/parse-payload.js';
import { reportResult } from '../src/jobs/report-result.js';
import type { Logger } from '../src/logger.js';
import type { Mailer } from '../src/mail/mailer.js';
import { isFinalFailure } from './final-failure.js';

/** How long a job of a paused digest waits before it looks again (a resume brings it forward at once). */
export const PAUSED_RECHECK_MS = 60_000;

export interface SendDeps {
  settings: Settings;
  redis: Redis;
  mailer: Mailer;
  results: Queue<ResultJob>;
}

/**
 * Sends one digest email: parse the job, send (src/digests/send-digest-email.ts), report to the owner.
 * A permanent SMTP refusal fails at once; a transient one is thrown again so BullMQ retries with backoff;
 * a failure of the relay itself fails nothing: it is reported (the owner pauses the digest) and the job waits.
 */
export function sendProcessor(deps: SendDeps) {
  const { settings, redis, mailer, results } = deps;
  return async (job: Job<SendJob>, token?: string) => {
    const data = parsePayload(sendJobSchema, job.data, 'send job');
    const attempt = job.attemptsMade + 1;
    const outcome = await sendDigestEmail({ redis, prefix: settings.QUEUE_PREFIX, mailer, from: settings.MAIL_FROM }, data, {
      number: attempt,
      last: attempt >= (job.opts.attempts ?? 1),
    });
    if (outcome.report) await reportResult(results, outcome.report);
    if (outcome.kind === 'paused' || outcome.kind === 'relay down') {
      // Put back, not failed and not finished: the job keeps its id and its attempts, and a resume
      // promotes it. The relay being away is no attempt of this reader's: the owner pauses the digest.
      await job.moveToDelayed(Date.now() + PAUSED_RECHECK_MS, token);
      throw new DelayedError();
    }
    if (outcome.kind === 'failed') {
      if (outcome.permanent) throw new UnrecoverableError(outcome.report?.error ?? String(outcome.error));
      throw outcome.error;
    }
    return outcome.kind === 'sent' ? { sent: true } : { sent: false, reason: outcome.kind };
  };
}

/** The send worker: SMTP_POOL_SIZE at a time, at most SEND_RATE_PER_SEC per second across all workers. */
export function startSendWorker(deps: SendDeps, logger: Logger): Worker<SendJob> {
  const worker = new Worker<SendJob>(SEND_QUEUE, sendProcessor(deps), {
    connection: deps.redis,
    prefix: deps.settings.QUEUE_PREFIX,
    concurrency: deps.settings.SMTP_POOL_SIZE,
    limiter: { max: deps.settings.SEND_RATE_PER_SEC, duration: 1000 },
    lockDuration: deps.settings.JOB_LOCK_MS,
    // A worker that dies mid-job leaves it stalled; another worker picks it up after one lock period.
    stalledInterval: deps.settings.JOB_LOCK_MS,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, err) => {
    logger.warn({ err: err.message, jobId: job?.id, attempts: job?.attemptsMade }, 'send job failed');
    // Whatever made the last attempt fail (not only SMTP), the owner must hear of it or the digest waits forever.
    const data = sendJobSchema.safeParse(job?.data);
    if (job && data.success && isFinalFailure(job, err)) {
      const { digestId, deliveryId } = data.data;
      reportResult(deps.results, { type: 'send-failed', digestId, deliveryId, error: err.message, attempts: job.attemptsMade, recipientRejected: false }).catch(
        (e: Error) => logger.error({ err: e.message }, 'could not report a failed send'),
      );
    }
  });
  return worker;
}
