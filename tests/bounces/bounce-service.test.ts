import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { bounceEventsOfReader, digestBounceCounts } from '../../src/bounces/bounce-repository.js';
import { applyBounceEvent, type BounceEventInput, eventOfMessage } from '../../src/bounces/bounce-service.js';
import { parseBounceMessage } from '../../src/bounces/parse-bounce.js';
import { parseVerp } from '../../src/bounces/verp.js';
import { type Db, openDatabase } from '../../src/db/client.js';
import { bounceEvents, subscribers } from '../../src/db/schema.js';
import { eraseSubscriber } from '../../src/subscribers/erase.js';
import {
  bounceFixture,
  FIXTURE_BOUNCE_ADDRESS,
  FIXTURE_READERS,
  type FixtureName,
  seedDelivery,
  seedDigest,
  seedFixtureDeliveries,
} from '../helpers/bounce-seed.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';

const KEY = 'test-secret-key-0123456789abcdefghijklmnop';
const RECEIVED = new Date('2026-11-02T10:00:00Z');

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => db.$client.close();
});

const statusOf = (id: number) => db.select({ s: subscribers.status }).from(subscribers).where(eq(subscribers.id, id)).get()?.s;
const eventsOf = (id: number) => db.select().from(bounceEvents).where(eq(bounceEvents.subscriberId, id)).all();

async function applyFixture(name: string, raw: Buffer | string = bounceFixture(name)) {
  const parsed = await parseBounceMessage(raw, { verp: (a) => parseVerp(a, FIXTURE_BOUNCE_ADDRESS, KEY) });
  const event = eventOfMessage(parsed, RECEIVED);
  return event ? applyBounceEvent(db, event, RECEIVED) : null;
}

/** A soft bounce for a delivery, as the webhook or the mailbox would give it. */
function soft(deliveryId: number, messageId: string): BounceEventInput {
  return {
    kind: 'soft-bounce',
    status: '4.2.2',
    diagnostic: '452 4.2.2 Mailbox full',
    recipient: null,
    source: 'mailbox',
    messageId,
    receivedAt: RECEIVED,
    match: { deliveryId, deliveryMatch: 'verp', messageIds: [], addresses: [] },
  };
}

describe('applying the fixtures', () => {
  const expected: Record<FixtureName, { status: string; matchedBy?: string; kind?: string }> = {
    'postfix-hard.eml': { status: 'bounced', matchedBy: 'verp', kind: 'hard-bounce' },
    'postfix-delayed.eml': { status: 'active', matchedBy: 'verp', kind: 'soft-bounce' },
    'exim-hard.eml': { status: 'bounced', matchedBy: 'message-id', kind: 'hard-bounce' },
    'microsoft-ndr.eml': { status: 'bounced', matchedBy: 'message-id', kind: 'hard-bounce' },
    'gmail-hard.eml': { status: 'bounced', matchedBy: 'verp', kind: 'hard-bounce' },
    'gmail-delayed.eml': { status: 'active', matchedBy: 'verp', kind: 'soft-bounce' },
    'yahoo-arf.eml': { status: 'complained', matchedBy: 'verp', kind: 'complaint' },
    'microsoft-jmrp.eml': { status: 'complained', matchedBy: 'message-id', kind: 'complaint' },
    'mangled.eml': { status: 'bounced', matchedBy: 'verp', kind: 'hard-bounce' },
    'auto-reply.eml': { status: 'active' },
  };

  it('sets each reader as the rules say and keeps each event with its reader and delivery', async () => {
    const readers = seedFixtureDeliveries(db);
    for (const name of Object.keys(expected) as FixtureName[]) await applyFixture(name);
    expect(await applyFixture('unrelated.eml')).toBeNull();
    for (const [name, want] of Object.entries(expected) as Array<[FixtureName, (typeof expected)[FixtureName]]>) {
      const id = readers[name];
      expect(statusOf(id), name).toBe(want.status);
      const events = eventsOf(id);
      if (!want.kind) {
        expect(events, name).toEqual([]);
        continue;
      }
      expect(events, name).toHaveLength(1);
      expect(events[0], name).toMatchObject({
        kind: want.kind,
        matchedBy: want.matchedBy,
        deliveryId: FIXTURE_READERS[name].deliveryId,
        source: 'mailbox',
        receivedAt: RECEIVED,
      });
    }
    expect(eventsOf(readers['postfix-hard.eml'])[0]).toMatchObject({
      status: '5.1.1',
      recipient: 'gone@uni-example.edu',
      messageId: '<4Xk9Qd1Jq2z9sRt.1793610014@mail.lab.example.org>',
      diagnostic: '550 5.1.1 <gone@uni-example.edu>: Recipient address rejected: User unknown in local recipient table',
    });
    expect(digestBounceCounts(db, 7)).toEqual({ hardBounces: 5, softBounces: 2, complaints: 2 });
  });

  it('falls back to the failing recipient’s address when nothing else names the delivery', async () => {
    const readers = seedFixtureDeliveries(db);
    const raw = bounceFixture('exim-hard.eml')
      .toString('utf8')
      .replace(/^References: .*\n/m, '');
    const result = await applyFixture('exim-hard.eml', raw);
    expect(result).toMatchObject({ outcome: 'applied', matchedBy: 'address', deliveryId: 103, newStatus: 'bounced' });
    expect(statusOf(readers['exim-hard.eml'])).toBe('bounced');
  });

  it('records a message read twice once', async () => {
    const readers = seedFixtureDeliveries(db);
    expect(await applyFixture('postfix-delayed.eml')).toMatchObject({ outcome: 'applied' });
    expect(await applyFixture('postfix-delayed.eml')).toEqual({ outcome: 'duplicate' });
    expect(eventsOf(readers['postfix-delayed.eml'])).toHaveLength(1);
  });

  it('ignores a tampered VERP address and a bounce about nobody on file', async () => {
    seedFixtureDeliveries(db);
    const tampered = bounceFixture('mangled.eml').toString('utf8').replaceAll('bounces+31-', 'bounces+32-');
    expect(await applyFixture('mangled.eml', tampered)).toEqual({ outcome: 'unmatched' });
  });
});

