import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { applyResult } from '../../src/digests/apply-result.js';
import { handleResult } from '../../src/digests/handle-result.js';
import { buildComposeJobs } from '../../src/digests/compose-jobs.js';
import { composeProfile } from '../../src/digests/compose-profile.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { type Digest, getDigest } from '../../src/digests/digest-repository.js';
import { cancelDigest } from '../../src/digests/digest-service.js';
import type { ComposedResult, SendJob } from '../../src/jobs/digest-jobs.js';
import { createLogger } from '../../src/logger.js';
import { createTemplateCache, type TemplateCache } from '../../src/mail/template-cache.js';
import { resumeUnfinishedDigests } from '../../src/owner/digest-resumption.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * From a composed profile to its send jobs, in the owner, with no workers running: each reader is filled
 * in once and stored, and the send jobs are made from the stored copies.
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

  it('stores each reader’s email once and queues one send job per reader from the stored copy', async () => {
    const { digest, result } = await composed();
    await handleResult(t.ctx, result);
    await handleResult(t.ctx, result);

    const rows = rowsOf(digest.id);
    expect(rows.map((r) => r.status)).toEqual(['composed', 'composed']);
    const ana = rows.find((r) => r.email === 'ana@example.org')!;
    expect(ana.html).toContain('Ana');
    expect(ana.html).not.toContain('Ben');
    const jobs = await sendJobsOf(digest.id);
    expect(jobs).toHaveLength(2);
    const anaJob = jobs.find((j) => j.deliveryId === ana.id)!;
    expect(anaJob).toMatchObject({ to: 'ana@example.org', subject: ana.subject, html: ana.html, text: ana.text, messageId: ana.messageId });
    expect(anaJob.unsubscribeUrl).toMatch(/^http:\/\/labdigest\.test\/unsubscribe\//);
    expect(await t.ctx.queues.send.getJob(`send-${digest.id}-${ana.id}`)).toBeDefined();
    expect(getDigest(t.ctx.db, digest.id)).toMatchObject({ status: 'sending', composedWithoutLlm: 2 });
  });

  it('queues nothing for a dry run, which is done once composed', async () => {
    const { digest, result } = await composed(true);
    await handleResult(t.ctx, result);
    expect(rowsOf(digest.id).every((r) => r.status === 'composed' && r.html)).toBe(true);
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
    expect(jobs.map((j) => j.deliveryId).sort()).toEqual(
      rowsOf(digest.id)
        .map((r) => r.id)
        .sort(),
    );
    expect(jobs.map((j) => j.html)).toEqual(expect.arrayContaining(rowsOf(digest.id).map((r) => r.html)));
  });
});
