import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { getDigest } from '../../src/digests/digest-repository.js';
import { applyResult } from '../../src/digests/apply-result.js';
import { previewDelivery } from '../../src/digests/digest-service.js';
import type { ResultJob } from '../../src/jobs/digest-jobs.js';
import { renderDigestProfile } from '../../src/mail/digest-email.js';
import { createTemplateCache } from '../../src/mail/template-cache.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('applying worker results', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('results');
  });
  afterAll(() => t.close());

  it('keeps what was sent and counts it when the sent report overtakes the composed one, and counts repeats once', async () => {
    const { db } = t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
    const itemId = seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    const subscriberId = seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', topics: ['education'] });
    const { digest } = planDigest(db, t.config, { period: '2026-11', windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01') });
    const delivery = db.select().from(deliveries).where(eq(deliveries.digestId, digest.id)).get()!;

    const templates = await createTemplateCache(t.config);
    const profile = renderDigestProfile(templates, {
      language: 'en',
      period: '2026-11',
      intro: 'Hello from the lab.',
      composedWith: 'llm',
      items: [
        {
          id: itemId,
          kind: 'project',
          title: 'School choice simulator',
          url: null,
          authors: [],
          venue: null,
          doi: null,
          summary: 'S',
          line: 'L',
          matchedTopics: [],
          external: false,
        },
      ],
    });
    const sent: ResultJob = { type: 'sent', digestId: digest.id, deliveryId: delivery.id, messageId: delivery.messageId, attempts: 1 };
    const composed = {
      type: 'composed',
      digestId: digest.id,
      profileKey: delivery.profileKey!,
      composedWith: 'llm',
      llmCalls: 1,
      llmError: null,
      newSummaries: {},
      itemIds: [itemId],
      profile,
    } as unknown as ResultJob;

    applyResult(db, sent, { llmRequired: false });
    applyResult(db, sent, { llmRequired: false });
    applyResult(db, composed, { llmRequired: false });
    applyResult(db, composed, { llmRequired: false });

    const row = db.select().from(deliveries).where(eq(deliveries.id, delivery.id)).get()!;
    expect(row.status).toBe('sent');
    expect(row.subscriberId).toBe(subscriberId);
    expect(row.composedWith).toBe('llm');
    expect(row.subject).toBe(profile.subject);
    // The email it got is the profile's render, filled for Ana.
    const email = previewDelivery(t.ctx, digest.id, subscriberId);
    expect(email.html).toContain('School choice simulator');
    expect(email.html).toContain('Ana');
    const after = getDigest(db, digest.id);
    expect(after).toMatchObject({ status: 'sent', sentCount: 1, composedWithLlm: 1, llmCallCount: 1, failedCount: 0 });
  });
});
