import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client.js';
import { deliveries, digests, subscribers } from '../../src/db/schema.js';
import type { Delivery } from '../../src/deliveries/delivery-repository.js';
import {
  cancelItemsDeleted,
  cancelReadersWhoLeft,
  cancelWaitingDeliveries,
  eraseCopies,
  failComposeOfProfile,
  markProfileComposed,
  planDelivery,
  recordSendFailed,
  recordSent,
  recordSentBatch,
  skipDelivery,
  updateComposedOfProfile,
  withdrawDeliveries,
} from '../../src/deliveries/delivery-transitions.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../src/domain/statuses.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';

const NOW = new Date('2026-11-02T10:00:00Z');
let db: Db;
let digestId: number;
let otherDigestId: number;
let n = 0;

function newDigest(): number {
  return db
    .insert(digests)
    .values({ period: '2026-11', dryRun: true, windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01') })
    .returning({ id: digests.id })
    .get().id;
}

/**
 * A planned delivery for a new reader in a profile of its own, then put in `status` by hand (the state a
 * transition starts from).
 */
function deliveryIn(status: DeliveryStatus, over: { digestId?: number; profileKey?: string; html?: string | null } = {}): Delivery {
  n += 1;
  const email = `reader${n}@example.org`;
  const subscriberId = seedSubscriber(db, { email });
  planDelivery(db, {
    digestId: over.digestId ?? digestId,
    subscriberId,
    email,
    profileKey: over.profileKey ?? `p${n}`,
    itemIds: [1, 2],
    messageId: `<m${n}@labdigest.test>`,
  });
  const row = db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriberId)).get()!;
  db.update(deliveries)
    .set({ status, html: over.html === undefined ? null : over.html, error: 'before' })
    .where(eq(deliveries.id, row.id))
    .run();
  return read(row.id);
}

const read = (id: number): Delivery => db.select().from(deliveries).where(eq(deliveries.id, id)).get()!;

/** Runs a transition on one delivery in every starting status; returns the statuses it changed. */
function changesFrom(transition: (d: Delivery) => number): DeliveryStatus[] {
  return DELIVERY_STATUSES.filter((status) => {
    const d = deliveryIn(status);
    const changed = transition(d);
    if (changed === 0) expect(read(d.id), `from ${status}: nothing changes`).toEqual(d);
    return changed > 0;
  });
}

