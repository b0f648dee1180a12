import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyResult } from '../../src/digests/apply-result.js';
import { composeProfile } from '../../src/digests/compose-profile.js';
import { queueSendJobs } from '../../src/digests/digest-queueing.js';
import { digestKeyOf, getDigest } from '../../src/digests/digest-repository.js';
import { renderKeyOf } from '../../src/jobs/profile-renders.js';
import { createLogger } from '../../src/logger.js';
import { createTemplateCache } from '../../src/mail/template-cache.js';
import { type RunningWorkers, startWorkers } from '../../workers/start.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';

describe('a send batch whose rendered email is gone from Redis', () => {
  let rig: DigestRig;
  let workers: RunningWorkers | undefined;
  beforeAll(async () => {
    rig = await startDigestRig('render-missing', { workers: false });
    const { db } = rig.t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    for (const email of ['ana@example.org', 'ben@example.org']) seedSubscriber(db, { email, topics: ['education'] });
  });
  afterAll(async () => {
    await workers?.close();
    await rig.close();
  });

  it('asks the owner for it again and sends every reader once', async () => {
    const { db } = rig.t.ctx;
    const { id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    // Composed by hand, the sends queued, and then Redis loses the render (a restart without its file).
    const [composeJob] = await rig.t.ctx.queues.compose.getJobs(['waiting']);
    const templates = await createTemplateCache(rig.t.config);
    const result = await composeProfile({ llm: null, model: 'llama3', llmRequired: false, templates }, composeJob!.data);
    applyResult(db, result, { llmRequired: false });
    await rig.t.ctx.queues.compose.obliterate({ force: true });
    const digest = getDigest(db, id);
    expect(await queueSendJobs(rig.t.ctx, digest)).toBe(2);
    const key = renderKeyOf(rig.t.config.QUEUE_PREFIX, digestKeyOf(digest), composeJob!.data.profileKey);
    expect(await rig.t.ctx.redis.del(key)).toBe(1);

    workers = await startWorkers(rig.t.config, createLogger('silent'));
    const done = await rig.waitFinished(id);
    expect(done).toMatchObject({ status: 'sent', counts: { sent: 2, failed: 0 } });
    expect(rig.smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(['ana@example.org', 'ben@example.org']);
    expect(await rig.t.ctx.redis.exists(key)).toBe(1);
  });
});
