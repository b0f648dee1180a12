import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { digestKeyOf, getDigest } from '../../src/digests/digest-repository.js';
import { relayPausedSince } from '../../src/jobs/delivery-guard.js';
import { seedItem, seedSubscriber, seedTopics, waitUntil } from '../helpers/digest-fixtures.js';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';

// The relay away, refusing everyone, or refusing some readers: only a refusal about one reader fails a
// delivery; an outage pauses the digest, which resumes by itself when the relay answers again.

const TOPICS = { education: { en: 'Education', es: 'Educación' } };
const NOVEMBER = { period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' };
const DECEMBER = { period: '2026-12', windowStart: '2026-11-01T00:00:00Z', windowEnd: '2026-12-01T00:00:00Z' };
const READERS = 8;
const everyone = () => Array.from({ length: READERS }, (_, i) => `r${i}@example.org`).sort();

/** Short probe backoffs: the watch asks a relay that is away every 50–400 ms. */
const FAST_PROBES = { SMTP_PROBE_INITIAL_MS: '50', SMTP_PROBE_MAX_MS: '400' };

let rig: DigestRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function labRig(label: string, env: Record<string, string> = {}): Promise<DigestRig> {
  // One send at a time, so an outage lands in the middle of the digest.
  rig = await startDigestRig(label, { env: { SMTP_POOL_SIZE: '1', ...FAST_PROBES, ...env } });
  const { db } = rig.t.ctx;
  seedTopics(db, TOPICS);
  seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
  seedItem(db, { title: 'Teacher retention study', date: '2026-11-05', topics: ['education'] });
  for (let i = 0; i < READERS; i++) seedSubscriber(db, { email: `r${i}@example.org`, language: 'en', topics: ['education'] });
  return rig;
}

function deliveryStatuses(r: DigestRig, digestId: number): string[] {
  return r.t.ctx.db
    .select()
    .from(deliveries)
    .where(eq(deliveries.digestId, digestId))
    .all()
    .map((d) => d.status);
}

/** Who received how many emails, from what the relay accepted. */
function receivedBy(r: DigestRig): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of r.smtp.messages) for (const to of m.envelope.to) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
}

const once = () => Object.fromEntries(everyone().map((a) => [a, 1]));

async function post(r: DigestRig, url: string, payload?: Record<string, unknown>) {
  return r.t.app.inject({ method: 'POST', url, headers: r.t.admin, ...(payload ? { payload } : {}) });
}

describe('a relay outage in the middle of a digest', () => {
  it('pauses the digest, fails nobody, and resumes by itself when the relay listens again', async () => {
    const r = await labRig('relay-offline');
    const { db } = r.t.ctx;
    // The third email never gets an answer: the relay goes away with it.
    let offline: Promise<void> | null = null;
    r.smtp.beforeAccept((index) => {
      if (index !== 2) return undefined;
      offline = r.smtp.goOffline();
      return 'drop';
    });
    const { id } = await r.trigger(NOVEMBER);
    await r.waitStatus(id, 'paused');
    await offline;
    r.smtp.beforeAccept(null);

    const paused = getDigest(db, id);
    expect(paused.pausedReason).toMatch(/^The mail relay did not answer: .+, since \d{4}-\d{2}-\d{2}T/);
    expect(paused.failedCount).toBe(0);
    expect(deliveryStatuses(r, id)).not.toContain('failed');
    expect(r.smtp.messages).toHaveLength(2);

    await r.smtp.goOnline();
    const done = await r.waitFinished(id);
    expect(done.status).toBe('sent');
    expect(getDigest(db, id)).toMatchObject({ sentCount: READERS, failedCount: 0, pausedReason: null });
    expect(deliveryStatuses(r, id)).toEqual(Array(READERS).fill('sent'));
    expect(receivedBy(r)).toEqual(once());
    expect(await relayPausedSince(r.t.ctx.redis, r.t.config.QUEUE_PREFIX, digestKeyOf(getDigest(db, id)))).toBeNull();
  });

  it('does the same while the relay answers 421 to everyone', async () => {
    const r = await labRig('relay-421');
    const { db } = r.t.ctx;
    // From the fourth email on, the relay refuses every connection and every MAIL FROM with 421.
    r.smtp.beforeAccept((index) => {
      if (index === 2) r.smtp.refuseAll(421);
      return undefined;
    });
    const { id } = await r.trigger(NOVEMBER);
    await r.waitStatus(id, 'paused');
    r.smtp.beforeAccept(null);
    const paused = getDigest(db, id);
    expect(paused.pausedReason).toMatch(/^The mail relay did not answer: .*421/);
    expect(paused.failedCount).toBe(0);
    expect(deliveryStatuses(r, id)).not.toContain('failed');
    expect(r.smtp.messages).toHaveLength(3);

    r.smtp.refuseAll(null);
    expect((await r.waitFinished(id)).status).toBe('sent');
    expect(getDigest(db, id)).toMatchObject({ sentCount: READERS, failedCount: 0 });
    expect(receivedBy(r)).toEqual(once());
  });
});

