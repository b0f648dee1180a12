import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVerp } from '../../src/bounces/verp.js';
import { deliveries } from '../../src/db/schema.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';

const BOUNCES = 'bounces@lab.example.org';

describe('the envelope sender of a digest email (VERP)', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    rig = await startDigestRig('verp-envelope', { env: { BOUNCE_ADDRESS: BOUNCES } });
    const { db } = rig.t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    seedSubscriber(db, { email: 'ana@example.org', topics: ['education'] });
    seedSubscriber(db, { email: 'ben@example.org', topics: ['education'] });
  });
  afterAll(() => rig.close());

  it('names each delivery in a signed bounce address, while From stays the list address', async () => {
    const { id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    expect((await rig.waitFinished(id)).counts.sent).toBe(2);
    const rows = rig.t.ctx.db.select().from(deliveries).where(eq(deliveries.digestId, id)).all();
    expect(rig.smtp.messages).toHaveLength(2);
    for (const message of rig.smtp.messages) {
      const to = message.envelope.to[0]!;
      const row = rows.find((r) => r.email === to)!;
      expect(message.envelope.from).toMatch(/^bounces\+[0-9a-z]+-[0-9a-f]{16}@lab\.example\.org$/);
      expect(parseVerp(message.envelope.from!, BOUNCES, rig.t.config.SECRET_KEY)).toBe(row.id);
      expect(message.parsed.from).toBe('digest@example.org');
      expect(rig.t.config.MAIL_FROM).toContain('<digest@example.org>');
    }
  });
});
