import type { Settings } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { startDigestWorkers } from './digest-workers.js';
import { createMailParts, type MailParts } from './mail-parts.js';
import { startMailWorker } from './mail-worker.js';

/** The workers that need no database: they take everything from their jobs and answer through Redis. */
export interface RunningWorkers {
  close(): Promise<void>;
}

type Starter = (settings: Settings, logger: Logger, mail: MailParts) => Promise<{ close(): Promise<void> }>;

// Add a worker here: each starter owns its connections and closes them.
const STARTERS: Starter[] = [startMailWorker, startDigestWorkers];

/** Starts every stateless worker (mail, compose, send) under QUEUE_PREFIX. */
export async function startWorkers(settings: Settings, logger: Logger): Promise<RunningWorkers> {
  const mail = await createMailParts(settings, logger);
  const running: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    await Promise.allSettled(running.map((w) => w.close()));
    mail.mailer.close();
  };
  try {
    for (const start of STARTERS) running.push(await start(settings, logger, mail));
  } catch (err) {
    await closeAll();
    throw err;
  }
  return { close: closeAll };
}
