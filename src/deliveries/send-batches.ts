import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { idsJson, inJsonList, preparedPerDb, valueSlot } from '../db/prepared.js';
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

const digestIs = () => eq(deliveries.digestId, sql.placeholder('digestId'));
const profileIs = () => eq(deliveries.profileKey, sql.placeholder('profileKey'));

const lastBatch = preparedPerDb((db) =>
  db
    .select({ n: max(deliveries.sendBatch) })
    .from(deliveries)
    .where(digestIs())
    .prepare(),
);

/** The composed deliveries without a batch, a page at a time, by profile then id (of one profile, or of the digest). */
const unbatched = (ofProfile: boolean) =>
  preparedPerDb((db) =>
    db
      .select({ id: deliveries.id, profileKey: deliveries.profileKey })
      .from(deliveries)
      .where(
        and(
          digestIs(),
          eq(deliveries.status, 'composed'),
          isNull(deliveries.sendBatch),
          isNotNull(deliveries.subscriberId),
          ofProfile ? profileIs() : undefined,
        ),
      )
      .orderBy(asc(deliveries.profileKey), asc(deliveries.id))
      .limit(ASSIGN_PAGE)
      .prepare(),
  );
const unbatchedOf = { digest: unbatched(false), profile: unbatched(true) };

const setBatch = preparedPerDb((db) =>
  db
    .update(deliveries)
    .set({ sendBatch: valueSlot<number>('batch') })
    .where(and(inJsonList(deliveries.id, 'ids'), isNull(deliveries.sendBatch)))
    .prepare(),
);

/** Gives every composed delivery without a batch one (of at most `size` readers, one profile each); returns how many batches it made. */
export function assignSendBatches(db: DbOrTx, digestId: number, size: number, profileKey?: string): number {
  const page = profileKey === undefined ? unbatchedOf.digest(db) : unbatchedOf.profile(db);
  let rows = page.all({ digestId, profileKey });
  // Asked again for readers batched already (a composed result gives them their batches): one read, nothing else.
  if (rows.length === 0) return 0;
  let next = (lastBatch(db).get({ digestId })?.n ?? 0) + 1;
  const first = next;
  for (;;) {
    let chunk: number[] = [];
    let chunkProfile: string | null = null;
    const flush = () => {
      if (chunk.length === 0) return;
      setBatch(db).run({ batch: next++, ids: idsJson(chunk) });
      chunk = [];
    };
    for (const row of rows) {
      if (row.profileKey !== chunkProfile || chunk.length >= size) flush();
      chunkProfile = row.profileKey;
      chunk.push(row.id);
    }
    flush();
    // A short page was the last one.
    if (rows.length < ASSIGN_PAGE) return next - first;
    rows = page.all({ digestId, profileKey });
    if (rows.length === 0) return next - first;
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

/** What a send job is made from: the composed, unsent deliveries with a batch after `afterBatch`, still on file (of the digest, or of one profile). */
const batchedAfter = (ofProfile: boolean) =>
  and(
    digestIs(),
    ofProfile ? profileIs() : undefined,
    eq(deliveries.status, 'composed'),
    gt(deliveries.sendBatch, sql.placeholder('afterBatch')),
    isNotNull(deliveries.subscriberId),
  );

/**
 * The next `limit` batch numbers. Of one profile, they are read in order from the (digest, profile,
 * state, batch) index: asked once per composed profile, that must not scan the digest's other batches.
 */
const nextBatches = (ofProfile: boolean) =>
  preparedPerDb((db) =>
    db
      .select({ batch: deliveries.sendBatch })
      .from(deliveries)
      .where(batchedAfter(ofProfile))
      .groupBy(deliveries.sendBatch)
      .orderBy(asc(deliveries.sendBatch))
      .limit(sql.placeholder('limit'))
      .prepare(),
  );
const nextBatchesOf = { digest: nextBatches(false), profile: nextBatches(true) };

/** The members of the batches from `afterBatch` to `lastBatch`: exactly the batches nextBatches found, read by their range. */
const membersUpTo = (ofProfile: boolean) =>
  preparedPerDb((db) =>
    db
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
      .where(and(batchedAfter(ofProfile), lte(deliveries.sendBatch, sql.placeholder('lastBatch'))))
      .orderBy(asc(deliveries.sendBatch), asc(deliveries.id))
      .prepare(),
  );
const membersUpToOf = { digest: membersUpTo(false), profile: membersUpTo(true) };

/**
 * The composed, unsent members of the next `limit` batches after `afterBatch`, by batch then delivery:
 * what send jobs are made from. Only readers still on file.
 */
export function sendBatchMembers(db: DbOrTx, digestId: number, page: { afterBatch: number; limit: number; profileKey?: string }): BatchMember[] {
  const of = page.profileKey === undefined ? 'digest' : 'profile';
  const values = { digestId, profileKey: page.profileKey, afterBatch: page.afterBatch, limit: page.limit };
  const batches = nextBatchesOf[of](db).all(values);
  if (batches.length === 0) return [];
  const rows = membersUpToOf[of](db).all({ ...values, lastBatch: batches[batches.length - 1]!.batch });
  // The conditions above rule the nulls out; the row type cannot know it.
  return rows.map((r) => ({ ...r, batch: r.batch!, profileKey: r.profileKey! }));
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
