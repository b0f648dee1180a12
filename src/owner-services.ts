import type { AppContext } from './context.js';
import type { Logger } from './logger.js';

/** Services that must run in the one process that owns the database (digest results, schedules). */
export interface OwnerServices {
  close(): Promise<void>;
}

/** Starts the database-owning consumers. */
export async function startOwnerServices(_ctx: AppContext, _logger: Logger): Promise<OwnerServices> {
  return { async close() {} };
}
