import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { deliveries, digestProfiles } from '../db/schema.js';
import { digestBounceCounts } from '../bounces/bounce-repository.js';
import { waitingStates } from '../deliveries/delivery-statuses.js';
import { deliveriesPageView } from '../deliveries/delivery-view.js';
import type { DeliveryStatus } from '../domain/statuses.js';
import { type Digest, getDigest } from './digest-repository.js';
import type { DigestView } from './digest-schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const byComposer = preparedPerDb((db) =>
  db
    .select({ composedWith: digestProfiles.composedWith, n: count() })
    .from(digestProfiles)
    .where(eq(digestProfiles.digestId, sql.placeholder('digestId')))
    .groupBy(digestProfiles.composedWith)
    .prepare(),
);

/** How many of a digest's profiles the model wrote and how many the fallback composer wrote (DESIGN: the digest records it). */
function profilesByComposer(db: Db, digestId: number): { llm: number; fallback: number } {
  const rows = byComposer(db).all({ digestId });
  const of = (c: 'llm' | 'fallback') => rows.find((r) => r.composedWith === c)?.n ?? 0;
  return { llm: of('llm'), fallback: of('fallback') };
}

// Only the states the view counts: the digest's sent and skipped rows (most of them, once it is under way) are not read.
const COUNTED = ['cancelled', ...new Set([...waitingStates(false), ...waitingStates(true)])] as const satisfies readonly DeliveryStatus[];
const byStatus = preparedPerDb((db) =>
  db
    .select({ status: deliveries.status, n: count() })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, sql.placeholder('digestId')), inArray(deliveries.status, [...COUNTED])))
    .groupBy(deliveries.status)
    .prepare(),
);

/** How many of a digest's deliveries are cancelled, and how many it still waits for. */
function openCounts(db: Db, digest: Digest): { cancelled: number; waiting: number } {
  const counts = new Map(
    byStatus(db)
      .all({ digestId: digest.id })
      .map((r) => [r.status, r.n]),
  );
  return { cancelled: counts.get('cancelled') ?? 0, waiting: waitingStates(digest.dryRun).reduce((n, state) => n + (counts.get(state) ?? 0), 0) };
}

/** A digest as the API and the CLI show it: status, window and every count. */
export function digestView(db: Db, digest: Digest): DigestView {
  const counts = openCounts(db, digest);
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
      waiting: counts.waiting,
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
