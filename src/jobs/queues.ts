import { Queue, type ConnectionOptions } from 'bullmq';
import { MAIL_QUEUE, type MailJob } from './mail-job.js';

/** The queues the API produces into; one object so it can be handed to routes and closed once. */
export interface Queues {
  mail: Queue<MailJob>;
  close(): Promise<void>;
}

/** Opens the producer side of every queue under the given prefix. */
export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const mail = new Queue<MailJob>(MAIL_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
  return {
    mail,
    async close() {
      await mail.close();
    },
  };
}
