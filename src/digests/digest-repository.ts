import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { deliveries, digests } from '../db/schema.js';
import type { DeliveryStatus } from '../domain/statuses.js';
import { NotFoundError } from '../errors.js';

export type Digest = typeof digests.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;

const DEAD = ['cancelled', 'failed'] as const;

export function getDigest(db: DbOrTx, id: number): Digest {
  const digest = db.select().from(digests).where(eq(digests.id, id)).get();
  if (!digest) throw new NotFoundError(`Digest ${id} does not exist`);
  return digest;
}

/**
 * The live digest for a period, if there is one: a real one that is not cancelled or failed, or a dry
 * run still in progress (a finished dry run may be run again, e.g. after the content changed).
 */
export function findLiveDigest(db: DbOrTx, period: string, dryRun: boolean): Digest | undefined {
  const live = dryRun ? inArray(digests.status, ['planned', 'composing', 'sending']) : notInArray(digests.status, [...DEAD]);
  return db
    .select()
    .from(digests)
    .where(and(eq(digests.period, period), eq(digests.dryRun, dryRun), live))
    .get();
}

/** The latest real digest that counts as sent or sending: its window end is the next digest's start. */
export function previousDigest(db: Db): Digest | undefined {
  return db
    .select()
    .from(digests)
    .where(and(eq(digests.dryRun, false), notInArray(digests.status, [...DEAD])))
    .orderBy(desc(digests.windowEnd))
    .limit(1)
    .get();
}

export function listDigests(db: Db, limit = 50): Digest[] {
  return db.select().from(digests).orderBy(desc(digests.id)).limit(limit).all();
}

/** Digests a restarted owner must pick up again. */
export function unfinishedDigests(db: Db): Digest[] {
  return db.select().from(digests).where(inArray(digests.status, ['planned', 'composing', 'sending'])).all();
}

/** Adds to a digest's counters in one statement (safe under concurrent result processing). */
export function bumpDigestCounts(
  db: DbOrTx,
  id: number,
  delta: Partial<Record<'composedWithLlm' | 'composedWithoutLlm' | 'sentCount' | 'failedCount' | 'llmCallCount', number>>,
): void {
  const set: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(delta)) {
    if (!n) continue;
    const column = digests[key as keyof typeof delta];
    set[key] = sql`${column} + ${n}`;
  }
  if (Object.keys(set).length) db.update(digests).set(set).where(eq(digests.id, id)).run();
}

/** Counts deliveries of a digest by status. */
export function deliveryCounts(db: DbOrTx, digestId: number): Record<DeliveryStatus, number> {
  const rows = db
    .select({ status: deliveries.status, n: sql<number>`count(*)` })
    .from(deliveries)
    .where(eq(deliveries.digestId, digestId))
    .groupBy(deliveries.status)
    .all();
  const counts = { planned: 0, composed: 0, sending: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** The key that names a digest in Redis marks and jobs: id plus creation time (see delivery-guard). */
export function digestKeyOf(digest: Pick<Digest, 'id' | 'createdAt'>): string {
  return `${digest.id}.${digest.createdAt.getTime()}`;
}
