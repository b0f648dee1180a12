import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Settings } from '../src/config.js';
import { isDigestCancelled, isWithdrawn, markSent, wasSent } from '../src/jobs/delivery-guard.js';
import { SEND_QUEUE, sendJobSchema, type ResultJob, type SendJob } from '../src/jobs/digest-jobs.js';
import type { Logger } from '../src/logger.js';
import { isFinalFailure } from './final-failure.js';
import { isPermanentSmtpError, isRecipientRejected, type Mailer } from '../src/mail/mailer.js';

export interface SendDeps {
  settings: Settings;
  redis: Redis;
  mailer: Mailer;
  results: Queue<ResultJob>;
}

/**
 * Sends one digest email. A delivery the SMTP server already accepted is never sent again, whatever
 * retried or duplicated the job; permanent SMTP refusals fail at once, transient ones retry with backoff.
 */
export function sendProcessor(deps: SendDeps) {
  const { settings, redis, results } = deps;
  const prefix = settings.QUEUE_PREFIX;
  return async (job: Job<SendJob>) => {
    const parsed = sendJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid send job: ${parsed.error.issues[0]?.message}`);
    const data = parsed.data;
    const attempts = job.attemptsMade + 1;
    const report = (r: ResultJob) => results.add(r.type, r, { jobId: `${r.type}-${data.digestId}-${data.deliveryId}` });

    if (await wasSent(redis, prefix, data.messageId)) {
      await report({ type: 'sent', digestId: data.digestId, deliveryId: data.deliveryId, messageId: data.messageId, attempts });
      return { sent: false, reason: 'already sent' };
    }
    // Cancelled and withdrawn deliveries are already settled in the database: nothing to report.
    if (await isDigestCancelled(redis, prefix, data.digestKey)) return { sent: false, reason: 'cancelled' };
    if (await isWithdrawn(redis, prefix, data.messageId)) return { sent: false, reason: 'reader left' };

    try {
      await deps.mailer.send({
        from: settings.MAIL_FROM,
        to: data.to,
        subject: data.subject,
        html: data.html,
        text: data.text,
        messageId: data.messageId,
        list: { unsubscribeUrl: data.unsubscribeUrl },
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent = isPermanentSmtpError(err);
      if (permanent || attempts >= (job.opts.attempts ?? 1)) {
        await report({ type: 'send-failed', digestId: data.digestId, deliveryId: data.deliveryId, error: message, attempts, recipientRejected: isRecipientRejected(err) });
      }
      if (permanent) throw new UnrecoverableError(message);
      throw err;
    }
    await markSent(redis, prefix, data.messageId);
    await report({ type: 'sent', digestId: data.digestId, deliveryId: data.deliveryId, messageId: data.messageId, attempts });
    return { sent: true };
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
      void deps.results
        .add('send-failed', { type: 'send-failed', digestId, deliveryId, error: err.message, attempts: job.attemptsMade, recipientRejected: false }, { jobId: `send-failed-${digestId}-${deliveryId}` })
        .catch((e: Error) => logger.error({ err: e.message }, 'could not report a failed send'));
    }
  });
  return worker;
}
