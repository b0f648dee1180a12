import type { AppContext } from '../context.js';
import { resumeDigest } from '../digests/digest-service.js';
import { unfinishedDigests } from '../digests/digest-repository.js';
import type { Logger } from '../logger.js';

/**
 * Picks up digests a stop or a crash left unfinished: compose jobs for readers still waiting, send jobs
 * for emails stored but never queued. Job ids make anything still queued a no-op.
 */
export async function resumeUnfinishedDigests(ctx: AppContext, logger: Logger): Promise<void> {
  for (const digest of unfinishedDigests(ctx.db)) {
    await resumeDigest(ctx, digest);
    logger.info({ digestId: digest.id, status: digest.status }, 'resumed unfinished digest');
  }
}
