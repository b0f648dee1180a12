import type { DefaultJobOptions } from 'bullmq';
import { z } from 'zod';

/** Queue of the bounce mailbox reads; only the process that owns the database takes its jobs. */
export const BOUNCE_POLL_QUEUE = 'bounce-poll';

/** The repeatable job's scheduler id: one per instance (queue prefix), replaced when the interval changes. */
export const BOUNCE_POLL_SCHEDULER_ID = 'bounce-mailbox';

/** A read of the bounce mailbox: by the schedule, or asked for once (the tests, an admin later). */
export const bouncePollJobSchema = z.object({ source: z.enum(['schedule', 'once']) });
export type BouncePollJob = z.infer<typeof bouncePollJobSchema>;

/**
 * Not retried: the next scheduled run is the retry, and it resumes where the failed one stopped. Kept a
 * day (done) or a week (failed) for diagnosis; they carry no personal data.
 */
export const BOUNCE_POLL_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 1,
  removeOnComplete: { age: 24 * 3600, count: 500 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
