import type { ComposeJob, SendJob, SendReader } from './digest-jobs.js';
import { composeJobId, sendJobId } from './job-ids.js';

/** A job ready for Queue.addBulk: its name, its payload and the id that makes a repeat a no-op. */
export interface QueuedJob<T> {
  name: string;
  data: T;
  opts: { jobId: string };
}

/** The compose job of one profile, under its id. */
export function composeJob(data: ComposeJob): QueuedJob<ComposeJob> {
  return { name: 'compose', data, opts: { jobId: composeJobId(data.digestId, data.profileKey) } };
}

/**
 * The one way a send job is made: one batch's readers (src/deliveries/send-batches.ts), each with their
 * own values only, for the digest named by id and key, under the batch's job id. The email itself is the
 * profile's render, which the owner stores in Redis before queueing (src/jobs/profile-renders.ts).
 */
export function sendJob(digest: { digestId: number; digestKey: string }, batch: number, profileKey: string, readers: SendReader[]): QueuedJob<SendJob> {
  return {
    name: 'send',
    data: { digestId: digest.digestId, digestKey: digest.digestKey, batch, profileKey, readers },
    opts: { jobId: sendJobId(digest.digestId, batch) },
  };
}
