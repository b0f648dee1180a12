import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client.js';
import { deliveries, digests } from '../../src/db/schema.js';
import {
  deliveriesPage,
  deliveryCounts,
  deliveryOfReader,
  isWaitingForAny,
  readersServedIn,
  unsentOfReader,
} from '../../src/deliveries/delivery-repository.js';
import { planDelivery } from '../../src/deliveries/delivery-transitions.js';
import type { DeliveryStatus } from '../../src/domain/statuses.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';

let db: Db;
let n = 0;
let years = 0;

/** A digest row; a period of its own unless given (one live real digest per period). */
function newDigest(fields: { period?: string; dryRun?: boolean } = {}): number {
  return db
    .insert(digests)
    .values({
      period: fields.period ?? `${2100 + years++}-01`,
      dryRun: fields.dryRun ?? true,
      windowStart: new Date('2026-10-01'),
      windowEnd: new Date('2026-11-01'),
    })
    .returning({ id: digests.id })
    .get().id;
}

/** One delivery in `status` for a reader (a new one unless given); past 'planned' it says what was composed. */
function delivery(digestId: number, status: DeliveryStatus, opts: { subscriberId?: number; profileKey?: string } = {}): { id: number; subscriberId: number } {
  n += 1;
  const email = `reader${n}@example.org`;
  const subscriberId = opts.subscriberId ?? seedSubscriber(db, { email });
  planDelivery(db, { digestId, subscriberId, email, profileKey: opts.profileKey ?? 'p', itemIds: [], messageId: `<m${n}@labdigest.test>` });
  const id = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(eq(deliveries.messageId, `<m${n}@labdigest.test>`))
    .get()!.id;
  if (status !== 'planned') {
    db.update(deliveries)
      .set({ status, subject: `S${n}`, composedWith: 'fallback' })
      .where(eq(deliveries.id, id))
      .run();
  }
  return { id, subscriberId };
}

describe('delivery reads', () => {
  beforeAll(() => {
    db = openDatabase(':memory:');
  });
  afterAll(() => db.$client.close());

  it('counts by status, and what a real run and a dry run still wait for', () => {
    const digest = newDigest();
    for (const status of ['planned', 'composed', 'composed', 'sent', 'cancelled'] as const) delivery(digest, status);
    expect(deliveryCounts(db, digest)).toEqual({ planned: 1, composed: 2, sending: 0, sent: 1, failed: 0, skipped: 0, cancelled: 1 });
    expect(isWaitingForAny(db, digest, false)).toBe(true);
    expect(isWaitingForAny(db, digest, true)).toBe(true);
    // A dry run is done with a reader once composed; a real one waits until it is sent.
    const composedOnly = newDigest();
    for (const status of ['composed', 'sent', 'skipped'] as const) delivery(composedOnly, status);
    expect(isWaitingForAny(db, composedOnly, true)).toBe(false);
    expect(isWaitingForAny(db, composedOnly, false)).toBe(true);
    const done = newDigest();
    for (const status of ['sent', 'failed', 'cancelled', 'skipped'] as const) delivery(done, status);
    expect(isWaitingForAny(db, done, false)).toBe(false);
  });

  it('pages a digest’s deliveries in id order, optionally of one status', () => {
    const digest = newDigest();
    const ids = (['sent', 'failed', 'sent', 'sent', 'planned'] as const).map((s) => delivery(digest, s).id);
    const first = deliveriesPage(db, digest, { status: 'sent', page: 1, limit: 2 });
    const second = deliveriesPage(db, digest, { status: 'sent', page: 2, limit: 2 });
    expect(first.total).toBe(3);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual([ids[0], ids[2], ids[3]]);
    expect(deliveriesPage(db, digest, { page: 1, limit: 100 }).rows.map((r) => r.id)).toEqual(ids);
  });

  it('finds a reader’s unsent deliveries in real digests only, never a settled one', () => {
    const real = newDigest({ dryRun: false });
    const dry = newDigest({ dryRun: true });
    const reader = delivery(real, 'composed');
    delivery(dry, 'planned', { subscriberId: reader.subscriberId });
    const done = newDigest({ dryRun: false });
    delivery(done, 'sent', { subscriberId: reader.subscriberId });
    expect(unsentOfReader(db, reader.subscriberId).map((d) => d.id)).toEqual([reader.id]);
    const planned = delivery(real, 'planned');
    const failed = delivery(real, 'failed');
    // Planned is unsent (withdrawal acts on it); a failed one is settled.
    expect(unsentOfReader(db, planned.subscriberId).map((d) => d.id)).toEqual([planned.id]);
    expect(unsentOfReader(db, failed.subscriberId)).toEqual([]);
  });

  it('knows who already got a period’s email from a real digest', () => {
    const cancelled = newDigest({ period: '2027-03', dryRun: false });
    const got = delivery(cancelled, 'sent');
    const other = delivery(cancelled, 'cancelled');
    delivery(newDigest({ period: '2027-03', dryRun: true }), 'sent');
    delivery(newDigest({ period: '2027-04', dryRun: false }), 'sent');
    expect([...readersServedIn(db, '2027-03', [got.subscriberId, other.subscriberId])]).toEqual([got.subscriberId]);
    expect([...readersServedIn(db, '2027-03', [other.subscriberId])]).toEqual([]);
  });

  it('finds a reader’s delivery in a digest for the preview', () => {
    const digest = newDigest();
    const d = delivery(digest, 'composed');
    expect(deliveryOfReader(db, digest, d.subscriberId)).toMatchObject({ id: d.id, status: 'composed', composedWith: 'fallback' });
    expect(deliveryOfReader(db, digest, d.subscriberId + 1000)).toBeUndefined();
  });
});
