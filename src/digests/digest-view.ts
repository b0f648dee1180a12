import type { Db } from '../db/client.js';
import { deliveryCounts, type Delivery, type Digest } from './digest-repository.js';
import type { DigestView } from './digest-schema.js';
import { waitingStates } from './digest-completion.js';

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

/** A delivery without its rendered bodies (the preview route serves those). */
export function deliveryView(d: Delivery) {
  return {
    id: d.id,
    subscriberId: d.subscriberId,
    email: d.email,
    status: d.status,
    composedWith: d.composedWith,
    subject: d.subject,
    messageId: d.messageId,
    attempts: d.attempts,
    error: d.error,
    itemIds: d.itemIds,
    sentAt: iso(d.sentAt),
  };
}
