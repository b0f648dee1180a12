import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, llmSummaries, subscribers } from '../../src/db/schema.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import type { DigestView } from '../../src/digests/digest-schema.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';

const WINDOW = { windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-22T12:00:00Z' };

describe('a digest for readers of both languages', () => {
  let rig: DigestRig;
  let ids: Record<string, number>;
  const titles: Record<string, string> = {
    school: 'School choice simulator',
    jobs: 'Skills in online job advertisements',
    transport: 'Public transport and segregation',
    brecha: 'La brecha digital en la escuela',
  };

  // Every test gets its own rig (database, Redis prefix, SMTP sink, model stand-in) with the same lab:
  // four items, five readers.
  beforeEach(async () => {
    rig = await startDigestRig('digest-send');
    ids = {};
    const { db } = rig.t.ctx;
    seedTopics(db, {
      education: { en: 'Education', es: 'Educación' },
      labour: { en: 'Labour markets', es: 'Mercados laborales' },
      urban: { en: 'Urban studies', es: 'Estudios urbanos' },
      health: { en: 'Health', es: 'Salud' },
    });
    ids.school = seedItem(db, { title: titles.school!, date: '2026-10-05', topics: ['education'] });
    ids.jobs = seedItem(db, { title: titles.jobs!, kind: 'publication', venue: 'Data in Brief', date: '2026-10-12', topics: ['labour'] });
    ids.transport = seedItem(db, { title: titles.transport!, kind: 'publication', date: '2026-11-03', topics: ['urban'] });
    ids.brecha = seedItem(db, { title: titles.brecha!, kind: 'news', date: '2026-10-20', topics: ['education', 'labour'], language: 'es' });
    ids.ana = seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', language: 'es', topics: ['education', 'labour'] });
    ids.ben = seedSubscriber(db, { email: 'ben@example.org', name: 'Ben', language: 'en', topics: ['education'] });
    ids.cai = seedSubscriber(db, { email: 'cai@example.org', name: null, language: 'en', topics: ['education'] });
    ids.dan = seedSubscriber(db, { email: 'dan@example.org', name: 'Dan', language: 'en', topics: [] });
    ids.eve = seedSubscriber(db, { email: 'eve@example.org', name: 'Eve', language: 'en', topics: ['health'] });
  });
  afterEach(() => rig.close());

  /** Sends the November digest to this test's readers and waits until it is out. */
  async function sentNovember(): Promise<{ id: number; done: DigestView }> {
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    const done = await rig.waitFinished(id);
    if (done.status !== 'sent') throw new Error(`the November digest ended ${done.status}, not sent`);
    return { id, done };
  }

  it('sends each reader exactly one email with exactly their items, in their language, using the model once per profile', async () => {
    const { id, created } = await rig.trigger({ period: '2026-11', ...WINDOW });
    expect(created).toBe(true);
    const done = await rig.waitFinished(id);
    expect(done.status).toBe('sent');
    expect(done.counts).toMatchObject({ items: 4, planned: 4, skipped: 1, profiles: 3, sent: 4, failed: 0, composedWithLlm: 4, composedWithoutLlm: 0 });
    expect(rig.ollama.calls('/api/chat')).toHaveLength(3);
    expect(done.counts.llmCalls).toBe(3);

    const received = rig.smtp.messages;
    expect(received.map((m) => m.envelope.to[0]).sort()).toEqual(['ana@example.org', 'ben@example.org', 'cai@example.org', 'dan@example.org']);

    const expected: Record<string, string[]> = {
      'ana@example.org': ['school', 'jobs', 'brecha'],
      'ben@example.org': ['school', 'brecha'],
      'cai@example.org': ['school', 'brecha'],
      'dan@example.org': ['school', 'jobs', 'transport', 'brecha'],
    };
    for (const message of received) {
      const to = message.envelope.to[0]!;
      const wanted = expected[to]!;
      for (const [key, title] of Object.entries(titles)) {
        expect(message.parsed.html.includes(title), `${to} / ${title}`).toBe(wanted.includes(key));
        expect(message.parsed.text.includes(title), `${to} / ${title} (text)`).toBe(wanted.includes(key));
      }
    }
    const ana = received.find((m) => m.envelope.to[0] === 'ana@example.org')!;
    const ben = received.find((m) => m.envelope.to[0] === 'ben@example.org')!;
    expect(ana.parsed.subject).toMatch(/noviembre/i);
    expect(ana.parsed.html).toContain('Ana');
    expect(ben.parsed.subject).toMatch(/November/);
    expect(ben.parsed.html).toContain('Ben');
    // The stand-in answers in the language it was asked for: the Spanish prompt got a Spanish answer.
    const spanishCall = rig.ollama.calls('/api/chat').find((c) => JSON.stringify(c.body.messages).includes('español'));
    expect(spanishCall).toBeDefined();

    const rows = rig.t.ctx.db.select().from(deliveries).where(eq(deliveries.digestId, id)).all();
    for (const row of rows.filter((r) => r.status === 'sent')) {
      const message = received.find((m) => m.envelope.to[0] === row.email)!;
      expect(message.parsed.messageId).toBe(row.messageId);
      expect(row.composedWith).toBe('llm');
    }
  });

  it('previews the exact email a reader got', async () => {
    await sentNovember();
    const list = (await rig.t.app.inject({ url: '/api/admin/digests', headers: rig.t.admin })).json();
    const id = list.digests[0].id;
    const preview = await rig.t.app.inject({ url: `/api/admin/digests/${id}/preview?subscriber=${ids.ben}`, headers: rig.t.admin });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toContain('text/html');
    const ben = rig.smtp.messages.find((m) => m.envelope.to[0] === 'ben@example.org')!;
    expect(preview.body.replace(/\r\n/g, '\n').trim()).toBe(ben.parsed.html.replace(/\r\n/g, '\n').trim());
    const missing = await rig.t.app.inject({ url: `/api/admin/digests/${id}/preview?subscriber=${ids.eve}`, headers: rig.t.admin });
    expect(missing.statusCode).toBe(409);
  });

  it('carries a working preference link and one-click unsubscribe', async () => {
    await sentNovember();
    const dan = rig.smtp.messages.find((m) => m.envelope.to[0] === 'dan@example.org')!;
    const header = dan.parsed.headers['list-unsubscribe']!;
    const httpsUrl = /<(https?:\/\/[^>]+)>/.exec(header)![1]!;
    expect(header).toMatch(/<mailto:[^>]+>/);
    expect(dan.parsed.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const prefs = /href="(http:\/\/labdigest\.test\/preferences\/[^"]+)"/.exec(dan.parsed.html)![1]!;
    const page = await rig.t.app.inject({ url: new URL(prefs).pathname, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);

    const res = await rig.t.app.inject({
      method: 'POST',
      url: new URL(httpsUrl).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBeUndefined();
    const row = rig.t.ctx.db.select().from(subscribers).where(eq(subscribers.id, ids.dan!)).get()!;
    expect(row.status).toBe('unsubscribed');
  });

  it('makes one digest of two triggers and sends nothing more when a finished digest is run again', async () => {
    await sentNovember();
    const before = rig.smtp.messages.length;
    const again = await rig.trigger({ period: '2026-11', ...WINDOW });
    expect(again.created).toBe(false);
    expect(again.digest.status).toBe('sent');
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages.length).toBe(before);
    expect(rig.ollama.calls('/api/chat')).toHaveLength(3);
  });

  it('lists the deliveries of a digest with their status and message id', async () => {
    await sentNovember();
    const list = (await rig.t.app.inject({ url: '/api/admin/digests', headers: rig.t.admin })).json();
    const id = list.digests.find((d: { period: string }) => d.period === '2026-11').id;
    const res = await rig.t.app.inject({ url: `/api/admin/digests/${id}/deliveries?status=sent`, headers: rig.t.admin });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(body.deliveries.map((d: { email: string }) => d.email).sort()).toEqual(['ana@example.org', 'ben@example.org', 'cai@example.org', 'dan@example.org']);
    expect(
      body.deliveries.every((d: { messageId: string; attempts: number }) => /^<digest-\d+\.[^@]+@labdigest\.test>$/.test(d.messageId) && d.attempts === 1),
    ).toBe(true);
    const skipped = (await rig.t.app.inject({ url: `/api/admin/digests/${id}/deliveries?status=skipped`, headers: rig.t.admin })).json();
    expect(skipped.deliveries.map((d: { email: string }) => d.email)).toEqual(['eve@example.org']);
    expect((await rig.t.app.inject({ url: '/api/admin/digests/999/deliveries', headers: rig.t.admin })).statusCode).toBe(404);
  });

  it('composes a dry run without sending, reusing the summaries the model wrote before', async () => {
    await sentNovember();
    // Dan leaves with the one-click unsubscribe of the digest he got.
    const danMail = rig.smtp.messages.find((m) => m.envelope.to[0] === 'dan@example.org')!;
    const oneClick = /<(https?:\/\/[^>]+)>/.exec(danMail.parsed.headers['list-unsubscribe']!)![1]!;
    const left = await rig.t.app.inject({
      method: 'POST',
      url: new URL(oneClick).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(left.statusCode).toBe(200);
    const cached = rig.t.ctx.db.select().from(llmSummaries).all();
    expect(cached.length).toBeGreaterThan(0);
    const before = rig.smtp.messages.length;
    const calls = rig.ollama.calls('/api/chat').length;
    const { id, digest } = await rig.trigger({ period: '2026-12', dryRun: true, ...WINDOW });
    expect(digest.dryRun).toBe(true);
    const done = await rig.waitFinished(id);
    // Dan unsubscribed: three readers remain, in two profiles.
    expect(done.counts).toMatchObject({ planned: 3, composedWithLlm: 3, sent: 0 });
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages.length).toBe(before);
    const newCalls = rig.ollama.calls('/api/chat').slice(calls);
    expect(newCalls).toHaveLength(2);
    // Every item's summary is cached now, so the model is asked to write none of them.
    for (const call of newCalls) {
      const user = call.body.messages.find((m: { role: string }) => m.role === 'user').content as string;
      expect(user).toMatch(/"needs_summary":\s*false/);
      expect(user).not.toMatch(/"needs_summary":\s*true/);
    }
    const preview = await rig.t.app.inject({ url: `/api/admin/digests/${id}/preview?subscriber=${ids.ben}&format=text`, headers: rig.t.admin });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(titles.school);
    expect(done.counts.waiting).toBe(0);

    // A finished dry run may be run again (say, after fixing an item); a real digest may not.
    const again = await rig.trigger({ period: '2026-12', dryRun: true, ...WINDOW });
    expect(again.created).toBe(true);
    expect(again.id).not.toBe(id);
    await rig.waitFinished(again.id);
  });
});
