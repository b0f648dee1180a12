import { and, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { preparedPerDb, valueSlot } from '../db/prepared.js';
import { digests } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import { DEAD_DIGEST_STATUSES, LIVE_DIGEST_STATUSES } from './digest-statuses.js';

export type Digest = typeof digests.$inferSelect;

const live = () => inArray(digests.status, [...LIVE_DIGEST_STATUSES]);

const digestById = preparedPerDb((db) =>
  db
    .select()
    .from(digests)
    .where(eq(digests.id, sql.placeholder('id')))
    .prepare(),
);

/** One digest by id, or a NotFoundError. */
export function getDigest(db: DbOrTx, id: number): Digest {
  const digest = digestById(db).get({ id });
  if (!digest) throw new NotFoundError(`Digest ${id} does not exist`);
  return digest;
}

/**
 * The live digest for a period, if there is one: a real one that is not cancelled or failed, or a dry
 * run still in progress (a finished dry run may be run again, e.g. after the content changed).
 */
export function findLiveDigest(db: DbOrTx, period: string, dryRun: boolean): Digest | undefined {
  const current = dryRun ? live() : notInArray(digests.status, [...DEAD_DIGEST_STATUSES]);
  return db
    .select()
    .from(digests)
    .where(and(eq(digests.period, period), eq(digests.dryRun, dryRun), current))
    .get();
}

/** The latest real digest that counts as sent or sending: its window end is the next digest's start. */
export function previousDigest(db: Db): Digest | undefined {
  return db
    .select()
    .from(digests)
    .where(and(eq(digests.dryRun, false), notInArray(digests.status, [...DEAD_DIGEST_STATUSES])))
    .orderBy(desc(digests.windowEnd))
    .limit(1)
    .get();
}

/** The latest digests, newest first. */
export function listDigests(db: Db, limit = 50): Digest[] {
  return db.select().from(digests).orderBy(desc(digests.id)).limit(limit).all();
}

/** Digests a restarted owner must pick up again. */
export function unfinishedDigests(db: Db): Digest[] {
  return db.select().from(digests).where(live()).all();
}

const COUNTERS = ['composedWithLlm', 'composedWithoutLlm', 'sentCount', 'failedCount', 'llmCallCount', 'groundingReplacedCount'] as const;
type Counter = (typeof COUNTERS)[number];

// Every counter in one statement, adding 0 to those a result does not touch: one prepared statement for every result.
const bumpCounters = preparedPerDb((db) =>
  db
    .update(digests)
    .set(Object.fromEntries(COUNTERS.map((c) => [c, sql`${digests[c]} + ${sql.placeholder(c)}`])))
    .where(eq(digests.id, sql.placeholder('id')))
    .prepare(),
);

/** Adds to a digest's counters in one statement (safe under concurrent result processing). */
export function bumpDigestCounts(db: DbOrTx, id: number, delta: Partial<Record<Counter, number>>): void {
  const values: Record<string, number> = { id };
  let any = false;
  for (const c of COUNTERS) {
    values[c] = delta[c] ?? 0;
    if (values[c] !== 0) any = true;
  }
  if (any) bumpCounters(db).run(values);
}

const closeAsSent = preparedPerDb((db) =>
  db
    .update(digests)
    .set({ status: 'sent', finishedAt: valueSlot<Date>('now') })
    .where(and(eq(digests.id, sql.placeholder('id')), live(), ne(digests.status, 'review')))
    .prepare(),
);

/** A live digest has nothing left to wait for: it is sent. Never one in review: only an editor moves it on. */
export function closeDigestAsSent(db: DbOrTx, id: number, now = new Date()): number {
  return closeAsSent(db).run({ id, now }).changes;
}

/** An editor stopped a live digest. */
export function closeDigestAsCancelled(db: DbOrTx, id: number, now = new Date()): number {
  return db
    .update(digests)
    .set({ status: 'cancelled', finishedAt: now })
    .where(and(eq(digests.id, id), live()))
    .run().changes;
}

/** A live digest cannot go on (LLM_REQUIRED and the model failed). */
export function closeDigestAsFailed(db: DbOrTx, id: number, error: string, now = new Date()): number {
  return db
    .update(digests)
    .set({ status: 'failed', error: error.slice(0, 1000), finishedAt: now })
    .where(and(eq(digests.id, id), live()))
    .run().changes;
}

const startSending = preparedPerDb((db) =>
  db
    .update(digests)
    .set({ status: 'sending' })
    .where(and(eq(digests.id, sql.placeholder('id')), eq(digests.status, 'composing'), eq(digests.reviewRequired, false)))
    .prepare(),
);

/** The first email of a digest that needs no review is composed: it is sending now. */
export function startDigestSending(db: DbOrTx, id: number): number {
  return startSending(db).run({ id }).changes;
}

/** An admin approved a digest in review: it is sending now, and says who approved it and when. */
export function approveReviewedDigest(db: DbOrTx, id: number, actor: string, now = new Date()): number {
  return db
    .update(digests)
    .set({ status: 'sending', approvedBy: actor.slice(0, 320), approvedAt: now })
    .where(and(eq(digests.id, id), eq(digests.status, 'review')))
    .run().changes;
}

/** Adds lines replaced for failing the grounding check to a digest's count. */
export function bumpGroundingReplaced(db: DbOrTx, id: number, n: number): void {
  if (n > 0) bumpDigestCounts(db, id, { groundingReplacedCount: n });
}

/** The key that names a digest in Redis marks and jobs: id plus creation time (see delivery-guard). */
export function digestKeyOf(digest: Pick<Digest, 'id' | 'createdAt'>): string {
  return `${digest.id}.${digest.createdAt.getTime()}`;
}
