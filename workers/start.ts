import type { Settings } from '../src/config.js';
import type { Logger } from '../src/logger.js';

/** The workers that need no database: they take everything from their jobs and answer through Redis. */
export interface RunningWorkers {
  close(): Promise<void>;
}

/** Starts every stateless worker (mail, compose, send) under QUEUE_PREFIX. */
export async function startWorkers(_settings: Settings, _logger: Logger): Promise<RunningWorkers> {
  return { async close() {} };
}