describe('the rules', () => {
  it('a complaint stops a bounced reader too; a bounce leaves an unsubscribed reader as they are', () => {
    const digestId = seedDigest(db, '2026-09');
    const a = seedSubscriber(db, { email: 'a@example.net' });
    const b = seedSubscriber(db, { email: 'b@example.net', status: 'unsubscribed' });
    const da = seedDelivery(db, { digestId, subscriberId: a, email: 'a@example.net' });
    const db_ = seedDelivery(db, { digestId, subscriberId: b, email: 'b@example.net' });
    expect(applyBounceEvent(db, { ...soft(da, '<h1@x>'), kind: 'hard-bounce' })).toMatchObject({ newStatus: 'bounced' });
    expect(applyBounceEvent(db, { ...soft(da, '<c1@x>'), kind: 'complaint' })).toMatchObject({ newStatus: 'complained' });
    expect(statusOf(a)).toBe('complained');
    expect(applyBounceEvent(db, { ...soft(db_, '<h2@x>'), kind: 'hard-bounce' })).toMatchObject({ outcome: 'applied', newStatus: null });
    expect(statusOf(b)).toBe('unsubscribed');
  });

  it('a delivery whose reader was erased is not recorded', () => {
    const digestId = seedDigest(db, '2026-09');
    const deliveryId = seedDelivery(db, { digestId, subscriberId: null, email: 'erased@example.net' });
    expect(applyBounceEvent(db, soft(deliveryId, '<e@x>'))).toEqual({ outcome: 'reader-gone' });
    expect(db.select().from(bounceEvents).all()).toEqual([]);
  });

  it('erasing a reader erases their events', () => {
    const digestId = seedDigest(db, '2026-09');
    const id = seedSubscriber(db, { email: 'leaving@example.net' });
    applyBounceEvent(db, soft(seedDelivery(db, { digestId, subscriberId: id, email: 'leaving@example.net' }), '<l@x>'));
    expect(eventsOf(id)).toHaveLength(1);
    eraseSubscriber(db, KEY, id, 'admin');
    expect(db.select().from(bounceEvents).all()).toEqual([]);
  });
});

