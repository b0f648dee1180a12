import type { Settings } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { startDigestWorkers } from './digest-workers.js';
import { startMailWorker } from './mail-worker.js';

/** The workers that need no database: they take everything from their jobs and answer through Redis. */
export interface RunningWorkers {
  close(): Promise<void>;
}

type Starter = (settings: Settings, logger: Logger) => Promise<{ close(): Promise<void> }>;

// Add a worker here: each starter owns its connections and closes them.
const STARTERS: Starter[] = [startMailWorker, startDigestWorkers];

/** Starts every stateless worker (mail, compose, send) under QUEUE_PREFIX. */
export async function startWorkers(settings: Settings, logger: Logger): Promise<RunningWorkers> {
  const running: Array<{ close(): Promise<void> }> = [];
  try {
    for (const start of STARTERS) running.push(await start(settings, logger));
  } catch (err) {
    await Promise.allSettled(running.map((w) => w.close()));
    throw err;
  }
  return {
    async close() {
      await Promise.allSettled(running.map((w) => w.close()));
    },
  };
}
