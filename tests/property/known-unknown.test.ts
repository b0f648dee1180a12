import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { seedTopics } from '../routes/public-helpers.js';
import { formFields, hostileHeaders, hostileQuery } from './hostile-arbitraries.js';
import { createPropertyApp, FC, makeReader, observable } from './property-rig.js';

const KNOWN = { pending: 'pending@example.org', active: 'active@example.org', unsubscribed: 'unsubscribed@example.org' } as const;

/** How the address is typed: as stored, in capitals, with spaces around it. */
const spell = fc.constantFrom(
  (a: string) => a,
  (a: string) => a.toUpperCase(),
  (a: string) => ` ${a} `,
);

function encode(fields: Record<string, unknown>, json: boolean): string {
  if (json) return JSON.stringify(fields);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
  return params.toString();
}

describe('property: POST /subscribe and POST /manage answer a known address exactly as an unknown one', () => {
  let t: TestApp;
  let fresh = 0;
  beforeAll(async () => {
    t = await createPropertyApp('known-unknown');
    await seedTopics(t);
    for (const [state, email] of Object.entries(KNOWN)) await makeReader(t, email, state as keyof typeof KNOWN);
  });
  afterAll(() => t?.close());

  /** Puts the unsubscribed reader back (a signup makes them pending again). */
  function resetStates() {
    t.ctx.db.$client.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE email = ?").run(KNOWN.unsubscribed);
  }

  for (const path of ['/subscribe', '/manage'] as const) {
    it(`${path}: same status, headers and body for an unknown, pending, active and unsubscribed address`, async () => {
      const request = fc.record({
        fields: formFields([]),
        json: fc.boolean(),
        query: hostileQuery,
        headers: hostileHeaders,
        spelling: spell,
        // Most runs send a valid signup, so the accepted answer is compared too, not only the 400 page.
        valid: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ fields, json, query, headers, spelling, valid }) => {
          const base: Record<string, unknown> = valid ? { consent: 'yes', topics: ['networks'], language: 'es', name: 'Ada' } : { ...fields };
          delete base.email;
          const answers = [];
          const addresses = [`unknown-${++fresh}@example.org`, KNOWN.pending, KNOWN.active, KNOWN.unsubscribed];
          for (const address of addresses) {
            resetStates();
            const email = spelling(address);
            const res = await t.app.inject({
              method: 'POST',
              url: path + query,
              headers: { ...headers, 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
              payload: encode({ ...base, email }, json),
            });
            answers.push({ address, answer: observable(res, email.trim() === email ? email : email.trim()) });
          }
          const [unknown, ...known] = answers;
          for (const k of known) expect(k.answer, `${k.address} answered differently from an unknown address`).toEqual(unknown!.answer);
        }),
        { ...FC, numRuns: Math.ceil(FC.numRuns / 2) },
      );
    });
  }
});