describe('soft bounces in three digests in a row', () => {
  /** A reader with one delivery in each of `periods` (status per period, sent by default). */
  function readerWithDigests(statuses: Array<'sent' | 'skipped' | 'failed'>) {
    const id = seedSubscriber(db, { email: 'soft@example.net' });
    const deliveries = statuses.map((status, i) => {
      const digestId = seedDigest(db, `2026-0${i + 1}`);
      return seedDelivery(db, { digestId, subscriberId: id, email: 'soft@example.net', status });
    });
    return { id, deliveries };
  }

  it('three digests in a row with a soft bounce make the reader bounced, on the third', () => {
    const {
      id,
      deliveries: [d1, d2, d3],
    } = readerWithDigests(['sent', 'sent', 'sent']);
    expect(applyBounceEvent(db, soft(d1!, '<s1@x>'))).toMatchObject({ newStatus: null });
    expect(applyBounceEvent(db, soft(d2!, '<s2@x>'))).toMatchObject({ newStatus: null });
    expect(statusOf(id)).toBe('active');
    expect(applyBounceEvent(db, soft(d3!, '<s3@x>'))).toMatchObject({ newStatus: 'bounced' });
    expect(statusOf(id)).toBe('bounced');
  });

  it('two soft bounces on one digest count as one digest', () => {
    const {
      id,
      deliveries: [, d2, d3],
    } = readerWithDigests(['sent', 'sent', 'sent']);
    applyBounceEvent(db, soft(d2!, '<a@x>'));
    applyBounceEvent(db, soft(d3!, '<b@x>'));
    applyBounceEvent(db, soft(d3!, '<c@x>'));
    expect(statusOf(id)).toBe('active');
  });

  it('a digest delivered in between (sent, no bounce) resets the streak', () => {
    const {
      id,
      deliveries: [d1, d2, , d4],
    } = readerWithDigests(['sent', 'sent', 'sent', 'sent']);
    for (const [i, d] of [d1, d2, d4].entries()) applyBounceEvent(db, soft(d!, `<r${i}@x>`));
    expect(statusOf(id)).toBe('active');
  });

  it('a digest the reader was not sent (skipped, failed) is passed over, not counted as delivered', () => {
    const {
      id,
      deliveries: [d1, d2, , d4],
    } = readerWithDigests(['sent', 'sent', 'skipped', 'sent']);
    for (const [i, d] of [d1, d2, d4].entries()) applyBounceEvent(db, soft(d!, `<p${i}@x>`));
    expect(statusOf(id)).toBe('bounced');
  });

  it('a late bounce for an older digest completes a run with the newer ones', () => {
    const {
      id,
      deliveries: [d1, d2, d3],
    } = readerWithDigests(['sent', 'sent', 'sent']);
    applyBounceEvent(db, soft(d3!, '<l3@x>'));
    applyBounceEvent(db, soft(d1!, '<l1@x>'));
    expect(statusOf(id)).toBe('active');
    expect(applyBounceEvent(db, soft(d2!, '<l2@x>'))).toMatchObject({ newStatus: 'bounced' });
  });

  it('a dry run is not a digest the reader got', () => {
    const id = seedSubscriber(db, { email: 'dry@example.net' });
    const real = ['2026-01', '2026-03', '2026-04'].map((period) => seedDigest(db, period));
    const dry = seedDigest(db, '2026-02');
    db.$client.prepare('UPDATE digests SET dry_run = 1 WHERE id = ?').run(dry);
    const [d1, d3, d4] = real.map((digestId) => seedDelivery(db, { digestId, subscriberId: id, email: 'dry@example.net' }));
    seedDelivery(db, { digestId: dry, subscriberId: id, email: 'dry@example.net' });
    for (const [i, d] of [d1, d3, d4].entries()) applyBounceEvent(db, soft(d!, `<d${i}@x>`));
    expect(statusOf(id)).toBe('bounced');
  });

  it('the console lists the events newest first, with their digest', () => {
    const {
      id,
      deliveries: [d1, d2],
    } = readerWithDigests(['sent', 'sent']);
    applyBounceEvent(db, { ...soft(d1!, '<o1@x>'), receivedAt: new Date('2026-01-05T00:00:00Z') });
    applyBounceEvent(db, { ...soft(d2!, '<o2@x>'), receivedAt: new Date('2026-02-05T00:00:00Z') });
    expect(bounceEventsOfReader(db, id).map((e) => [e.period, e.kind, e.status])).toEqual([
      ['2026-02', 'soft-bounce', '4.2.2'],
      ['2026-01', 'soft-bounce', '4.2.2'],
    ]);
  });
});
