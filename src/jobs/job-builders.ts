import type { ComposeJob, SendJob } from './digest-jobs.js';
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

/** A delivery's stored email and what identifies it: everything a send job is made from. */
export interface SendableCopy {
  deliveryId: number;
  email: string;
  messageId: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * The one way a send job is made: from the stored copy of a reader's email (exactly what the preview
 * shows is what goes out), for the digest named by id and key, under the delivery's job id.
 */
export function sendJob(digest: { digestId: number; digestKey: string }, copy: SendableCopy, unsubscribeUrl: string): QueuedJob<SendJob> {
  return {
    name: 'send',
    data: {
      digestId: digest.digestId,
      digestKey: digest.digestKey,
      deliveryId: copy.deliveryId,
      to: copy.email,
      subject: copy.subject,
      html: copy.html,
      text: copy.text,
      messageId: copy.messageId,
      unsubscribeUrl,
    },
    opts: { jobId: sendJobId(digest.digestId, copy.deliveryId) },
  };
}
