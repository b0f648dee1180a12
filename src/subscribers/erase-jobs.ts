import type { Job, JobType, Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { deliveries } from '../db/schema.js';
import type { ResultJob, SendJob } from '../jobs/digest-jobs.js';
import type { MailJob } from '../jobs/mail-job.js';
import type { Queues } from '../jobs/queues.js';

/** Every state a job can be in; finished ones keep their payload until BullMQ trims them. */
const STATES: JobType[] = ['waiting', 'prioritized', 'delayed', 'waiting-children', 'active', 'failed', 'completed'];
const PAGE = 200;

/** The reader as queued jobs name them: by address (mail, send) and by delivery id (send, results). */
export interface ErasedReader {
  email: string;
  deliveryIds: ReadonlySet<number>;
}

/** Every delivery id of a reader, read before the erasure clears the deliveries' subscriber id. */
export function deliveryIdsOf(db: DbOrTx, subscriberId: number): Set<number> {
  return new Set(
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(eq(deliveries.subscriberId, subscriberId))
      .all()
      .map((r) => r.id),
  );
}

/**
 * What to do with one job: leave it, remove it (it is about this reader only), or keep it with `data`
 * (others' work in it goes on: a send batch shared with other readers).
 */
type Verdict<T> = { kind: 'keep' } | { kind: 'remove' } | { kind: 'rewrite'; data: T };

const KEEP = { kind: 'keep' } as const;
const REMOVE = { kind: 'remove' } as const;

/** A send batch without the erased reader's entry (address, name, signed links); removed when it was the only one. */
function withoutReader(data: SendJob, who: ErasedReader, email: string): Verdict<SendJob> {
  const isTheirs = (r: SendJob['readers'][number]) => who.deliveryIds.has(r.deliveryId) || sameAddress(r.to, email);
  if (!Array.isArray(data.readers) || !data.readers.some(isTheirs)) return KEEP;
  const readers = data.readers.filter((r) => !isTheirs(r));
  return readers.length === 0 ? REMOVE : { kind: 'rewrite', data: { ...data, readers } };
}

const sameAddress = (a: unknown, email: string) => typeof a === 'string' && a.toLowerCase() === email;

/** Removes or rewrites the jobs of one queue that name the reader; returns how many were touched. */
async function scrubQueue<T>(queue: Queue<T>, judge: (data: T) => Verdict<T>): Promise<number> {
  const found: Array<{ job: Job<T>; verdict: Verdict<T> }> = [];
  // Collected first and changed afterwards, so removing does not shift the pages being read.
  for (const state of STATES) {
    for (let start = 0; ; start += PAGE) {
      const jobs = await queue.getJobs([state], start, start + PAGE - 1, true);
      for (const job of jobs) {
        if (!job?.id || !job.data) continue;
        const verdict = judge(job.data);
        if (verdict.kind !== 'keep') found.push({ job, verdict });
      }
      if (jobs.length < PAGE) break;
    }
  }
  let touched = 0;
  for (const { job, verdict } of found) {
    if (verdict.kind === 'remove') {
      // An active job is locked by its worker and cannot be removed: its payload is blanked instead (the
      // worker already holds what it needs; a withdrawn send is dropped by the delivery guard).
      const removed = await job.remove().then(
        () => true,
        () => false,
      );
      if (!removed) await job.updateData(blank(job.data)).catch(() => undefined);
    } else if (verdict.kind === 'rewrite') {
      await job.updateData(verdict.data).catch(() => undefined);
    }
    touched++;
  }
  return touched;
}

/** A payload with every string emptied: what a locked job of an erased reader keeps until it finishes. */
function blank<T>(data: T): T {
  return JSON.parse(JSON.stringify(data, (_k, v) => (typeof v === 'string' ? '' : v))) as T;
}

/**
 * Takes an erased reader out of every queue, in every job state: link emails to their address are
 * removed, send batches lose their entry (address, name and signed links) and are removed when it was
 * the only one, and single-delivery results about them go. Compose jobs and composed results carry no
 * reader. Bounded: each queue is read a page at a time, once.
 */
export async function eraseFromQueues(queues: Pick<Queues, 'mail' | 'send' | 'results'>, who: ErasedReader): Promise<{ mailJobs: number; digestJobs: number }> {
  const email = who.email.toLowerCase();
  const [mailJobs, ...digest] = await Promise.all([
    scrubQueue<MailJob>(queues.mail, (d) => (sameAddress(d.to, email) ? REMOVE : KEEP)),
    scrubQueue<SendJob>(queues.send, (d) => withoutReader(d, who, email)),
    scrubQueue<ResultJob>(queues.results, (d) => ((d.type === 'sent' || d.type === 'send-failed') && who.deliveryIds.has(d.deliveryId) ? REMOVE : KEEP)),
  ]);
  return { mailJobs, digestJobs: digest.reduce((a, b) => a + b, 0) };
}
