import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { digestProfiles } from '../db/schema.js';
import { digestBounceCounts } from '../bounces/bounce-repository.js';
import { deliveryCounts } from '../deliveries/delivery-repository.js';
import { waitingStates } from '../deliveries/delivery-statuses.js';
import { deliveriesPageView } from '../deliveries/delivery-view.js';
import type { DeliveryStatus } from '../domain/statuses.js';
import { type Digest, getDigest } from './digest-repository.js';
import type { DigestView } from './digest-schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** How many of a digest's profiles the model wrote and how many the fallback composer wrote (DESIGN: the digest records it). */
function profilesByComposer(db: Db, digestId: number): { llm: number; fallback: number } {
  const rows = db
    .select({ composedWith: digestProfiles.composedWith, n: count() })
    .from(digestProfiles)
    .where(eq(digestProfiles.digestId, digestId))
    .groupBy(digestProfiles.composedWith)
    .all();
  const of = (c: 'llm' | 'fallback') => rows.find((r) => r.composedWith === c)?.n ?? 0;
  return { llm: of('llm'), fallback: of('fallback') };
}

/** A digest as the API and the CLI show it: status, window and every count. */
export function digestView(db: Db, digest: Digest): DigestView {
  const counts = deliveryCounts(db, digest.id);
  const profiles = profilesByComposer(db, digest.id);
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
    reviewRequired: digest.reviewRequired,
    approvedBy: digest.approvedBy,
    approvedAt: iso(digest.approvedAt),
    groundingReplaced: digest.groundingReplacedCount,
    pausedReason: digest.pausedReason,
    counts: {
      items: digest.itemCount,
      planned: digest.plannedCount,
      skipped: digest.skippedCount,
      profiles: digest.profileCount,
      profilesWithLlm: profiles.llm,
      profilesWithoutLlm: profiles.fallback,
      llmCalls: digest.llmCallCount,
      composedWithLlm: digest.composedWithLlm,
      composedWithoutLlm: digest.composedWithoutLlm,
      sent: digest.sentCount,
      failed: digest.failedCount,
      cancelled: counts.cancelled,
      waiting: waitingStates(digest.dryRun).reduce((n, state) => n + counts[state], 0),
      // Read from the bounce mailbox (or the webhook) after sending: each delivery counted once per kind.
      ...digestBounceCounts(db, digest.id),
    },
  };
}

/** One page of a digest's deliveries as the API lists them; NotFoundError for a digest that does not exist. */
export function digestDeliveriesView(db: Db, digestId: number, query: { status?: DeliveryStatus; page: number; limit: number }) {
  getDigest(db, digestId);
  return deliveriesPageView(db, digestId, query);
}
