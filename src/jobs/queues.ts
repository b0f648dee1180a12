import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { COMPOSE_QUEUE, RESULTS_QUEUE, SCHEDULE_QUEUE, SEND_QUEUE, type ComposeJob, type ResultJob, type SendJob } from './digest-jobs.js';
import { MAIL_QUEUE, type MailJob } from './mail-job.js';

/** The queues the API and the workers produce into; one object so it can be handed around and closed once. */
export interface Queues {
  mail: Queue<MailJob>;
  compose: Queue<ComposeJob>;
  send: Queue<SendJob>;
  results: Queue<ResultJob>;
  schedule: Queue<{ source: 'cron' }>;
  close(): Promise<void>;
}

// Jobs carry addresses, names and whole emails: keep finished ones only as long as they are useful for
// de-duplicating a repeated enqueue, failed ones a week for diagnosis. The database is the record.
const keep = (completedSeconds: number): Pick<DefaultJobOptions, 'removeOnComplete' | 'removeOnFail'> => ({
  removeOnComplete: completedSeconds === 0 ? true : { age: completedSeconds },
  removeOnFail: { age: 7 * 24 * 3600 },
});

/** Retry policy per queue: transient failures back off exponentially; permanent ones throw UnrecoverableError. */
export const JOB_OPTIONS: Record<'mail' | 'compose' | 'send' | 'results' | 'schedule', DefaultJobOptions> = {
  mail: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, ...keep(24 * 3600) },
  compose: { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, ...keep(3600) },
  // A finished batch goes at once: its readers are settled by their sent marks and the database, and keeping
  // it would only hold their addresses in Redis (a re-queued batch finds them sent and reports them again).
  send: { attempts: 6, backoff: { type: 'exponential', delay: 2000 }, ...keep(0) },
  // Results are applied by conditional updates, so a repeated one is harmless: no need to keep them.
  results: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, ...keep(0) },
  schedule: { attempts: 1, ...keep(24 * 3600) },
};

/** Opens the producer side of every queue under the given prefix. */
export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const open = <T>(name: string, options: DefaultJobOptions) => new Queue<T>(name, { connection, prefix, defaultJobOptions: options });
  const queues = {
    mail: open<MailJob>(MAIL_QUEUE, JOB_OPTIONS.mail),
    compose: open<ComposeJob>(COMPOSE_QUEUE, JOB_OPTIONS.compose),
    send: open<SendJob>(SEND_QUEUE, JOB_OPTIONS.send),
    results: open<ResultJob>(RESULTS_QUEUE, JOB_OPTIONS.results),
    schedule: open<{ source: 'cron' }>(SCHEDULE_QUEUE, JOB_OPTIONS.schedule),
  };
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}
