import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribers } from '../../src/db/schema.js';
import { topicSlugsOf } from '../../src/subscribers/subscriber-repository.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { consentOf, FORM, formBody, seedTopics, settledMailJobs, subscriberByEmail } from './public-helpers.js';

const STATES = ['new', 'pending', 'active', 'unsubscribed', 'bounced', 'complained'] as const;
const address = (state: string, round: number) => `${state}-${round}@example.org`;

/** What a visitor can observe of an answer (the rate-limit counter and date change with every request). */
function observable(res: LightMyRequestResponse) {
  const { date: _date, 'x-ratelimit-remaining': _remaining, 'x-ratelimit-reset': _reset, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
}

describe('no answer tells whether an address is known', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('no-enumeration', { RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
  });
  afterAll(() => t.close());

  /** Puts an address into a state, with no link email sent recently. */
  async function prepare(state: (typeof STATES)[number], email: string) {
    if (state === 'new') return;
    const res = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true, topics: ['networks'] } });
    expect(res.statusCode).toBe(202);
    const status = state === 'pending' ? 'pending' : state;
    t.ctx.db.update(subscribers).set({ status, lastLinkSentAt: null }).where(eq(subscribers.email, email)).run();
  }

  /**
   * Puts one address per state into that state (addresses of this round only), then signs each up again
   * in Spanish with the topic "elections", by form or JSON; returns what a visitor saw of each answer.
   */
  async function signUpEveryState(round: number, json: boolean) {
    for (const s of STATES) await prepare(s, address(s, round));
    await settledMailJobs(t);
    const answers = [];
    for (const s of STATES) {
      const email = address(s, round);
      const res = json
        ? await t.app.inject({ method: 'POST', url: '/subscribe?lang=en', payload: { email, consent: true, topics: ['elections'], language: 'es' } })
        : await t.app.inject({
            method: 'POST',
            url: '/subscribe?lang=en',
            headers: FORM,
            payload: formBody({ email, consent: 'yes', topics: 'elections', language: 'es' }),
          });
      answers.push(observable(res));
    }
    return answers;
  }

  it('POST /subscribe answers the same for new, pending, active, unsubscribed, bounced and complained addresses (form and JSON)', async () => {
    for (const [round, json] of [
      [1, false],
      [2, true],
    ] as const) {
      const answers = await signUpEveryState(round, json);
      expect(answers[0]!.status).toBe(json ? 202 : 200);
      expect(answers[0]!.headers['set-cookie']).toBeUndefined();
      for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
    }
  });

  it('each state still gets what it should: confirm for new, pending and unsubscribed; manage for active; nothing for bounced or complained', async () => {
    const round = 4;
    await signUpEveryState(round, false);
    const jobs = await settledMailJobs(t);
    const byAddress = (email: string) => jobs.filter((j) => j.to === email).map((j) => j.template);
    // Setup signups (pending, active, unsubscribed) sent one confirm each; then the second signup:
    expect(byAddress(address('new', round))).toEqual(['confirm']);
    expect(byAddress(address('pending', round))).toEqual(['confirm', 'confirm']);
    expect(byAddress(address('active', round))).toEqual(['confirm', 'manage']);
    expect(byAddress(address('unsubscribed', round))).toEqual(['confirm', 'confirm']);
    expect(byAddress(address('bounced', round))).toEqual(['confirm']);
    expect(byAddress(address('complained', round))).toEqual(['confirm']);

    // Nobody's stored choices change: the new ones wait for the confirmation link (audit finding 7).
    expect(subscriberByEmail(t, address('active', round))).toMatchObject({ status: 'active', language: 'en' });
    expect(subscriberByEmail(t, address('pending', round))).toMatchObject({ status: 'pending', language: 'en' });
    const again = subscriberByEmail(t, address('unsubscribed', round))!;
    expect(again).toMatchObject({ status: 'unsubscribed', language: 'en' });
    expect(consentOf(t, again.id).map((r) => r.event)).toEqual(['signup', 'resubscribe']);
    expect(consentOf(t, subscriberByEmail(t, address('active', round))!.id).map((r) => r.event)).toEqual(['signup']);

    // A stranger's form cannot reset a bounced or complained address, nor change its choices.
    for (const status of ['bounced', 'complained'] as const) {
      const row = subscriberByEmail(t, address(status, round))!;
      expect(row).toMatchObject({ status, language: 'en', lastLinkSentAt: null, confirmedAt: null });
      expect(topicSlugsOf(t.ctx.db, row.id)).toEqual(['networks']);
      expect(consentOf(t, row.id).map((r) => r.event)).toEqual(['signup']);
    }
  });

  it('repeated signups send at most one link email per few minutes, with the same answer', async () => {
    const email = 'eager@example.org';
    const first = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true } });
    const second = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true } });
    expect(observable(second)).toEqual(observable(first));
    expect((await settledMailJobs(t)).filter((j) => j.to === email)).toHaveLength(1);
    // Once the interval has passed, another confirmation goes out.
    t.ctx.db
      .update(subscribers)
      .set({ lastLinkSentAt: new Date(Date.now() - 6 * 60_000) })
      .where(eq(subscribers.email, email))
      .run();
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true } });
    expect((await settledMailJobs(t)).filter((j) => j.to === email)).toHaveLength(2);
  });

  it('POST /manage answers the same for every address and mails only pending and active ones', async () => {
    for (const s of STATES) await prepare(s, address(s, 3));
    await settledMailJobs(t);
    for (const json of [false, true]) {
      const answers = [];
      for (const s of STATES) {
        const email = address(s, 3);
        const res = json
          ? await t.app.inject({ method: 'POST', url: '/manage', payload: { email } })
          : await t.app.inject({ method: 'POST', url: '/manage', headers: FORM, payload: formBody({ email }) });
        answers.push(observable(res));
      }
      expect(answers[0]!.status).toBe(json ? 202 : 200);
      for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
    }
    const jobs = await settledMailJobs(t);
    const manage = jobs.filter((j) => j.template === 'manage' && j.to.endsWith('-3@example.org'));
    // Two rounds of requests, but the throttle lets one manage email per address through.
    expect(manage.map((j) => j.to).sort()).toEqual([address('active', 3), address('pending', 3)]);
    const one = manage.find((j) => j.to === address('active', 3)) as { preferencesUrl: string; unsubscribeUrl: string };
    expect(one.preferencesUrl).toMatch(/^http:\/\/labdigest\.test\/preferences\/preferences\./);
    expect(one.unsubscribeUrl).toMatch(/^http:\/\/labdigest\.test\/unsubscribe\/unsubscribe\./);
  });

  it('POST /manage rejects a malformed address with a 400 and queues nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/manage', headers: { ...FORM, accept: 'text/html' }, payload: formBody({ email: 'nobody' }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="email-error"');
    const json = await t.app.inject({ method: 'POST', url: '/manage', payload: { email: 'a\r\nb@example.org' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().details).toEqual([{ field: 'email', message: expect.any(String) }]);
  });
});
