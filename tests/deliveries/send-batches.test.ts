import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client.js';
import { deliveries, digests, subscribers } from '../../src/db/schema.js';
import { eraseCopies, planDelivery, retryFailedSends } from '../../src/deliveries/delivery-transitions.js';
import { assignSendBatches, sendBatchMembers, unsentSendBatches } from '../../src/deliveries/send-batches.js';
import type { DeliveryStatus } from '../../src/domain/statuses.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';

let db: Db;
let n = 0;
let years = 0;

function newDigest(): number {
  return db
    .insert(digests)
    .values({ period: `${2200 + years++}-01`, dryRun: false, windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01') })
    .returning({ id: digests.id })
    .get().id;
}

/** A delivery of a new reader in `profileKey`, put in `status` (past planned: composed by the fallback). */
function delivery(digestId: number, profileKey: string, status: DeliveryStatus = 'composed'): { id: number; subscriberId: number } {
  n += 1;
  const email = `batch${n}@example.org`;
  const subscriberId = seedSubscriber(db, { email, name: `Reader ${n}` });
  planDelivery(db, { digestId, subscriberId, email, profileKey, itemIds: [], messageId: `<b${n}@labdigest.test>` });
  const id = db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.subscriberId, subscriberId)).get()!.id;
  if (status !== 'planned') db.update(deliveries).set({ status, composedWith: 'fallback', subject: 'S' }).where(eq(deliveries.id, id)).run();
  return { id, subscriberId };
}

const batchOf = (id: number) => db.select({ b: deliveries.sendBatch }).from(deliveries).where(eq(deliveries.id, id)).get()!.b;

describe('send batches', () => {
  beforeAll(() => {
    db = openDatabase(':memory:');
  });
  afterAll(() => db.$client.close());

  it('batches composed readers by profile, at most `size` each, and keeps a batch once given', () => {
    const digest = newDigest();
    // Profiles interleave in planning order; a batch still holds one profile only.
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 5; i++) {
      a.push(delivery(digest, 'a').id);
      b.push(delivery(digest, 'b').id);
    }
    const planned = delivery(digest, 'a', 'planned');
    const sent = delivery(digest, 'a', 'sent');
    expect(assignSendBatches(db, digest, 2)).toBe(6);
    expect(a.map(batchOf)).toEqual([1, 1, 2, 2, 3]);
    expect(b.map(batchOf)).toEqual([4, 4, 5, 5, 6]);
    expect([batchOf(planned.id), batchOf(sent.id)]).toEqual([null, null]);

    // Queued again (a restart): nothing changes. A profile composed later gets the next numbers.
    expect(assignSendBatches(db, digest, 2)).toBe(0);
    const late = [delivery(digest, 'c').id, delivery(digest, 'c').id, delivery(digest, 'c').id];
    expect(assignSendBatches(db, digest, 2, 'c')).toBe(2);
    expect(late.map(batchOf)).toEqual([7, 7, 8]);
    expect(a.map(batchOf)).toEqual([1, 1, 2, 2, 3]);
  });

  it('reads the members of the next batches in order, only unsent readers still on file, with their values', () => {
    const digest = newDigest();
    const rows = [delivery(digest, 'a'), delivery(digest, 'a'), delivery(digest, 'a'), delivery(digest, 'b')];
    assignSendBatches(db, digest, 2);
    db.update(deliveries).set({ status: 'sent' }).where(eq(deliveries.id, rows[1]!.id)).run();
    const erased = delivery(digest, 'b');
    assignSendBatches(db, digest, 2);
    eraseCopies(db, erased.subscriberId);
    db.delete(subscribers).where(eq(subscribers.id, erased.subscriberId)).run();

    const first = sendBatchMembers(db, digest, { afterBatch: 0, limit: 1 });
    expect(first.map((m) => [m.batch, m.deliveryId])).toEqual([[1, rows[0]!.id]]);
    expect(first[0]).toMatchObject({ profileKey: 'a', email: expect.stringMatching(/^batch\d+@example\.org$/), name: expect.stringMatching(/^Reader /) });
    const rest = sendBatchMembers(db, digest, { afterBatch: 1, limit: 10 });
    expect(rest.map((m) => [m.batch, m.deliveryId])).toEqual([
      [2, rows[2]!.id],
      [3, rows[3]!.id],
    ]);
    expect(sendBatchMembers(db, digest, { afterBatch: 0, limit: 10, profileKey: 'b' }).map((m) => m.deliveryId)).toEqual([rows[3]!.id]);
    // Batch 4 held only the erased reader: its job is still one a cancel must remove.
    expect(unsentSendBatches(db, digest).sort()).toEqual([1, 2, 3, 4]);
  });

  it('puts retried failures in new batches, so their jobs get new ids', () => {
    const digest = newDigest();
    const rows = [delivery(digest, 'a'), delivery(digest, 'a')];
    assignSendBatches(db, digest, 5);
    db.update(deliveries).set({ status: 'failed' }).where(eq(deliveries.id, rows[0]!.id)).run();
    db.update(deliveries).set({ status: 'sent' }).where(eq(deliveries.id, rows[1]!.id)).run();
    expect(retryFailedSends(db, digest)).toBe(1);
    expect(batchOf(rows[0]!.id)).toBeNull();
    expect(assignSendBatches(db, digest, 5)).toBe(1);
    expect(batchOf(rows[0]!.id)).toBe(2);
  });
});
