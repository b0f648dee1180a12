import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client.js';
import { deliveries, digests } from '../../src/db/schema.js';
import {
  composedCopies,
  countWaiting,
  deliveriesPage,
  deliveryCounts,
  deliveryOfReader,
  readersServedIn,
  unsentDeliveryIds,
  unsentOfReader,
} from '../../src/deliveries/delivery-repository.js';
import { eraseCopies, planDelivery, storeComposedCopy } from '../../src/deliveries/delivery-transitions.js';
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

/** One delivery in `status` for a reader (a new one unless given); composed ones get a stored copy. */
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
    storeComposedCopy(db, { digestId, deliveryId: id, subject: `S${n}`, html: `<p>${n}</p>`, text: `${n}`, itemIds: [], composedWith: 'fallback' });
    db.update(deliveries).set({ status }).where(eq(deliveries.id, id)).run();
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
    expect(countWaiting(db, digest, false)).toBe(3);
    // A dry run is done with a reader once composed.
    expect(countWaiting(db, digest, true)).toBe(1);
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

  it('reads composed copies in pages, of one profile if asked, only for readers still on file', () => {
    const digest = newDigest({ dryRun: false });
    const a = [
      delivery(digest, 'composed', { profileKey: 'a' }),
      delivery(digest, 'composed', { profileKey: 'a' }),
      delivery(digest, 'composed', { profileKey: 'a' }),
    ];
    const b = delivery(digest, 'composed', { profileKey: 'b' });
    delivery(digest, 'sent', { profileKey: 'a' });
    delivery(digest, 'planned', { profileKey: 'a' });
    const erased = delivery(digest, 'composed', { profileKey: 'a' });
    eraseCopies(db, erased.subscriberId);

    const page1 = composedCopies(db, digest, { profileKey: 'a', afterId: 0, limit: 2 });
    const page2 = composedCopies(db, digest, { profileKey: 'a', afterId: page1.at(-1)!.deliveryId, limit: 2 });
    expect([...page1, ...page2].map((c) => c.deliveryId)).toEqual(a.map((d) => d.id));
    expect(page1[0]).toMatchObject({ subscriberId: a[0]!.subscriberId, subject: expect.stringMatching(/^S\d+$/), html: expect.stringContaining('<p>') });
    expect(composedCopies(db, digest, { afterId: 0, limit: 100 }).map((c) => c.deliveryId)).toEqual([...a.map((d) => d.id), b.id]);
  });

  it('finds a reader’s unsent deliveries in real digests only, and a digest’s unsent ids', () => {
    const real = newDigest({ dryRun: false });
    const dry = newDigest({ dryRun: true });
    const reader = delivery(real, 'composed');
    delivery(dry, 'planned', { subscriberId: reader.subscriberId });
    const done = newDigest({ dryRun: false });
    delivery(done, 'sent', { subscriberId: reader.subscriberId });
    expect(unsentOfReader(db, reader.subscriberId).map((d) => d.id)).toEqual([reader.id]);
    const planned = delivery(real, 'planned');
    delivery(real, 'failed');
    expect(unsentDeliveryIds(db, real)).toEqual([reader.id, planned.id]);
  });

  it('knows who already got a period’s email from a real digest', () => {
    const cancelled = newDigest({ period: '2027-03', dryRun: false });
    const got = delivery(cancelled, 'sent');
    delivery(cancelled, 'cancelled');
    delivery(newDigest({ period: '2027-03', dryRun: true }), 'sent');
    delivery(newDigest({ period: '2027-04', dryRun: false }), 'sent');
    expect([...readersServedIn(db, '2027-03')]).toEqual([got.subscriberId]);
  });

  it('finds a reader’s delivery in a digest for the preview', () => {
    const digest = newDigest();
    const d = delivery(digest, 'composed');
    expect(deliveryOfReader(db, digest, d.subscriberId)).toMatchObject({ id: d.id, status: 'composed', html: expect.any(String) });
    expect(deliveryOfReader(db, digest, d.subscriberId + 1000)).toBeUndefined();
  });
});
