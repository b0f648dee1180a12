import { startBounceWorker } from './bounce-reader.js';
import type { AppContext } from '../context.js';
import type { Logger } from '../logger.js';
import { startDigestSchedule } from './digest-schedule.js';
import { resumeUnfinishedDigests } from './digest-resumption.js';
import { startOwnerHeartbeat } from './owner-heartbeat.js';
import { startRelayWatch } from './relay-watch.js';
import { startResultApplier } from './result-applier.js';

/** What runs only in the one process that owns the database; close() stops it all. */
export interface OwnerParts {
  close(): Promise<void>;
}

/**
 * Starts the owner's parts in order: the relay watch (it picks up digests a relay outage left paused), the
 * result applier (resumed work reports to it, the relay's reports go to the watch), the monthly
 * schedule, the bounce mailbox reader, the resumption of unfinished digests, and last the heartbeat
 * that tells the CLI a server runs. If one fails to start, those already started are closed again.
 */
export async function startOwnerParts(ctx: AppContext, logger: Logger): Promise<OwnerParts> {
  const started: Array<{ close(): Promise<void> }> = [];
  const close = async () => {
    for (const part of started.splice(0).reverse()) await part.close();
  };
  try {
    const relay = await startRelayWatch(ctx, logger);
    started.push(relay);
    started.push(await startResultApplier(ctx, logger, relay));
    started.push(await startDigestSchedule(ctx, logger));
    started.push(await startBounceWorker(ctx, logger));
    await resumeUnfinishedDigests(ctx, logger);
    started.push(await startOwnerHeartbeat(ctx, logger));
  } catch (err) {
    await close();
    throw err;
  }
  return { close };
}