describe('delivery transitions', () => {
  beforeAll(() => {
    db = openDatabase(':memory:');
    digestId = newDigest();
    otherDigestId = newDigest();
  });
  afterAll(() => db.$client.close());

  it('plans and skips readers', () => {
    const ana = seedSubscriber(db, { email: 'plan-ana@example.org' });
    const ben = seedSubscriber(db, { email: 'plan-ben@example.org' });
    planDelivery(db, { digestId, subscriberId: ana, email: 'plan-ana@example.org', profileKey: 'k', itemIds: [3], messageId: '<a@x>' });
    skipDelivery(db, { digestId, subscriberId: ben, email: 'plan-ben@example.org', messageId: '<b@x>', reason: 'nothing new for this reader' });
    const rows = db
      .select()
      .from(deliveries)
      .where(eq(deliveries.digestId, digestId))
      .all()
      .filter((r) => r.email.startsWith('plan-'));
    expect(rows.map((r) => [r.email, r.status, r.profileKey, r.itemIds, r.error])).toEqual([
      ['plan-ana@example.org', 'planned', 'k', [3], null],
      ['plan-ben@example.org', 'skipped', null, [], 'nothing new for this reader'],
    ]);
  });

  it('composes a whole profile at once: its planned readers still on file move to composed, a sent one learns what it got', () => {
    const composed = { subject: 'S', itemIds: [2], composedWith: 'llm' as const };
    const rows = DELIVERY_STATUSES.map((status) => deliveryIn(status, { profileKey: 'whole' }));
    const erased = deliveryIn('planned', { profileKey: 'whole' });
    eraseCopies(db, erased.subscriberId!);
    db.delete(subscribers).where(eq(subscribers.id, erased.subscriberId!)).run();
    const elsewhere = deliveryIn('planned', { profileKey: 'other' });
    const otherDigest = deliveryIn('planned', { digestId: otherDigestId, profileKey: 'whole' });
    expect(markProfileComposed(db, { digestId, profileKey: 'whole', ...composed }, NOW)).toBe(2);
    expect(rows.map((r) => read(r.id).status)).toEqual(DELIVERY_STATUSES.map((s) => (s === 'planned' ? 'composed' : s)));
    expect(read(rows[0]!.id)).toMatchObject({ subject: 'S', itemIds: [2], composedWith: 'llm', updatedAt: NOW });
    // A 'sent' report that came first: the row stays sent and says what it was sent with.
    expect(read(rows[3]!.id)).toMatchObject({ status: 'sent', subject: 'S', composedWith: 'llm' });
    expect(read(rows[4]!.id)).toMatchObject({ status: 'failed', subject: null, composedWith: null });
    expect(read(erased.id)).toMatchObject({ subscriberId: null, email: 'erased', status: 'planned', subject: null });
    expect(read(elsewhere.id).status).toBe('planned');
    expect(read(otherDigest.id).status).toBe('planned');
    // A repeated report finds nothing planned any more.
    expect(markProfileComposed(db, { digestId, profileKey: 'whole', ...composed }, NOW)).toBe(0);
    // A profile composed again in review: its composed rows say what the new email shows.
    expect(updateComposedOfProfile(db, { digestId, profileKey: 'whole', subject: 'S2', itemIds: [3], composedWith: 'fallback' }, NOW)).toBe(2);
    expect(read(rows[0]!.id)).toMatchObject({ subject: 'S2', itemIds: [3], composedWith: 'fallback' });
    expect(read(rows[1]!.id).subject).toBe('S2');
    expect(read(rows[3]!.id).subject).toBe('S');
  });

  it('records a batch of sends in one statement, with the same rules as one', () => {
    const rows = DELIVERY_STATUSES.map((status) => deliveryIn(status));
    expect(recordSentBatch(db, { deliveryIds: rows.map((r) => r.id), attempts: 3 }, NOW)).toBe(5);
    expect(rows.map((r) => read(r.id).status)).toEqual(DELIVERY_STATUSES.map((s) => (s === 'skipped' ? 'skipped' : 'sent')));
    expect(read(rows[0]!.id)).toMatchObject({ attempts: 3, sentAt: NOW, error: null });
    expect(recordSentBatch(db, { deliveryIds: [], attempts: 1 }, NOW)).toBe(0);
  });

  it('records a send even after a cancel or a failure, never over a skip or twice', () => {
    const changed = changesFrom((d) => recordSent(db, { deliveryId: d.id, messageId: d.messageId, attempts: 2 }, NOW));
    expect(changed).toEqual(['planned', 'composed', 'sending', 'failed', 'cancelled']);
    const d = deliveryIn('cancelled');
    recordSent(db, { deliveryId: d.id, messageId: d.messageId, attempts: 3 }, NOW);
    expect(read(d.id)).toMatchObject({ status: 'sent', attempts: 3, sentAt: NOW, error: null });
  });

  it('records a failed send only while the delivery waits', () => {
    const changed = changesFrom((d) => recordSendFailed(db, { deliveryId: d.id, error: '550 no such user', attempts: 1 }, NOW));
    expect(changed).toEqual(['planned', 'composed', 'sending']);
    const d = deliveryIn('composed');
    recordSendFailed(db, { deliveryId: d.id, error: 'x'.repeat(5000), attempts: 6 }, NOW);
    expect(read(d.id)).toMatchObject({ status: 'failed', attempts: 6 });
    expect(read(d.id).error).toHaveLength(1000);
  });

  it('fails the waiting readers of one profile when it cannot be composed', () => {
    expect(changesFrom((d) => failComposeOfProfile(db, digestId, d.profileKey!, 'model required', NOW))).toEqual(['planned']);
    const mine = deliveryIn('planned', { profileKey: 'fail-me' });
    const other = deliveryIn('planned', { profileKey: 'fail-other' });
    expect(failComposeOfProfile(db, digestId, 'fail-me', 'model required', NOW)).toBe(1);
    expect(read(mine.id)).toMatchObject({ status: 'failed', error: 'model required' });
    expect(read(other.id).status).toBe('planned');
  });

  it('withdraws what a reader who left has not been sent', () => {
    expect(changesFrom((d) => withdrawDeliveries(db, [d.id], NOW))).toEqual(['planned', 'composed']);
    const d = deliveryIn('composed');
    withdrawDeliveries(db, [d.id], NOW);
    expect(read(d.id)).toMatchObject({ status: 'cancelled', error: 'reader left before sending' });
    expect(withdrawDeliveries(db, [], NOW)).toBe(0);
  });

  it('cancels what a cancelled or failed digest has not sent, in that digest only', () => {
    const own = newDigest();
    const other = newDigest();
    const rows = DELIVERY_STATUSES.map((status) => deliveryIn(status, { digestId: own }));
    const bystander = deliveryIn('planned', { digestId: other });
    expect(cancelWaitingDeliveries(db, own, 'digest failed', NOW)).toBe(2);
    expect(rows.map((r) => read(r.id).status)).toEqual(DELIVERY_STATUSES.map((s) => (s === 'planned' || s === 'composed' ? 'cancelled' : s)));
    expect(read(rows[0]!.id).error).toBe('digest failed');
    expect(read(bystander.id).status).toBe('planned');
  });

  it('cancels at compose time only readers not composed yet', () => {
    const own = newDigest();
    const rows = DELIVERY_STATUSES.map((status) => deliveryIn(status, { digestId: own }));
    const left = deliveryIn('planned', { digestId: own });
    const paused = deliveryIn('planned', { digestId: own });
    db.update(subscribers).set({ status: 'unsubscribed' }).where(eq(subscribers.id, left.subscriberId!)).run();
    db.update(subscribers).set({ paused: true }).where(eq(subscribers.id, paused.subscriberId!)).run();
    db.update(subscribers).set({ status: 'unsubscribed' }).where(eq(subscribers.id, rows[1]!.subscriberId!)).run();
    expect(cancelReadersWhoLeft(db, own, NOW)).toBe(2);
    expect(read(left.id)).toMatchObject({ status: 'cancelled', error: 'reader left or paused before sending' });
    expect(read(paused.id).status).toBe('cancelled');
    // Still reading, or past planning: untouched.
    expect(rows.map((r) => read(r.id).status)).toEqual([...DELIVERY_STATUSES]);
    const d = deliveryIn('planned', { profileKey: 'gone-items' });
    const other = deliveryIn('planned', { profileKey: 'kept-items' });
    expect(cancelItemsDeleted(db, digestId, 'gone-items', NOW)).toBe(1);
    expect(read(d.id)).toMatchObject({ status: 'cancelled', error: 'its items were deleted before sending' });
    expect(read(other.id).status).toBe('planned');
  });

  it('erases the address and the stored copy of one reader, keeping status and counts', () => {
    const d = deliveryIn('sent', { html: '<p>Dear Ana</p>' });
    const other = deliveryIn('sent', { html: '<p>Dear Ben</p>' });
    expect(eraseCopies(db, d.subscriberId!)).toBe(1);
    expect(read(d.id)).toMatchObject({ status: 'sent', email: 'erased', html: null, text: null, subject: null, messageId: d.messageId });
    expect(read(other.id)).toEqual(other);
  });
});
