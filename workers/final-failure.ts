import type { Job } from 'bullmq';

/** True when BullMQ will not retry this job again: it threw UnrecoverableError or used its last attempt. */
export function isFinalFailure(job: Job, err: Error): boolean {
  return err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}