describe('a relay that refuses some readers', () => {
  it('fails only those deliveries and never pauses the digest', async () => {
    const r = await labRig('relay-550');
    const { db } = r.t.ctx;
    r.smtp.rejectRecipient('r3@example.org');
    r.smtp.rejectRecipient('r5@example.org');
    const { id } = await r.trigger(NOVEMBER);
    const done = await r.waitFinished(id);
    expect(done.status).toBe('sent');
    expect(getDigest(db, id)).toMatchObject({ sentCount: READERS - 2, failedCount: 2, pausedReason: null });
    const rows = db.select().from(deliveries).where(eq(deliveries.digestId, id)).all();
    expect(rows.filter((d) => d.status === 'failed')).toHaveLength(2);
    const received = Object.keys(receivedBy(r)).sort();
    expect(received).toEqual(everyone().filter((a) => a !== 'r3@example.org' && a !== 'r5@example.org'));
    expect(await relayPausedSince(r.t.ctx.redis, r.t.config.QUEUE_PREFIX, digestKeyOf(getDigest(db, id)))).toBeNull();
  });
});

describe("an editor's pause during an outage", () => {
  it('is not resumed when the relay answers, while the relay-paused digest beside it is', async () => {
    const r = await labRig('relay-editor-pause');
    const { db } = r.t.ctx;
    // The relay is away from the start: both digests compose, then pause on their first send.
    await r.smtp.goOffline();
    const november = (await r.trigger(NOVEMBER)).id;
    const december = (await r.trigger(DECEMBER)).id;
    await r.waitStatus(november, 'paused');
    await r.waitStatus(december, 'paused');

    const taken = await post(r, `/api/admin/digests/${november}/pause`, { reason: 'checking the list first' });
    expect(taken.statusCode).toBe(200);
    expect(getDigest(db, november).pausedReason).toBe('checking the list first');

    // The watch's next pass resumes December; November is the editor's and stays as it is.
    await r.smtp.goOnline();
    expect((await r.waitFinished(december)).status).toBe('sent');
    expect(getDigest(db, november)).toMatchObject({ status: 'paused', pausedReason: 'checking the list first', sentCount: 0, failedCount: 0 });
    expect(receivedBy(r)).toEqual(once());

    // The editor resumes: November goes out, once to everyone.
    expect((await post(r, `/api/admin/digests/${november}/resume`)).statusCode).toBe(200);
    expect((await r.waitFinished(november)).status).toBe('sent');
    expect(receivedBy(r)).toEqual(Object.fromEntries(everyone().map((a) => [a, 2])));
    expect(new Set(r.smtp.messages.map((m) => m.parsed.messageId)).size).toBe(2 * READERS);
  });
});

describe('the retry horizon', () => {
  it('leaves the digest paused with a reason saying it gave up, and nothing failed', async () => {
    // 0.0005 h is 1.8 s.
    const r = await labRig('relay-horizon', { SMTP_RETRY_HORIZON_HOURS: '0.0005' });
    const { db } = r.t.ctx;
    await r.smtp.goOffline();
    const { id } = await r.trigger(NOVEMBER);
    await waitUntil(() => /^Gave up waiting for the mail relay/.test(getDigest(db, id).pausedReason ?? ''), 15_000, 'the watch to give up');
    const digest = getDigest(db, id);
    expect(digest).toMatchObject({ status: 'paused', failedCount: 0, sentCount: 0 });
    expect(digest.pausedReason).toMatch(/No reader was recorded failed; an editor can resume or cancel the digest\.$/);
    expect(deliveryStatuses(r, id)).not.toContain('failed');
    expect(await relayPausedSince(r.t.ctx.redis, r.t.config.QUEUE_PREFIX, digestKeyOf(digest))).toBeNull();

    // An editor resumes once the relay is back: everyone gets it once.
    await r.smtp.goOnline();
    expect((await post(r, `/api/admin/digests/${id}/resume`)).statusCode).toBe(200);
    expect((await r.waitFinished(id)).status).toBe('sent');
    expect(receivedBy(r)).toEqual(once());
  });
});
