import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isOutboxFileOf, outboxRecipientPart } from '../mail/outbox-files.js';
import type { AppContext } from '../context.js';

/** Job states a mail job can be removed from; an active job is locked by its worker and finishes on its own. */
const REMOVABLE_STATES = ['waiting', 'delayed', 'prioritized', 'failed', 'completed'] as const;
const PAGE = 500;

/** What was removed, for logs and tests. */
export interface PurgedTraces {
  mailJobs: number;
  outboxFiles: number;
}

/**
 * Removes what an erased reader leaves outside the database: link emails in the mail queue (waiting,
 * delayed, failed and kept completed jobs carry the address and name) and, in outbox mode, the written
 * copies of mail to them. Read the address before erasing the row.
 */
export async function purgeSubscriberTraces(ctx: Pick<AppContext, 'queues' | 'config'>, email: string): Promise<PurgedTraces> {
  const mailJobs = await removeMailJobsTo(ctx.queues.mail, email);
  const outboxFiles = ctx.config.SMTP_URL ? 0 : await removeOutboxFilesTo(ctx.config.OUTBOX_DIR, email);
  return { mailJobs, outboxFiles };
}

async function removeMailJobsTo(queue: AppContext['queues']['mail'], email: string): Promise<number> {
  const target = email.toLowerCase();
  const ids: string[] = [];
  // Ids are collected first and removed afterwards, so removing does not shift the pages being read.
  for (const state of REMOVABLE_STATES) {
    for (let start = 0; ; start += PAGE) {
      const jobs = await queue.getJobs([state], start, start + PAGE - 1, true);
      for (const job of jobs) if (job?.id && typeof job.data?.to === 'string' && job.data.to.toLowerCase() === target) ids.push(job.id);
      if (jobs.length < PAGE) break;
    }
  }
  let removed = 0;
  // remove() answers 0 for a job a worker took meanwhile; that one is sent and then kept as completed.
  for (const id of ids) removed += await queue.remove(id);
  return removed;
}

async function removeOutboxFilesTo(dir: string, email: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const who = outboxRecipientPart(email);
  // The whole recipient part must match, so "ann@x.org" does not take "jo-ann@x.org"'s files.
  const mine = names.filter((name) => isOutboxFileOf(name, who));
  await Promise.all(mine.map((name) => rm(join(dir, name), { force: true })));
  return mine.length;
}
