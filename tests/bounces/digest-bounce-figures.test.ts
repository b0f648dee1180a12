import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDelivery, seedDigest } from '../helpers/bounce-seed.js';
import { consoleSession } from '../helpers/console-session.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const TOKEN = 'webhook-token-0123456789abcdef';

describe('a digest’s bounces and complaints, as its page and the API show them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('digest-bounce-figures', { BOUNCE_WEBHOOK_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  it('counts each delivery once per kind, only for that digest', async () => {
    const digestId = seedDigest(t.ctx.db, '2031-01');
    const other = seedDigest(t.ctx.db, '2031-02');
    const delivery = (email: string, digest = digestId) => {
      const subscriberId = seedSubscriber(t.ctx.db, { email });
      return seedDelivery(t.ctx.db, { digestId: digest, subscriberId, email, messageId: `<digest-${digest}.${email}@labdigest.test>` });
    };
    const dead = delivery('dead@example.net');
    const angry = delivery('angry@example.net');
    const full = delivery('full@example.net');
    const elsewhere = delivery('elsewhere@example.net', other);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/bounces/webhook',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: {
        events: [
          { kind: 'hard-bounce', deliveryId: dead, status: '5.1.1', id: 'e1' },
          { kind: 'hard-bounce', deliveryId: dead, status: '5.1.1', id: 'e2' },
          { kind: 'complaint', deliveryId: angry, id: 'e3' },
          { kind: 'soft-bounce', deliveryId: full, status: '4.2.2', id: 'e4' },
          { kind: 'complaint', deliveryId: elsewhere, id: 'e5' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);

    const view = (await t.app.inject({ url: `/api/admin/digests/${digestId}`, headers: t.admin })).json();
    expect(view.counts).toMatchObject({ hardBounces: 1, softBounces: 1, complaints: 1 });

    const session = await consoleSession(t, 'admin');
    const page = await session.get(`/admin/digests/${digestId}`);
    expect(page.statusCode).toBe(200);
    const row = (label: string) => new RegExp(`<th scope="row">${label}</th><td class="num">(\\d+)</td>`).exec(page.body)?.[1];
    expect(row('Bounced later \\(address dead\\)')).toBe('1');
    expect(row('Bounced later \\(temporarily\\)')).toBe('1');
    expect(row('Marked as spam')).toBe('1');
  });
});
