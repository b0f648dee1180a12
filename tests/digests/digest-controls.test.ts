import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, digests, subscribers } from '../../src/db/schema.js';
import { applyResult } from '../../src/digests/apply-result.js';
import { composeProfile } from '../../src/digests/compose-profile.js';
import { queueSendJobs } from '../../src/digests/digest-queueing.js';
import { digestKeyOf, getDigest } from '../../src/digests/digest-repository.js';
import { isDigestPaused } from '../../src/jobs/delivery-guard.js';
import { createLogger } from '../../src/logger.js';
import { createTemplateCache } from '../../src/mail/template-cache.js';
import { startWorkers, type RunningWorkers } from '../../workers/start.js';
import { seedItem, seedSubscriber, seedTopics, waitUntil } from '../helpers/digest-fixtures.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';

// An editor's controls of a digest in flight: pause, resume, retry the failed sends. None sends twice.

const TOPICS = { education: { en: 'Education', es: 'Educación' } };
const WINDOW = { windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' };
const READERS = 8;
const everyone = () => Array.from({ length: READERS }, (_, i) => `r${i}@example.org`).sort();

/** One lab: an item and READERS readers of one profile. */
function seedLab(rig: DigestRig): void {
  const { db } = rig.t.ctx;
  seedTopics(db, TOPICS);
  seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
  for (let i = 0; i < READERS; i++) seedSubscriber(db, { email: `r${i}@example.org`, language: 'en', topics: ['education'] });
}

async function post(rig: DigestRig, url: string, payload?: Record<string, unknown>) {
  return rig.t.app.inject({ method: 'POST', url, headers: rig.t.admin, ...(payload ? { payload } : {}) });
}

/** Send jobs waiting, running or put back, as BullMQ counts them. */
async function sendJobCounts(rig: DigestRig): Promise<{ waiting: number; active: number; prioritized: number; delayed: number }> {
  const c = await rig.t.ctx.queues.send.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
  return { waiting: c.waiting ?? 0, active: c.active ?? 0, prioritized: c.prioritized ?? 0, delayed: c.delayed ?? 0 };
}

describe('pausing a digest mid-send and resuming it', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    // One send at a time, so the pause lands while exactly one email is at the relay.
    rig = await startDigestRig('digest-pause', { env: { SMTP_POOL_SIZE: '1' } });
    seedLab(rig);
  });
  afterAll(() => rig.close());

  it('sends nothing more while paused, and every reader exactly one email after the resume', async () => {
    const { db } = rig.t.ctx;
    // The SMTP server holds the third email until the test has paused the digest.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    rig.smtp.beforeAccept(async (index) => {
      if (index !== 2) return undefined;
      held = true;
      await released;
      return undefined;
    });
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    await waitUntil(() => held, 20_000, 'the third email to reach the relay');

    const paused = await post(rig, `/api/admin/digests/${id}/pause`, { reason: 'a typo in the intro' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ id, status: 'paused' });
    expect(getDigest(db, id).pausedReason).toBe('a typo in the intro');
    expect(await isDigestPaused(rig.t.ctx.redis, rig.t.config.QUEUE_PREFIX, digestKeyOf(getDigest(db, id)))).toBe(true);

    // The email at the relay finishes and is recorded; the batch stops there and waits with the rest.
    release();
    rig.smtp.beforeAccept(null);
    await waitUntil(
      async () => {
        const counts = await sendJobCounts(rig);
        return getDigest(db, id).sentCount === 3 && counts.waiting + counts.active + counts.prioritized === 0 && counts.delayed === 1;
      },
      20_000,
      'the in-flight email to be recorded and the batch put back',
    );
    expect(rig.smtp.messages).toHaveLength(3);
    expect(getDigest(db, id).status).toBe('paused');
    const [waitingBatch] = await rig.t.ctx.queues.send.getJobs(['delayed']);
    expect(waitingBatch!.data.readers).toHaveLength(READERS - 3);

    // Sends queued again while paused (as a late compose result does) are the same batch: nothing new, nothing sent.
    expect(await queueSendJobs(rig.t.ctx, getDigest(db, id))).toBe(READERS - 3);
    expect(await sendJobCounts(rig)).toEqual({ waiting: 0, active: 0, prioritized: 0, delayed: 1 });
    expect(rig.smtp.messages).toHaveLength(3);
    const view = (await rig.t.app.inject({ url: `/api/admin/digests/${id}`, headers: rig.t.admin })).json();
    expect(view).toMatchObject({ status: 'paused', counts: { sent: 3, failed: 0, waiting: READERS - 3 } });

    const resumed = await post(rig, `/api/admin/digests/${id}/resume`);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().status).toBe('sending');
    expect(getDigest(db, id).pausedReason).toBeNull();
    expect(await isDigestPaused(rig.t.ctx.redis, rig.t.config.QUEUE_PREFIX, digestKeyOf(getDigest(db, id)))).toBe(false);

    const done = await rig.waitFinished(id);
    expect(done.status).toBe('sent');
    expect(done.counts).toMatchObject({ sent: READERS, failed: 0, waiting: 0 });
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(everyone());
    const rows = db.select().from(deliveries).where(eq(deliveries.digestId, id)).all();
    expect(rows.map((r) => r.status)).toEqual(Array(READERS).fill('sent'));

    // Resuming again is a conflict: it is not paused any more.
    const again = await post(rig, `/api/admin/digests/${id}/resume`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('conflict');
  }, 60_000);
});

