import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, digestProfiles } from '../../src/db/schema.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { firstDigestStart, periodOf } from '../../src/digests/period.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('digest planning', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('planner');
    seedTopics(t.ctx.db, {
      education: { en: 'Education', es: 'Educación' },
      labour: { en: 'Labour', es: 'Trabajo' },
      urban: { en: 'Urban', es: 'Urbano' },
    });
  });
  afterAll(() => t.close());

  it('starts a first digest at the first day of the month before its period', () => {
    expect(firstDigestStart('2026-11').toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(firstDigestStart('2026-01').toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(periodOf(new Date('2026-11-22T10:00:00Z'))).toBe('2026-11');
  });

  it('plans one delivery per reader, one profile per distinct candidate set, and skips readers with nothing new', () => {
    const { db } = t.ctx;
    const edu = seedItem(db, { title: 'School choice', date: '2026-10-10', topics: ['education'] });
    const lab = seedItem(db, { title: 'Job ads', date: '2026-11-02', topics: ['labour'] });
    const both = seedItem(db, { title: 'Skills at school', date: '2026-10-20', topics: ['education', 'labour'] });
    seedItem(db, { title: 'Too old', date: '2025-05-01', topics: ['education'] });
    seedItem(db, { title: 'In the future', date: '2026-12-01', topics: ['education'] });
    const ana = seedSubscriber(db, { email: 'ana@example.org', language: 'es', topics: ['education'] });
    const ben = seedSubscriber(db, { email: 'ben@example.org', language: 'en', topics: ['education'] });
    const cai = seedSubscriber(db, { email: 'cai@example.org', language: 'en', topics: ['education', 'urban'] });
    const dan = seedSubscriber(db, { email: 'dan@example.org', language: 'en', topics: [] });
    const eve = seedSubscriber(db, { email: 'eve@example.org', language: 'en', topics: ['urban'] });
    seedSubscriber(db, { email: 'paused@example.org', topics: ['education'], paused: true });
    seedSubscriber(db, { email: 'pending@example.org', topics: ['education'], status: 'pending' });

    const now = new Date('2026-11-22T10:00:00Z');
    const { digest, created } = planDigest(db, t.config, { period: '2026-11' }, now);
    expect(created).toBe(true);
    expect(digest.windowStart.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(digest.windowEnd.toISOString()).toBe(now.toISOString());
    expect(digest.itemCount).toBe(3);
    expect(digest.plannedCount).toBe(4);
    expect(digest.skippedCount).toBe(1);

    const rows = db.select().from(deliveries).where(eq(deliveries.digestId, digest.id)).all();
    const by = (id: number) => rows.find((r) => r.subscriberId === id)!;
    expect(rows).toHaveLength(5);
    expect(by(ana).itemIds).toEqual([both, edu]);
    expect(by(ben).itemIds).toEqual([both, edu]);
    expect(by(cai).itemIds).toEqual([both, edu]);
    expect(by(dan).itemIds).toEqual([lab, both, edu]);
    expect(by(eve).status).toBe('skipped');
    // ana (es) differs from ben (en) by language; ben and cai share language, candidates and matched topics.
    expect(by(ben).profileKey).toBe(by(cai).profileKey);
    expect(by(ana).profileKey).not.toBe(by(ben).profileKey);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(5);
    expect(db.select().from(digestProfiles).where(eq(digestProfiles.digestId, digest.id)).all()).toHaveLength(3);
    expect(digest.profileCount).toBe(3);

    const again = planDigest(db, t.config, { period: '2026-11' }, new Date('2026-11-23T10:00:00Z'));
    expect(again.created).toBe(false);
    expect(again.digest.id).toBe(digest.id);
    expect(db.select().from(deliveries).where(eq(deliveries.digestId, digest.id)).all()).toHaveLength(5);

    // The next digest starts where this one was cut off.
    const next = planDigest(db, t.config, { period: '2026-12' }, new Date('2026-12-05T00:00:00Z'));
    expect(next.digest.windowStart.toISOString()).toBe(now.toISOString());
    expect(next.digest.itemCount).toBe(1);
  });

  it('rejects a malformed period', () => {
    expect(() => planDigest(t.ctx.db, t.config, { period: '2026-13' })).toThrow(/2026-11/);
  });
});
