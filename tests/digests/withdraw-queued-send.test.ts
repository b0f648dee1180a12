import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { buildComposeJobs } from '../../src/digests/compose-jobs.js';
import { composeProfile } from '../../src/digests/compose-profile.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { handleResult } from '../../src/digests/handle-result.js';
import { createRenderCache } from '../../src/digests/render-cache.js';
import { sendDigestBatch } from '../../src/digests/send-digest-email.js';
import { isWithdrawn } from '../../src/jobs/delivery-guard.js';
import { sendJobId } from '../../src/jobs/job-ids.js';
import { createLogger } from '../../src/logger.js';
import { createTemplateCache } from '../../src/mail/template-cache.js';
import { createSubscriberService } from '../../src/subscribers/subscriber-service.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('a reader who leaves after their email was queued', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('withdraw-queued');
  });
  afterAll(() => t.close());

  it('gets the withdrawn mark the send worker checks, so the queued batch sends them nothing, and the delivery is cancelled', async () => {
    const { db } = t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    const id = seedSubscriber(db, { email: 'leo@example.org', name: 'Leo', topics: ['education'] });
    const { digest } = planDigest(db, t.config, { period: '2026-11', windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01') });

    // No workers run: compose by hand and hand the result to the owner, which queues the send.
    const [job] = buildComposeJobs(db, t.config, digest);
    const templates = await createTemplateCache(t.config);
    await handleResult(t.ctx, await composeProfile({ llm: null, model: 'llama3', llmRequired: false, templates }, job!));
    const row = db.select().from(deliveries).where(eq(deliveries.digestId, digest.id)).get()!;
    expect(row.status).toBe('composed');
    const queued = await t.ctx.queues.send.getJob(sendJobId(digest.id, row.sendBatch ?? 1));
    expect(queued?.data.readers.map((r) => r.to)).toEqual(['leo@example.org']);

    await createSubscriberService(t.ctx, createLogger('silent')).unsubscribe(id, { ip: null, userAgent: null }, 'one-click');
    expect(await isWithdrawn(t.ctx.redis, t.config.QUEUE_PREFIX, row.messageId)).toBe(true);
    expect(db.select().from(deliveries).where(eq(deliveries.id, row.id)).get()!.status).toBe('cancelled');

    // The worker that takes the batch now leaves Leo out.
    const accepted: string[] = [];
    const mailer = {
      async send(mail: { to: string; messageId: string }) {
        accepted.push(mail.to);
        return { messageId: mail.messageId };
      },
      close() {},
    };
    const deps = { redis: t.ctx.redis, prefix: t.config.QUEUE_PREFIX, mailer, from: 'lab@example.org', renders: createRenderCache(), concurrency: 1 };
    const outcome = await sendDigestBatch(deps, queued!.data, { number: 1, last: false });
    expect(outcome).toEqual({ kind: 'done', report: null, relayDown: null, retry: null });
    expect(accepted).toEqual([]);
  });
});
