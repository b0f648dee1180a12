import { type Job, Queue, Worker } from 'bullmq';
import type { PollSummary } from '../bounces/bounce-poll.js';
import type { AppContext } from '../context.js';
import { BOUNCE_POLL_JOB_OPTIONS, BOUNCE_POLL_QUEUE, BOUNCE_POLL_SCHEDULER_ID, type BouncePollJob, bouncePollJobSchema } from '../jobs/bounce-jobs.js';
import { parsePayload } from '../jobs/parse-payload.js';
import { lazy } from '../lazy.js';
import type { Logger } from '../logger.js';
import { createRedis } from '../redis.js';

type PollContext = Pick<AppContext, 'db' | 'redis' | 'queues' | 'config' | 'logger'>;

// Loaded on the first poll: the IMAP client (imapflow) and the MIME parser (postal-mime) add about 40 MB,
// and without BOUNCE_IMAP_URL there is never a poll.
const bouncePoll = lazy(() => import('../bounces/bounce-poll.js'));

/** Reads the bounce mailbox once per job; a payload that does not fit fails without retrying. */
export function bouncePollProcessor(ctx: PollContext, logger: Logger) {
  return async (job: Job<BouncePollJob>): Promise<PollSummary | null> => {
    parsePayload(bouncePollJobSchema, job.data, 'bounce-poll job');
    const { runBouncePoll } = await bouncePoll();
    const summary = await runBouncePoll(ctx);
    if (summary && summary.seen > 0) logger.info({ ...summary }, 'bounce mailbox read');
    return summary;
  };
}

/**
 * The bounce mailbox reader of the process that owns the database: with BOUNCE_IMAP_URL set, a BullMQ
 * job scheduler adds a `bounce-poll` job every BOUNCE_POLL_MINUTES and this worker (one job at a time)
 * runs it; unset, any earlier schedule is removed and nothing is read. `queue` lets others ask for a run.
 */
export async function startBounceWorker(ctx: PollContext, logger: Logger): Promise<{ queue: Queue<BouncePollJob>; close(): Promise<void> }> {
  const { config } = ctx;
  const connection = createRedis(config.REDIS_URL);
  const queue = new Queue<BouncePollJob>(BOUNCE_POLL_QUEUE, { connection, prefix: config.QUEUE_PREFIX, defaultJobOptions: BOUNCE_POLL_JOB_OPTIONS });
  const worker = new Worker<BouncePollJob>(BOUNCE_POLL_QUEUE, bouncePollProcessor(ctx, logger), {
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: 1,
  });
  worker.on('failed', (job, err) => logger.warn({ err: err.message, jobId: job?.id }, 'bounce mailbox read failed; the next run resumes'));
  worker.on('error', (err) => logger.error({ err: err.message }, 'bounce worker error'));
  const close = async () => {
    await worker.close();
    await queue.close();
    connection.disconnect();
  };
  try {
    if (config.BOUNCE_IMAP_URL) {
      await queue.upsertJobScheduler(BOUNCE_POLL_SCHEDULER_ID, { every: config.BOUNCE_POLL_MINUTES * 60_000 }, { name: 'poll', data: { source: 'schedule' } });
    } else {
      await queue.removeJobScheduler(BOUNCE_POLL_SCHEDULER_ID);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { queue, close };
}
