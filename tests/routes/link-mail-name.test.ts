import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribers } from '../../src/db/schema.js';
import { createTemplateCache, type TemplateCache } from '../../src/mail/template-cache.js';
import { renderTransactional } from '../../src/mail/transactional-email.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { settledMailJobs, subscriberByEmail } from './public-helpers.js';

// What a stranger would type as the "name" to get their text into someone else's mailbox.
const PLANTED = 'Your account is locked, call +1 555 0100';

describe('link emails carry no name a stranger typed', () => {
  let t: TestApp;
  let cache: TemplateCache;
  beforeAll(async () => {
    t = await createTestApp('link-mail-name', { RATE_LIMIT_PER_MINUTE: '1000' });
    cache = await createTemplateCache(t.config);
  });
  afterAll(() => t.close());

  const allow = (email: string) => t.ctx.db.update(subscribers).set({ lastLinkSentAt: null }).where(eq(subscribers.email, email)).run();

  it('the confirmation email greets without the submitted name', async () => {
    const email = 'victim@example.org';
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, name: PLANTED, consent: true } });
    const [job] = (await settledMailJobs(t)).filter((j) => j.to === email);
    expect(job).toMatchObject({ template: 'confirm', to: email, name: null });
    const mail = renderTransactional(cache, job!);
    expect(mail.text).toContain('Hello,');
    expect(mail.text).not.toContain('555 0100');
    expect(mail.html).not.toContain('555 0100');
    // The name is still stored for the reader's own pages once they confirm.
    expect(subscriberByEmail(t, email)!.name).toBe(PLANTED);
  });

  it('manage emails asked for through /manage or /subscribe greet without the stored name', async () => {
    const email = 'named-reader@example.org';
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, name: PLANTED, consent: true } });
    t.ctx.db.update(subscribers).set({ status: 'active', confirmedAt: new Date() }).where(eq(subscribers.email, email)).run();
    allow(email);
    await t.app.inject({ method: 'POST', url: '/manage', payload: { email } });
    allow(email);
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, name: 'Another', consent: true } });
    const manage = (await settledMailJobs(t)).filter((j) => j.to === email && j.template === 'manage');
    expect(manage.map((j) => j.name)).toEqual([null, null]);
    expect(renderTransactional(cache, manage[0]!).text).not.toContain('555 0100');
  });
});
