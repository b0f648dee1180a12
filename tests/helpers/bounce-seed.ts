import { readFileSync } from 'node:fs';
import type { Db } from '../../src/db/client.js';
import { deliveries, digests } from '../../src/db/schema.js';
import type { DeliveryStatus } from '../../src/domain/statuses.js';
import { seedSubscriber } from './digest-fixtures.js';

/** The bounce address the fixtures' VERP addresses were made with (with testConfig's SECRET_KEY). */
export const FIXTURE_BOUNCE_ADDRESS = 'bounces@lab.example.org';

/** A bounce fixture's bytes. */
export function bounceFixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/bounces/${name}`, import.meta.url));
}

/** Inserts a sent digest of a period with a chosen id (or the next one); returns its id. */
export function seedDigest(db: Db, period: string, id?: number): number {
  const start = new Date(`${period}-01T00:00:00Z`);
  return db
    .insert(digests)
    .values({ ...(id ? { id } : {}), period, status: 'sent', windowStart: start, windowEnd: new Date(start.getTime() + 28 * 86_400_000) })
    .returning({ id: digests.id })
    .get().id;
}

/** Inserts a delivery of a digest to a reader; returns its id. */
export function seedDelivery(
  db: Db,
  fields: { digestId: number; subscriberId: number | null; email: string; id?: number; messageId?: string; status?: DeliveryStatus },
): number {
  return db
    .insert(deliveries)
    .values({
      ...(fields.id ? { id: fields.id } : {}),
      digestId: fields.digestId,
      subscriberId: fields.subscriberId,
      email: fields.email,
      status: fields.status ?? 'sent',
      messageId: fields.messageId ?? `<digest-${fields.digestId}.${fields.email}.${Math.random().toString(36).slice(2)}@labdigest.test>`,
      sentAt: new Date(),
    })
    .returning({ id: deliveries.id })
    .get().id;
}

/** The readers and deliveries the fixtures are about: digest 7 (October 2026), deliveries 101 to 110. */
export const FIXTURE_READERS = {
  'postfix-hard.eml': { deliveryId: 101, email: 'gone@uni-example.edu', uuid: 'd17b2f47-5289-4c5b-8d7f-319d5b7241b6' },
  'postfix-delayed.eml': { deliveryId: 102, email: 'full@uni-example.edu', uuid: 'd6c43d91-0a16-4921-bd5e-0236aed0089e' },
  'exim-hard.eml': { deliveryId: 103, email: 'ghost@exim-example.org', uuid: 'a98f7d38-3061-4b71-bd91-cc4b548cb554' },
  'microsoft-ndr.eml': { deliveryId: 104, email: 'nobody@contoso-example.com', uuid: '99f5f324-7abc-4b03-bded-4edc4a576ee6' },
  'gmail-hard.eml': { deliveryId: 105, email: 'nosuchreader@gmail.com', uuid: '7e0ff738-91d1-4227-b40d-8404998423e4' },
  'gmail-delayed.eml': { deliveryId: 106, email: 'fullreader@gmail.com', uuid: 'a14bd004-6cbf-4126-906e-b1149b67aff6' },
  'yahoo-arf.eml': { deliveryId: 107, email: 'complainer@yahoo.com', uuid: '9d900a1b-3fb6-4707-a919-a2b12ec6f945' },
  'microsoft-jmrp.eml': { deliveryId: 108, email: 'jmrp-reader@outlook.com', uuid: 'f7cd5a0d-257c-4011-ae00-ffdc065a3b7a' },
  'mangled.eml': { deliveryId: 109, email: 'oldreader@archive-example.net', uuid: 'ee2a9096-e2f4-46a8-9535-aaf8bb0bee99' },
  'auto-reply.eml': { deliveryId: 110, email: 'away@uni-example.edu', uuid: '0a1b2c3d-aaaa-4bbb-8ccc-111122223333' },
} as const;

export type FixtureName = keyof typeof FIXTURE_READERS;

/** Seeds digest 7 and one active reader per fixture with the delivery the fixture is about; returns the readers' ids by fixture. */
export function seedFixtureDeliveries(db: Db): Record<FixtureName, number> {
  const digestId = seedDigest(db, '2026-10', 7);
  const ids = {} as Record<FixtureName, number>;
  for (const [name, r] of Object.entries(FIXTURE_READERS) as Array<[FixtureName, (typeof FIXTURE_READERS)[FixtureName]]>) {
    const subscriberId = seedSubscriber(db, { email: r.email });
    seedDelivery(db, { id: r.deliveryId, digestId, subscriberId, email: r.email, messageId: `<digest-7.${r.uuid}@labdigest.test>` });
    ids[name] = subscriberId;
  }
  return ids;
}
