import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, subscribers } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { signToken } from '../../src/tokens/tokens.js';
import { startWorkers, type RunningWorkers } from '../../workers/start.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';
import { subjectOf } from '../helpers/token-subject.js';

// A digest stopped on its way: by an editor (cancel), or for one reader who leaves (withdrawal).

const TOPICS = { education: { en: 'Education', es: 'Educación' } };

describe('cancelling a digest', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    rig = await startDigestRig('digest-cancel', { env: { SEND_RATE_PER_SEC: '2', SMTP_POOL_SIZE: '1' } });
    const { db } = rig.t.ctx;
    seedTopics(db, TOPICS);
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    for (let i = 0; i < 8; i++) seedSubscriber(db, { email: `r${i}@example.org`, language: 'en', topics: ['education'] });
  });
  afterAll(() => rig.close());

  it('stops what has not been sent', async () => {
    const { id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    await rig.smtp.waitFor(1, 10_000);
    const res = await rig.t.app.inject({ method: 'POST', url: `/api/admin/digests/${id}/cancel`, headers: rig.t.admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    await rig.waitQueuesIdle();
    const rows = rig.t.ctx.db.select().from(deliveries).where(eq(deliveries.digestId, id)).all();
    const sent = rows
      .filter((r) => r.status === 'sent')
      .map((r) => r.email)
      .sort();
    expect(sent.length).toBeLessThan(8);
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(8 - sent.length);
    expect(rig.smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(sent);
    const again = await rig.t.app.inject({ method: 'POST', url: `/api/admin/digests/${id}/cancel`, headers: rig.t.admin });
    expect(again.statusCode).toBe(409);

    // Planning the period again reaches the rest, and nobody who already has this month's email.
    const retry = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    expect(retry.created).toBe(true);
    expect(retry.digest.counts).toMatchObject({ planned: 8 - sent.length, skipped: sent.length });
    const done = await rig.waitFinished(retry.id, 30_000);
    expect(done.counts.sent).toBe(8 - sent.length);
    const recipients = rig.smtp.messages.map((m) => m.envelope.to[0]).sort();
    expect(recipients).toEqual(Array.from({ length: 8 }, (_, i) => `r${i}@example.org`).sort());
  }, 60_000);
});

describe('a reader who leaves while the digest is on its way', () => {
  let rig: DigestRig;
  let workers: RunningWorkers | undefined;
  beforeAll(async () => {
    rig = await startDigestRig('digest-withdraw', { workers: false });
    const { db } = rig.t.ctx;
    seedTopics(db, TOPICS);
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    for (const name of ['stay', 'leave', 'pause']) seedSubscriber(db, { email: `${name}@example.org`, language: 'en', topics: ['education'] });
  });
  afterAll(async () => {
    await workers?.close();
    await rig.close();
  });

  it('gets nothing more from it after unsubscribing or pausing', async () => {
    const { db } = rig.t.ctx;
    const { id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    const idOf = (email: string) => db.select().from(subscribers).where(eq(subscribers.email, email)).get()!.id;
    const leave = await rig.t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${signToken(rig.t.config.SECRET_KEY, 'unsubscribe', subjectOf(rig.t, idOf('leave@example.org')))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(leave.statusCode).toBe(200);
    const pause = await rig.t.app.inject({
      method: 'POST',
      url: `/preferences/${signToken(rig.t.config.SECRET_KEY, 'preferences', subjectOf(rig.t, idOf('pause@example.org')))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'language=en&topics=education&paused=on',
    });
    expect(pause.statusCode).toBe(200);

    workers = await startWorkers(rig.t.config, createLogger('silent'));
    const done = await rig.waitFinished(id);
    expect(done.status).toBe('sent');
    expect(done.counts).toMatchObject({ sent: 1, cancelled: 2 });
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages.map((m) => m.envelope.to[0])).toEqual(['stay@example.org']);
  });
});

describe('a digest whose last waiting reader leaves', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    // No workers: the reader leaves while the digest still waits to be composed.
    rig = await startDigestRig('digest-last-leaves', { workers: false });
    const { db } = rig.t.ctx;
    seedTopics(db, TOPICS);
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    seedSubscriber(db, { email: 'stay@example.org', language: 'en', topics: ['education'] });
  });
  afterAll(() => rig.close());

  it('is finished at once', async () => {
    const { db } = rig.t.ctx;
    const { id } = await rig.trigger({ period: '2026-12', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    const stay = db.select().from(subscribers).where(eq(subscribers.email, 'stay@example.org')).get()!;
    const res = await rig.t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${signToken(rig.t.config.SECRET_KEY, 'unsubscribe', subjectOf(rig.t, stay.id))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    const view = (await rig.t.app.inject({ url: `/api/admin/digests/${id}`, headers: rig.t.admin })).json();
    expect(view.status).toBe('sent');
    expect(view.counts).toMatchObject({ planned: 1, sent: 0, cancelled: 1, waiting: 0 });
  });
});
