import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dbSnapshot, FORM, formBody, mailJobs, seedTopics } from '../routes/public-helpers.js';

// The work a signup or a link request does for an address (lookup, insert or update, queueing) is held
// here instead of running after the answer, so the test sees what the answer was made without.
const held = vi.hoisted(() => ({ work: [] as Array<() => void> }));
vi.mock('../../src/routes/public/after-answer.js', () => ({
  afterAnswer: (_reply: unknown, work: () => void) => {
    held.work.push(work);
  },
}));

const STATES = ['pending', 'active', 'unsubscribed'] as const;

describe('POST /subscribe and /manage answer before touching the address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('answer-first');
    await seedTopics(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const observable = (res: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
    const { date: _d, 'content-length': length, 'x-ratelimit-remaining': _r, 'x-ratelimit-reset': _s, 'request-id': _i, ...headers } = res.headers;
    return { status: res.statusCode, body: res.body, length, headers };
  };

  for (const [route, payload] of [
    ['/subscribe', (email: string) => ({ email, name: 'Mallory', topics: ['elections'], consent: 'yes' })],
    ['/manage', (email: string) => ({ email })],
  ] as const) {
    it(`${route}: the same answer for every address, given before any database or queue work for it`, async () => {
      // Each route its own addresses, so neither test depends on the other's (throttled) link emails.
      const tag = route.slice(1);
      for (const status of STATES) seedSubscriber(t.ctx.db, { email: `${tag}-${status}@lab.example`, name: 'Ann', topics: ['networks'], status });
      const addresses = [`${tag}-unknown@lab.example`, ...STATES.map((s) => `${tag}-${s}@lab.example`)];
      held.work.length = 0;
      const before = dbSnapshot(t);
      const jobsBefore = (await mailJobs(t)).length;
      const answers = [];
      for (const email of addresses) {
        const res = await t.app.inject({ method: 'POST', url: route, headers: FORM, payload: formBody(payload(email)) });
        expect(res.statusCode).toBe(200);
        answers.push(observable(res));
        // Answered, and nothing about this address was read into or written to storage yet.
        expect(dbSnapshot(t)).toBe(before);
        expect(held.work).toHaveLength(answers.length);
      }
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect((await mailJobs(t)).length).toBe(jobsBefore);

      // The held work is what happens afterwards, and it does what each state needs.
      for (const work of held.work) work();
      const expected = route === '/subscribe' ? 4 : 2; // new, pending, active, unsubscribed / pending, active
      await vi.waitFor(async () => expect((await mailJobs(t)).length).toBe(jobsBefore + expected), { timeout: 3000, interval: 20 });
    });
  }
});
