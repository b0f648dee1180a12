import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Settings } from '../src/config.js';
import { MAIL_QUEUE, mailJobSchema, type MailJob } from '../src/jobs/mail-job.js';
import { parsePayload } from '../src/jobs/parse-payload.js';
import type { Logger } from '../src/logger.js';
import { isPermanentSmtpError, type Mailer } from '../src/mail/mailer.js';
import type { TemplateCache } from '../src/mail/template-cache.js';
import type { MailParts } from './mail-parts.js';
import { type RenderedEmail, renderTransactional } from '../src/mail/transactional-email.js';
import { createRedis } from '../src/redis.js';

export interface MailWorkerDeps {
  settings: Settings;
  templates: TemplateCache;
  mailer: Mailer;
}

/**
 * Sends one transactional email (confirm, manage link, data-export link). A payload that does not validate or an SMTP refusal
 * (5xx) can never succeed and fails at once; anything transient is thrown and retried with backoff.
 */
export function mailProcessor(deps: MailWorkerDeps) {
  const host = new URL(deps.settings.PUBLIC_URL).hostname;
  return async (job: Job<MailJob>) => {
    const data = parsePayload(mailJobSchema, job.data, 'mail job');
    let email: RenderedEmail;
    try {
      email = renderTransactional(deps.templates, data);
    } catch (err) {
      throw new UnrecoverableError(`mail job cannot be rendered: ${(err as Error).message}`);
    }
    // The same id on every attempt, so a retry after a lost reply is recognisable as the same message.
    const messageId = (data.template === 'prepared' ? data.messageId : undefined) ?? `<mail.${job.id}.${job.timestamp}@${host}>`;
    try {
      await deps.mailer.send({ from: deps.settings.MAIL_TRANSACTIONAL_FROM, to: data.to, messageId, ...email });
    } catch (err) {
      if (isPermanentSmtpError(err)) throw new UnrecoverableError(`SMTP refused the message: ${(err as Error).message}`);
      throw err;
    }
    return { messageId };
  };
}

/** Starts the transactional mail worker with its own Redis connection and the process's templates and mailer. */
export async function startMailWorker(settings: Settings, logger: Logger, { templates, mailer }: MailParts): Promise<{ close(): Promise<void> }> {
  const redis = createRedis(settings.REDIS_URL);
  const worker = new Worker<MailJob>(MAIL_QUEUE, mailProcessor({ settings, templates, mailer }), {
    connection: redis,
    prefix: settings.QUEUE_PREFIX,
    concurrency: settings.SMTP_POOL_SIZE,
  });
  worker.on('failed', (job, err) =>
    logger.warn({ err: err.message, jobId: job?.id, template: job?.data?.template, attempts: job?.attemptsMade }, 'mail job failed'),
  );
  worker.on('error', (err) => logger.error({ err: err.message }, 'mail worker error'));
  return {
    async close() {
      await worker.close();
      redis.disconnect();
    },
  };
}
