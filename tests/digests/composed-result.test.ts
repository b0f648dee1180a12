import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, digestProfiles } from '../../src/db/schema.js';
import { applyResult } from '../../src/digests/apply-result.js';
import { handleResult } from '../../src/digests/handle-result.js';
import { buildComposeJobs } from '../../src/digests/compose-jobs.js';
import { composeProfile } from '../../src/digests/compose-profile.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { type Digest, digestKeyOf, getDigest } from '../../src/digests/digest-repository.js';
import { cancelDigest, previewDelivery } from '../../src/digests/digest-service.js';
import type { ComposedResult, SendJob } from '../../src/jobs/digest-jobs.js';
import { parseStoredRender, renderKeyOf } from '../../src/jobs/profile-renders.js';
import { createLogger } from '../../src/logger.js';
import { createTemplateCache, type TemplateCache } from '../../src/mail/template-cache.js';
import { resumeUnfinishedDigests } from '../../src/owner/digest-resumption.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * From a composed profile to its send jobs, in the owner, with no workers running: the profile's render is
 * kept once (in the database, and in Redis for the workers), and each send job carries a batch of readers'
 * own values only.
 */
describe('a composed profile in the owner', () => {
  let t: TestApp;
  let templates: TemplateCache;
  let month = 0;
  beforeAll(async () => {
    t = await createTestApp('composed-result');
    templates = await createTemplateCache(t.config);
    seedTopics(t.ctx.db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(t.ctx.db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    seedSubscriber(t.ctx.db, { email: 'ana@example.org', name: 'Ana', topics: ['education'] });
    seedSubscriber(t.ctx.db, { email: 'ben@example.org', name: 'Ben', topics: ['education'] });
  });
  afterAll(() => t.close());

  /** Plans a digest of its own period and composes its one profile the way a compose worker does (without the model). */
  async function composed(dryRun = false): Promise<{ digest: Digest; result: ComposedResult }> {
    month += 1;
    const period = `2030-${String(month).padStart(2, '0')}`;
    const { digest } = planDigest(t.ctx.db, t.config, { period, windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01'), dryRun });
    const [job] = buildComposeJobs(t.ctx.db, t.config, digest);
    const result = await composeProfile({ llm: null, model: 'llama3', llmRequired: false, templates }, job!);
    if (result.type !== 'composed') throw new Error(`expected a composed result, got ${result.type}`);
    return { digest, result };
  }

  const rowsOf = (digestId: number) => t.ctx.db.select().from(deliveries).where(eq(deliveries.digestId, digestId)).all();
  const sendJobsOf = async (digestId: number): Promise<SendJob[]> =>
    (await t.ctx.queues.send.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.data.digestId === digestId).map((j) => j.data);

  it('keeps the render once, moves the readers to composed, and queues one batch carrying each reader’s own values', async () => {
    const { digest, result } = await composed();
    await handleResult(t.ctx, result);
    await handleResult(t.ctx, result);

    const rows = rowsOf(digest.id);
    expect(rows.map((r) => r.status)).toEqual(['composed', 'composed']);
    // Nothing per reader but the state: the email is the profile's render.
    expect(rows.every((r) => r.html === null && r.text === null && r.subject === result.profile.subject)).toBe(true);
    const profile = t.ctx.db.select().from(digestProfiles).where(eq(digestProfiles.digestId, digest.id)).get()!;
    expect(profile.render).toEqual(result.profile);
    const stored = parseStoredRender(await t.ctx.redis.getBuffer(renderKeyOf(t.config.QUEUE_PREFIX, digestKeyOf(digest), profile.key)));
    expect(stored).toEqual(result.profile);
    // Kept compressed: a fraction of the JSON's size.
    const bytes = await t.ctx.redis.strlen(renderKeyOf(t.config.QUEUE_PREFIX, digestKeyOf(digest), profile.key));
    expect(bytes).toBeLessThan(JSON.stringify(result.profile).length / 3);

    const jobs = await sendJobsOf(digest.id);
    expect(jobs).toHaveLength(1);
    const ana = rows.find((r) => r.email === 'ana@example.org')!;
    expect(jobs[0]).toMatchObject({ digestId: digest.id, profileKey: profile.key, batch: 1 });
    expect(jobs[0]!.readers.map((r) => r.deliveryId).sort()).toEqual(rows.map((r) => r.id).sort());
    const anaReader = jobs[0]!.readers.find((r) => r.deliveryId === ana.id)!;
    expect(anaReader).toMatchObject({ to: 'ana@example.org', name: 'Ana', messageId: ana.messageId });
    expect(anaReader.unsubscribeUrl).toMatch(/^http:\/\/labdigest\.test\/unsubscribe\//);
    expect(JSON.stringify(jobs[0])).not.toContain('<html');
    expect(await t.ctx.queues.send.getJob(`send-${digest.id}-b1`)).toBeDefined();
    expect(getDigest(t.ctx.db, digest.id)).toMatchObject({ status: 'sending', composedWithoutLlm: 2 });

    // The preview fills the same render for the reader.
    const preview = previewDelivery(t.ctx, digest.id, ana.subscriberId!);
    expect(preview.html).toContain('Ana');
    expect(preview.html).not.toContain('Ben');
    expect(preview.html).toContain(anaReader.unsubscribeUrl.replace(/&/g, '&amp;'));
  });

  it('batches the readers in the result’s own transaction, and none of a dry run or without a batch size', async () => {
    const batches = (digestId: number) => rowsOf(digestId).map((r) => r.sendBatch);
    const real = await composed();
    expect(applyResult(t.ctx.db, real.result, { llmRequired: false, sendBatchSize: 1 })).toMatchObject({ renderStored: true, sendsBatched: true });
    expect(batches(real.digest.id).sort()).toEqual([1, 2]);
    // Applied again: a repeat changes nothing and batches nothing.
    expect(applyResult(t.ctx.db, real.result, { llmRequired: false, sendBatchSize: 1 })).toMatchObject({ renderStored: false, sendsBatched: false });
    expect(batches(real.digest.id).sort()).toEqual([1, 2]);

    const dry = await composed(true);
    expect(applyResult(t.ctx.db, dry.result, { llmRequired: false, sendBatchSize: 1 })).toMatchObject({ renderStored: true, sendsBatched: false });
    expect(batches(dry.digest.id)).toEqual([null, null]);
    const unsized = await composed();
    expect(applyResult(t.ctx.db, unsized.result, { llmRequired: false })).toMatchObject({ renderStored: true, sendsBatched: false });
    expect(batches(unsized.digest.id)).toEqual([null, null]);
  });

  it('keeps the stored render in Redis when a repeated result carries another one', async () => {
    const { digest, result } = await composed();
    await handleResult(t.ctx, result);
    const profile = t.ctx.db.select().from(digestProfiles).where(eq(digestProfiles.digestId, digest.id)).get()!;
    const key = renderKeyOf(t.config.QUEUE_PREFIX, digestKeyOf(digest), profile.key);
    await t.ctx.redis.del(key);
    // A late copy of the report with another text (as after a regeneration): the database's render is what goes out.
    await handleResult(t.ctx, { ...result, profile: { ...result.profile, subject: 'A stale subject' } });
    expect(parseStoredRender(await t.ctx.redis.getBuffer(key))).toEqual(result.profile);
    expect(t.ctx.db.select().from(digestProfiles).where(eq(digestProfiles.digestId, digest.id)).get()!.render).toEqual(result.profile);
  });

  it('queues nothing for a dry run, which is done once composed', async () => {
    const { digest, result } = await composed(true);
    await handleResult(t.ctx, result);
    expect(rowsOf(digest.id).every((r) => r.status === 'composed' && r.composedWith === 'fallback')).toBe(true);
    expect(await sendJobsOf(digest.id)).toEqual([]);
    expect(getDigest(t.ctx.db, digest.id).status).toBe('sent');
  });

  it('queues nothing for a digest cancelled before its composed result arrives', async () => {
    const { digest, result } = await composed();
    await cancelDigest(t.ctx, digest.id);
    await handleResult(t.ctx, result);
    expect(rowsOf(digest.id).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(await sendJobsOf(digest.id)).toEqual([]);
  });

  it('queues the sends at the next start when the owner stopped between storing the emails and queueing them', async () => {
    const { digest, result } = await composed();
    // The database has the emails; the crash took the enqueue with it.
    applyResult(t.ctx.db, result, { llmRequired: false });
    expect(await sendJobsOf(digest.id)).toEqual([]);
    await resumeUnfinishedDigests(t.ctx, createLogger('silent'));
    const jobs = await sendJobsOf(digest.id);
    expect(jobs.flatMap((j) => j.readers.map((r) => r.deliveryId)).sort()).toEqual(
      rowsOf(digest.id)
        .map((r) => r.id)
        .sort(),
    );
    const profileKey = rowsOf(digest.id)[0]!.profileKey!;
    expect(await t.ctx.redis.exists(renderKeyOf(t.config.QUEUE_PREFIX, digestKeyOf(digest), profileKey))).toBe(1);
  });
});
