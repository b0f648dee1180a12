import { and, asc, eq, gt, inArray, isNotNull, isNull, max, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { deliveries, subscribers } from '../db/schema.js';
import { UNSENT_STATUSES } from './delivery-statuses.js';

/**
 * Send batches: the readers one send job carries. A composed delivery gets a digest-wide batch number the
 * first time it is queued and keeps it, so queueing again (a resume, a restart) makes the same jobs under
 * the same ids, which BullMQ de-duplicates. A batch holds readers of one profile only (the worker reads
 * one render per job).
 */

/** Deliveries are read this many at a time when batching: memory grows with the page, not the digest. */
const ASSIGN_PAGE = 2000;

/** Gives every composed delivery without a batch one (of at most `size` readers, one profile each); returns how many batches it made. */
export function assignSendBatches(db: DbOrTx, digestId: number, size: number, profileKey?: string): number {
  let next =
    (db
      .select({ n: max(deliveries.sendBatch) })
      .from(deliveries)
      .where(eq(deliveries.digestId, digestId))
      .get()?.n ?? 0) + 1;
  const first = next;
  for (;;) {
    const rows = db
      .select({ id: deliveries.id, profileKey: deliveries.profileKey })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.digestId, digestId),
          eq(deliveries.status, 'composed'),
          isNull(deliveries.sendBatch),
          isNotNull(deliveries.subscriberId),
          profileKey === undefined ? undefined : eq(deliveries.profileKey, profileKey),
        ),
      )
      .orderBy(asc(deliveries.profileKey), asc(deliveries.id))
      .limit(ASSIGN_PAGE)
      .all();
    if (rows.length === 0) return next - first;
    let chunk: number[] = [];
    let chunkProfile: string | null = null;
    const flush = () => {
      if (chunk.length === 0) return;
      db.update(deliveries)
        .set({ sendBatch: next++ })
        .where(and(inArray(deliveries.id, chunk), isNull(deliveries.sendBatch)))
        .run();
      chunk = [];
    };
    for (const row of rows) {
      if (row.profileKey !== chunkProfile || chunk.length >= size) flush();
      chunkProfile = row.profileKey;
      chunk.push(row.id);
    }
    flush();
  }
}

/** One reader of a send batch as the job is made from it. */
export interface BatchMember {
  batch: number;
  deliveryId: number;
  profileKey: string;
  email: string;
  messageId: string;
  subscriberId: number;
  linkKey: string | null;
  name: string | null;
}

/**
 * The composed, unsent members of the next `limit` batches after `afterBatch`, by batch then delivery:
 * what send jobs are made from. Only readers still on file.
 */
export function sendBatchMembers(db: DbOrTx, digestId: number, page: { afterBatch: number; limit: number; profileKey?: string }): BatchMember[] {
  const where = and(
    eq(deliveries.digestId, digestId),
    eq(deliveries.status, 'composed'),
    gt(deliveries.sendBatch, page.afterBatch),
    isNotNull(deliveries.subscriberId),
    page.profileKey === undefined ? undefined : eq(deliveries.profileKey, page.profileKey),
  );
  const batches = page.profileKey === undefined ? nextBatches(db, where, page.limit) : nextBatchesOfProfile(db, digestId, page.profileKey, page);
  if (batches.length === 0) return [];
  const rows = db
    .select({
      batch: deliveries.sendBatch,
      deliveryId: deliveries.id,
      profileKey: deliveries.profileKey,
      email: deliveries.email,
      messageId: deliveries.messageId,
      subscriberId: subscribers.id,
      linkKey: subscribers.linkKey,
      name: subscribers.name,
    })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(and(where, inArray(deliveries.sendBatch, batches)))
    .orderBy(asc(deliveries.sendBatch), asc(deliveries.id))
    .all();
  // The conditions above rule the nulls out; the row type cannot know it.
  return rows.map((r) => ({ ...r, batch: r.batch!, profileKey: r.profileKey! }));
}

/** The next `limit` batch numbers among the rows `where` selects. */
function nextBatches(db: DbOrTx, where: SQL | undefined, limit: number): number[] {
  return db
    .select({ batch: deliveries.sendBatch })
    .from(deliveries)
    .where(where)
    .groupBy(deliveries.sendBatch)
    .orderBy(asc(deliveries.sendBatch))
    .limit(limit)
    .all()
    .map((r) => r.batch!);
}

/**
 * The next batch numbers of one profile's composed readers, read in order from the (digest, profile,
 * state, batch) index: asked once per composed profile, it must not scan the digest's other batches.
 */
function nextBatchesOfProfile(db: DbOrTx, digestId: number, profileKey: string, page: { afterBatch: number; limit: number }): number[] {
  return nextBatches(
    db,
    and(eq(deliveries.digestId, digestId), eq(deliveries.profileKey, profileKey), eq(deliveries.status, 'composed'), gt(deliveries.sendBatch, page.afterBatch)),
    page.limit,
  );
}

/** The batches of a digest that still hold unsent deliveries: the send jobs a cancel or a pause must remove. */
export function unsentSendBatches(db: DbOrTx, digestId: number): number[] {
  return db
    .select({ batch: deliveries.sendBatch })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), inArray(deliveries.status, [...UNSENT_STATUSES]), isNotNull(deliveries.sendBatch)))
    .groupBy(deliveries.sendBatch)
    .all()
    .map((r) => r.batch!);
}
