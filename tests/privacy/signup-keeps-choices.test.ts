import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailJob } from '../../src/jobs/mail-job.js';
import { pendingSignupOf } from '../../src/subscribers/signup.js';
import { topicSlugsOf } from '../../src/subscribers/subscriber-repository.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FORM, formBody, seedTopics, settledMailJobs, subscriberByEmail, tokenOf } from '../routes/public-helpers.js';

describe('a signup never changes a stored reader’s choices before the confirmation link is used', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Many signups and confirmations from one address in a minute: the rate limit is not what this tests.
    t = await createTestApp('signup-keeps', { RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const strangerSignup = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/subscribe?lang=es',
      headers: FORM,
      payload: formBody({ email, name: 'Mallory', language: 'es', topics: ['elections', 'misinformation'], consent: 'yes' }),
    });

  async function confirmMailTo(email: string): Promise<Extract<MailJob, { template: 'confirm' }>> {
    const jobs = (await settledMailJobs(t)).filter((j) => j.to === email);
    expect(jobs.map((j) => j.template)).toEqual(['confirm']);
    return jobs[0] as Extract<MailJob, { template: 'confirm' }>;
  }

  for (const status of ['pending', 'unsubscribed'] as const) {
    it(`keeps a ${status} reader’s name, language, topics and status; the confirmation link applies the new choices`, async () => {
      const email = `ann-${status}@lab.example`;
      const id = seedSubscriber(t.ctx.db, { email, name: 'Ann', language: 'en', topics: ['networks'], status });
      const before = subscriberByEmail(t, email)!;

      const res = await strangerSignup(email);
      expect(res.statusCode).toBe(200);
      const after = subscriberByEmail(t, email)!;
      expect(after).toMatchObject({ name: 'Ann', language: 'en', status, paused: false });
      expect(after.updatedAt).toEqual(before.updatedAt);
      expect(topicSlugsOf(t.ctx.db, id)).toEqual(['networks']);
      expect(pendingSignupOf(t.ctx.db, id)).toMatchObject({ name: 'Mallory', language: 'es', topics: ['elections', 'misinformation'] });

      // The confirmation goes to the address only, nameless; its link is what applies the choices.
      const mail = await confirmMailTo(email);
      expect(mail).toMatchObject({ to: email, name: null, language: 'es' });
      const confirmed = await t.app.inject({ method: 'POST', url: `/confirm/${tokenOf(mail.confirmUrl)}` });
      expect(confirmed.statusCode).toBe(200);
      expect(subscriberByEmail(t, email)).toMatchObject({ name: 'Mallory', language: 'es', status: 'active' });
      expect(topicSlugsOf(t.ctx.db, id)).toEqual(['elections', 'misinformation']);
      expect(pendingSignupOf(t.ctx.db, id)).toBeUndefined();
    });
  }

  it('an older confirmation link (from before the stranger’s signup) confirms the reader as they were', async () => {
    const email = 'ann-older-link@lab.example';
    const id = seedSubscriber(t.ctx.db, { email, name: 'Ann', language: 'en', topics: ['networks'], status: 'pending' });
    expect((await strangerSignup(email)).statusCode).toBe(200);
    const mail = await confirmMailTo(email);
    expect(mail.confirmUrl).toMatch(/\?signup=[A-Za-z0-9_-]{22}$/);
    // The link of the reader's own first email: the same token, without this signup's value (or another one).
    const older = tokenOf(mail.confirmUrl).split('?')[0]!;
    expect((await t.app.inject({ method: 'POST', url: `/confirm/${older}?signup=${'x'.repeat(22)}` })).statusCode).toBe(200);
    expect(subscriberByEmail(t, email)).toMatchObject({ name: 'Ann', language: 'en', status: 'active' });
    expect(topicSlugsOf(t.ctx.db, id)).toEqual(['networks']);
    expect(pendingSignupOf(t.ctx.db, id)).toBeUndefined();
    // The stranger's link, used afterwards, changes nothing either.
    expect((await t.app.inject({ method: 'POST', url: `/confirm/${tokenOf(mail.confirmUrl)}` })).statusCode).toBe(200);
    expect(subscriberByEmail(t, email)).toMatchObject({ name: 'Ann', language: 'en', status: 'active' });
  });

  it('an older link does not bring an unsubscribed reader back', async () => {
    const email = 'ann-unsub-older@lab.example';
    seedSubscriber(t.ctx.db, { email, name: 'Ann', topics: ['networks'], status: 'unsubscribed' });
    expect((await strangerSignup(email)).statusCode).toBe(200);
    const older = tokenOf((await confirmMailTo(email)).confirmUrl).split('?')[0]!;
    expect((await t.app.inject({ method: 'POST', url: `/confirm/${older}` })).statusCode).toBe(200);
    expect(subscriberByEmail(t, email)).toMatchObject({ name: 'Ann', status: 'unsubscribed' });
  });

  it('the confirmation page carries the signup value into its form', async () => {
    const email = 'ann-page@lab.example';
    seedSubscriber(t.ctx.db, { email, name: 'Ann', topics: ['networks'], status: 'pending' });
    expect((await strangerSignup(email)).statusCode).toBe(200);
    const url = (await confirmMailTo(email)).confirmUrl;
    const page = await t.app.inject({ url: `/confirm/${tokenOf(url)}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/confirm/${tokenOf(url)}"`);
  });

  it('leaves an active reader alone and sends a manage link, keeping nothing pending', async () => {
    const email = 'ann-active@lab.example';
    const id = seedSubscriber(t.ctx.db, { email, name: 'Ann', language: 'en', topics: ['networks'] });
    expect((await strangerSignup(email)).statusCode).toBe(200);
    expect(subscriberByEmail(t, email)).toMatchObject({ name: 'Ann', language: 'en', status: 'active' });
    expect(topicSlugsOf(t.ctx.db, id)).toEqual(['networks']);
    expect(pendingSignupOf(t.ctx.db, id)).toBeUndefined();
    expect((await settledMailJobs(t)).filter((j) => j.to === email).map((j) => j.template)).toEqual(['manage']);
  });

  it('a new address is stored with its choices, pending', async () => {
    const email = 'new-reader@lab.example';
    expect((await strangerSignup(email)).statusCode).toBe(200);
    const row = subscriberByEmail(t, email)!;
    expect(row).toMatchObject({ name: 'Mallory', language: 'es', status: 'pending' });
    expect(topicSlugsOf(t.ctx.db, row.id)).toEqual(['elections', 'misinformation']);
    expect(pendingSignupOf(t.ctx.db, row.id)).toBeUndefined();
  });
});
