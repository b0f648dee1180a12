import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounceEvents, deliveries, subscribers } from '../../src/db/schema.js';
import { seedDelivery, seedDigest } from '../helpers/bounce-seed.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const TOKEN = 'webhook-token-0123456789abcdef';

describe('POST /api/bounces/webhook', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('bounce-webhook', { BOUNCE_WEBHOOK_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const post = (body: unknown, token = TOKEN) =>
    t.app.inject({ method: 'POST', url: '/api/bounces/webhook', headers: { authorization: `Bearer ${token}` }, payload: body as object });
  const statusOf = (id: number) => t.ctx.db.select({ s: subscribers.status }).from(subscribers).where(eq(subscribers.id, id)).get()?.s;
  const eventCount = () => t.ctx.db.select().from(bounceEvents).all().length;

  let periods = 0;
  function reader(email: string) {
    const digestId = seedDigest(t.ctx.db, `${2000 + ++periods}-01`);
    const id = seedSubscriber(t.ctx.db, { email });
    const deliveryId = seedDelivery(t.ctx.db, { digestId, subscriberId: id, email, messageId: `<digest-${digestId}.${email}@labdigest.test>` });
    return { id, deliveryId, digestId, messageId: `<digest-${digestId}.${email}@labdigest.test>` };
  }

  it('applies each event like the mailbox does, and says what became of it', async () => {
    const a = reader('hook-a@example.net');
    const b = reader('hook-b@example.net');
    const c = reader('hook-c@example.net');
    const res = await post({
      events: [
        { kind: 'bounce', recipient: 'Hook-A@example.net', status: '5.1.1', diagnostic: '550 5.1.1 no such user', id: 'evt-1' },
        { kind: 'complaint', messageId: b.messageId.slice(1, -1), id: 'evt-2' },
        { kind: 'soft-bounce', deliveryId: c.deliveryId, status: '4.2.2' },
        { kind: 'hard-bounce', recipient: 'nobody-here@example.net' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ outcomes: ['applied', 'applied', 'applied', 'unmatched'] });
    expect([statusOf(a.id), statusOf(b.id), statusOf(c.id)]).toEqual(['bounced', 'complained', 'active']);
    const stored = t.ctx.db.select().from(bounceEvents).where(eq(bounceEvents.subscriberId, a.id)).get();
    expect(stored).toMatchObject({
      kind: 'hard-bounce',
      status: '5.1.1',
      source: 'webhook',
      matchedBy: 'address',
      deliveryId: a.deliveryId,
      messageId: 'evt-1',
    });
    expect(t.ctx.db.select().from(bounceEvents).where(eq(bounceEvents.subscriberId, c.id)).get()).toMatchObject({ matchedBy: 'delivery-id' });
    expect((await post({ events: [{ kind: 'complaint', messageId: b.messageId, id: 'evt-2' }] })).json()).toEqual({ outcomes: ['duplicate'] });
  });

  it('withdraws what is still queued for a reader it stops', async () => {
    const digestId = seedDigest(t.ctx.db, '2024-01');
    const id = seedSubscriber(t.ctx.db, { email: 'queued@example.net' });
    const sent = seedDelivery(t.ctx.db, { digestId: seedDigest(t.ctx.db, '2023-12'), subscriberId: id, email: 'queued@example.net' });
    const waiting = seedDelivery(t.ctx.db, { digestId, subscriberId: id, email: 'queued@example.net', status: 'composed' });
    expect((await post({ events: [{ kind: 'hard-bounce', deliveryId: sent, status: '5.1.1' }] })).json()).toEqual({ outcomes: ['applied'] });
    expect(t.ctx.db.select({ s: deliveries.status }).from(deliveries).where(eq(deliveries.id, waiting)).get()?.s).toBe('cancelled');
  });

  it('refuses a wrong or missing token, changing nothing', async () => {
    const a = reader('hook-token@example.net');
    const before = eventCount();
    const body = { events: [{ kind: 'complaint', recipient: 'hook-token@example.net' }] };
    expect((await post(body, 'wrong-token-0123456789abcdef')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/bounces/webhook', payload: body })).statusCode).toBe(401);
    expect(statusOf(a.id)).toBe('active');
    expect(eventCount()).toBe(before);
  });

  it('refuses the whole call when one event is bad, changing nothing', async () => {
    const a = reader('hook-bad@example.net');
    const before = eventCount();
    for (const bad of [
      { kind: 'complaint' },
      { kind: 'bounce', recipient: 'x@example.net' },
      { kind: 'bounce', recipient: 'x@example.net', status: '2.0.0' },
      { kind: 'unsubscribe', recipient: 'x@example.net' },
      { kind: 'complaint', recipient: 'not an address' },
      { kind: 'complaint', deliveryId: -1 },
    ]) {
      const res = await post({ events: [{ kind: 'hard-bounce', recipient: 'hook-bad@example.net' }, bad] });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await post({ events: [] })).statusCode).toBe(400);
    expect((await post({ events: Array.from({ length: 101 }, () => ({ kind: 'complaint', recipient: 'hook-bad@example.net' })) })).statusCode).toBe(400);
    expect(statusOf(a.id)).toBe('active');
    expect(eventCount()).toBe(before);
  });
});

describe('the webhook without BOUNCE_WEBHOOK_TOKEN', () => {
  it('is not there (404)', async () => {
    const t = await createTestApp('bounce-webhook-off');
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/bounces/webhook', payload: { events: [{ kind: 'complaint', recipient: 'a@example.net' }] } });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
