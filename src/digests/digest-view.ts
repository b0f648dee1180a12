import type { Db } from '../db/client.js';
import { deliveryCounts } from '../deliveries/delivery-repository.js';
import { waitingStates } from '../deliveries/delivery-statuses.js';
import type { Digest } from './digest-repository.js';
import type { DigestView } from './digest-schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A digest as the API and the CLI show it: status, window and every count. */
export function digestView(db: Db, digest: Digest): DigestView {
  const counts = deliveryCounts(db, digest.id);
  return {
    id: digest.id,
    period: digest.period,
    status: digest.status,
    dryRun: digest.dryRun,
    windowStart: digest.windowStart.toISOString(),
    windowEnd: digest.windowEnd.toISOString(),
    model: digest.model,
    error: digest.error,
    createdAt: digest.createdAt.toISOString(),
    startedAt: iso(digest.startedAt),
    finishedAt: iso(digest.finishedAt),
    counts: {
      items: digest.itemCount,
      planned: digest.plannedCount,
      skipped: digest.skippedCount,
      profiles: digest.profileCount,
      llmCalls: digest.llmCallCount,
      composedWithLlm: digest.composedWithLlm,
      composedWithoutLlm: digest.composedWithoutLlm,
      sent: digest.sentCount,
      failed: digest.failedCount,
      cancelled: counts.cancelled,
      waiting: waitingStates(digest.dryRun).reduce((n, state) => n + counts[state], 0),
    },
  };
}