describe('controls refused', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    // No workers: a triggered digest stays composing, its compose jobs waiting.
    rig = await startDigestRig('digest-controls-refused', { workers: false });
    seedLab(rig);
  });
  afterAll(() => rig.close());

  it('answer 409 for a digest that is not sending (or not paused), and change nothing', async () => {
    const { db } = rig.t.ctx;
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    const before = getDigest(db, id);
    expect(before.status).toBe('composing');
    const jobsBefore = await rig.t.ctx.queues.compose.getJobCounts('waiting');

    const pause = await post(rig, `/api/admin/digests/${id}/pause`, { reason: 'not yet' });
    expect(pause.statusCode).toBe(409);
    expect(pause.headers['content-type']).toMatch(/application\/json/);
    expect(pause.json().error).toBe('conflict');
    const resume = await post(rig, `/api/admin/digests/${id}/resume`);
    expect(resume.statusCode).toBe(409);
    const retry = await post(rig, `/api/admin/digests/${id}/retry-failed`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error).toBe('conflict');

    expect(getDigest(db, id)).toEqual(before);
    expect(await isDigestPaused(rig.t.ctx.redis, rig.t.config.QUEUE_PREFIX, digestKeyOf(before))).toBe(false);
    expect(await rig.t.ctx.queues.compose.getJobCounts('waiting')).toEqual(jobsBefore);
  });

  it('answer 409 for a sent, a cancelled or a dry-run digest, as each allows', async () => {
    const { db } = rig.t.ctx;
    const { id } = await rig.trigger({ period: '2026-12', ...WINDOW });
    db.update(digests).set({ status: 'sent', finishedAt: new Date() }).where(eq(digests.id, id)).run();
    const sent = getDigest(db, id);
    expect((await post(rig, `/api/admin/digests/${id}/pause`)).statusCode).toBe(409);
    expect(getDigest(db, id)).toEqual(sent);

    const cancelled = await rig.trigger({ period: '2027-01', ...WINDOW });
    expect((await post(rig, `/api/admin/digests/${cancelled.id}/cancel`)).statusCode).toBe(200);
    const retry = await post(rig, `/api/admin/digests/${cancelled.id}/retry-failed`);
    expect(retry.statusCode).toBe(409);

    const dry = await rig.trigger({ period: '2027-02', dryRun: true, ...WINDOW });
    db.update(digests).set({ status: 'sent' }).where(eq(digests.id, dry.id)).run();
    const dryRetry = await post(rig, `/api/admin/digests/${dry.id}/retry-failed`);
    expect(dryRetry.statusCode).toBe(409);
    expect(dryRetry.json().message).toMatch(/dry run/);
  });

  it('answer 404 for a digest that does not exist, and 400 for a reason too long', async () => {
    for (const action of ['pause', 'resume', 'retry-failed']) {
      const res = await post(rig, `/api/admin/digests/999999/${action}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('not_found');
    }
    const { id } = await rig.trigger({ period: '2027-03', ...WINDOW });
    const tooLong = await post(rig, `/api/admin/digests/${id}/pause`, { reason: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    expect(getDigest(rig.t.ctx.db, id).status).toBe('composing');
    const unauthenticated = await rig.t.app.inject({ method: 'POST', url: `/api/admin/digests/${id}/pause` });
    expect(unauthenticated.statusCode).toBe(401);
  });
});

describe('retrying the failed sends of a digest', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    rig = await startDigestRig('digest-retry-failed', { env: { SMTP_POOL_SIZE: '1' } });
    seedLab(rig);
  });
  afterAll(() => rig.close());

  it('sends each failed reader still subscribed exactly one email, never resends a sent one, and closes the digest again', async () => {
    const { db } = rig.t.ctx;
    // The relay refuses the first three emails for good (550 in DATA: the message, not the address).
    rig.smtp.failNext(550, 3);
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    const first = await rig.waitFinished(id);
    expect(first).toMatchObject({ status: 'sent', counts: { sent: READERS - 3, failed: 3 } });
    await rig.waitQueuesIdle();
    const failed = db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.digestId, id), eq(deliveries.status, 'failed')))
      .all();
    expect(failed).toHaveLength(3);
    const sentFirst = rig.smtp.messages.map((m) => m.envelope.to[0]).sort();
    expect(sentFirst).toHaveLength(READERS - 3);
    // Nobody was marked bounced by a refusal of the message.
    expect(db.select().from(subscribers).where(eq(subscribers.status, 'bounced')).all()).toHaveLength(0);

    // One of them unsubscribed since: not retried.
    const [gone, ...retriable] = failed;
    db.update(subscribers).set({ status: 'unsubscribed', unsubscribedAt: new Date() }).where(eq(subscribers.id, gone!.subscriberId!)).run();

    const res = await post(rig, `/api/admin/digests/${id}/retry-failed`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.retried).toBe(2);
    expect(body.digest.status).toBe('sending');
    expect(body.digest.finishedAt).toBeNull();
    expect(body.digest.counts.failed).toBe(1);

    const done = await rig.waitFinished(id);
    expect(done).toMatchObject({ status: 'sent', counts: { sent: READERS - 1, failed: 1, waiting: 0 } });
    await rig.waitQueuesIdle();
    const recipients = rig.smtp.messages.map((m) => m.envelope.to[0]);
    expect(recipients).toHaveLength(READERS - 1);
    expect(new Set(recipients).size).toBe(READERS - 1);
    expect(recipients.slice(READERS - 3).sort()).toEqual(retriable.map((d) => d.email).sort());
    expect(recipients).not.toContain(gone!.email);
    const goneRow = db.select().from(deliveries).where(eq(deliveries.id, gone!.id)).get()!;
    expect(goneRow.status).toBe('failed');

    // Nothing failed any more that could be retried: 0, and the digest stays sent.
    const again = await post(rig, `/api/admin/digests/${id}/retry-failed`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ retried: 0, digest: { status: 'sent', counts: { sent: READERS - 1, failed: 1 } } });
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages).toHaveLength(READERS - 1);
  }, 60_000);
});

describe('the retry transition', () => {
  let rig: DigestRig;
  let workers: RunningWorkers | undefined;
  beforeAll(async () => {
    // Workers start later: first the rows are set by hand and the queued jobs counted.
    rig = await startDigestRig('digest-retry-rows', { workers: false });
    seedLab(rig);
  });
  afterAll(async () => {
    await workers?.close();
    await rig.close();
  });

  it('moves only failed deliveries with a composed email of active readers, keeping attempts, and queues exactly those', async () => {
    const { db } = rig.t.ctx;
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    // Composed by hand (no compose worker runs): the profile's render is kept, every reader composed.
    const [composeJob] = await rig.t.ctx.queues.compose.getJobs(['waiting']);
    const templates = await createTemplateCache(rig.t.config);
    applyResult(db, await composeProfile({ llm: null, model: 'llama3', llmRequired: false, templates }, composeJob!.data), { llmRequired: false });
    await rig.t.ctx.queues.compose.obliterate({ force: true });
    const rows = db.select().from(deliveries).where(eq(deliveries.digestId, id)).orderBy(deliveries.id).all();
    expect(rows).toHaveLength(READERS);
    const set = (index: number, fields: Partial<typeof deliveries.$inferInsert>) =>
      db.update(deliveries).set(fields).where(eq(deliveries.id, rows[index]!.id)).run();
    // 0-3 sent; 4 and 5 failed after composing; 6 failed before composing (nothing composed); 7 failed and its reader bounced since.
    for (const i of [0, 1, 2, 3]) set(i, { status: 'sent', sentAt: new Date(), attempts: 1 });
    for (const i of [4, 5]) set(i, { status: 'failed', attempts: 6, error: '451 try later, six times' });
    set(6, { status: 'failed', error: 'the model failed', composedWith: null });
    set(7, { status: 'failed', attempts: 1, error: '550 refused' });
    db.update(subscribers).set({ status: 'bounced' }).where(eq(subscribers.id, rows[7]!.subscriberId!)).run();
    db.update(digests).set({ status: 'sent', sentCount: 4, failedCount: 4, finishedAt: new Date() }).where(eq(digests.id, id)).run();

    const res = await post(rig, `/api/admin/digests/${id}/retry-failed`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ retried: 2, digest: { status: 'sending', finishedAt: null, counts: { sent: 4, failed: 2 } } });
    const after = db
      .select()
      .from(deliveries)
      .where(inArray(deliveries.id, [rows[4]!.id, rows[5]!.id]))
      .all();
    expect(after.map((d) => ({ status: d.status, attempts: d.attempts, error: d.error }))).toEqual([
      { status: 'composed', attempts: 6, error: null },
      { status: 'composed', attempts: 6, error: null },
    ]);
    const untouched = db.select().from(deliveries).where(eq(deliveries.digestId, id)).orderBy(deliveries.id).all();
    expect(untouched.map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'composed', 'composed', 'failed', 'failed']);
    // One batch carries both.
    const queued = await rig.t.ctx.queues.send.getJobs(['waiting']);
    expect(queued.map((j) => j.data.readers.map((r) => r.deliveryId))).toEqual([[rows[4]!.id, rows[5]!.id]]);

    workers = await startWorkers(rig.t.config, createLogger('silent'));
    const done = await rig.waitFinished(id);
    expect(done).toMatchObject({ status: 'sent', counts: { sent: 6, failed: 2 } });
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual([rows[4]!.email, rows[5]!.email].sort());
  });
});

describe('retrying the failed sends of a paused digest', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    rig = await startDigestRig('digest-retry-paused', { env: { SMTP_POOL_SIZE: '1' } });
    seedLab(rig);
  });
  afterAll(() => rig.close());

  it('moves them back to waiting but queues nothing until the resume', async () => {
    const { db } = rig.t.ctx;
    // The first email is refused for good; the third is held at the relay until the digest is paused.
    rig.smtp.failNext(550, 1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    rig.smtp.beforeAccept(async (index) => {
      if (index !== 2) return undefined;
      held = true;
      await released;
      return undefined;
    });
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    await waitUntil(() => held, 20_000, 'the third email to reach the relay');
    expect((await post(rig, `/api/admin/digests/${id}/pause`)).statusCode).toBe(200);
    expect(getDigest(db, id).pausedReason).toBe('paused by an editor');
    release();
    rig.smtp.beforeAccept(null);
    await waitUntil(
      async () => {
        const digest = getDigest(db, id);
        const counts = await sendJobCounts(rig);
        return digest.sentCount === 2 && digest.failedCount === 1 && counts.waiting + counts.active + counts.prioritized === 0 && counts.delayed === 1;
      },
      20_000,
      'the failure and the in-flight email to be recorded',
    );

    const res = await post(rig, `/api/admin/digests/${id}/retry-failed`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ retried: 1, digest: { status: 'paused', counts: { sent: 2, failed: 0, waiting: READERS - 2 } } });
    // Only the batch the pause put back waits; the retried reader is queued by the resume.
    expect(await sendJobCounts(rig)).toEqual({ waiting: 0, active: 0, prioritized: 0, delayed: 1 });
    expect(rig.smtp.messages).toHaveLength(2);

    expect((await post(rig, `/api/admin/digests/${id}/resume`)).statusCode).toBe(200);
    const done = await rig.waitFinished(id);
    expect(done).toMatchObject({ status: 'sent', counts: { sent: READERS, failed: 0, waiting: 0 } });
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(everyone());
  }, 60_000);
});
