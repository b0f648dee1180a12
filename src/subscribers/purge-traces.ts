import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isOutboxFileOf, outboxRecipientPart } from '../mail/outbox-files.js';
import type { AppContext } from '../context.js';
import { eraseFromQueues } from './erase-jobs.js';

/** What was removed, for logs and tests. */
export interface PurgedTraces {
  mailJobs: number;
  /** Compose, send and result jobs removed or rewritten without the reader. */
  digestJobs: number;
  outboxFiles: number;
}

/**
 * Removes what an erased reader leaves outside the database: every queued job that names them, in every
 * state (link emails, sends, compose jobs and composed results carry the address, name or whole email;
 * see eraseFromQueues) and, in outbox mode, the written copies of mail to them. Read the address and the
 * delivery ids before erasing the row.
 */
export async function purgeSubscriberTraces(
  ctx: Pick<AppContext, 'queues' | 'config'>,
  email: string,
  deliveryIds: ReadonlySet<number> = new Set(),
): Promise<PurgedTraces> {
  const { mailJobs, digestJobs } = await eraseFromQueues(ctx.queues, { email, deliveryIds });
  const outboxFiles = ctx.config.SMTP_URL ? 0 : await removeOutboxFilesTo(ctx.config.OUTBOX_DIR, email);
  return { mailJobs, digestJobs, outboxFiles };
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
