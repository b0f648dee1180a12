import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRecords, deliveries, subscribers } from '../../src/db/schema.js';
import { consoleSession } from '../helpers/console-session.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { seedConsent, seedConsoleTopics, seedDigest, tableRow, tableRows } from './console-seed.js';

describe('console subscriber pages', () => {
  let t: TestApp;
  let ada: number;
  let digestId: number;

  beforeAll(async () => {
    t = await createTestApp('console-subscribers');
    const db = t.ctx.db;
    seedConsoleTopics(db);
    ada = seedSubscriber(db, { email: 'ada@uni.example', name: 'Ada Lovelace', topics: ['networks', 'elections'] });
    seedSubscriber(db, { email: 'bruno@example.org', name: 'Bruno Díaz', language: 'es', topics: ['housing'] });
    seedSubscriber(db, { email: 'carla@example.org', status: 'pending', topics: ['networks'] });
    for (let i = 0; i < 55; i++) seedSubscriber(db, { email: `bulk-${String(i).padStart(2, '0')}@bulk.example`, topics: [] });
    seedConsent(db, t.config.SECRET_KEY, {
      subscriberId: ada,
      email: 'ada@uni.example',
      event: 'signup',
      at: new Date('2026-03-04T09:15:00Z'),
      form: 'lab-website',
      version: 'v7',
      ip: '198.51.100.23',
      userAgent: 'Mozilla/5.0 (Ada’s laptop)',
    });
    digestId = seedDigest(db, { period: '2026-03', status: 'sent', sent: 1 });
    db.insert(deliveries)
      .values({
        digestId,
        subscriberId: ada,
        email: 'ada@uni.example',
        status: 'failed',
        messageId: '<d1@labdigest.test>',
        attempts: 3,
        error: '451 try later',
      })
      .run();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists subscribers in pages with a count, and finds them by address, name, status, language and topic', async () => {
    const admin = await consoleSession(t, 'admin');
    const all = await admin.get('/admin/subscribers?lang=en');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('58 subscribers match.');
    expect(all.body).toContain('1 of 2');
    expect(all.body).toContain('rel="next"');
    const second = await admin.get('/admin/subscribers?page=2&lang=en');
    expect(second.body).toContain('bulk-54@bulk.example');
    expect(second.body).not.toContain('ada@uni.example');

    const byName = await admin.get(`/admin/subscribers?q=${encodeURIComponent('lovelace')}`);
    expect(byName.body).toContain('1 subscribers match.');
    expect(tableRow(byName.body, 'ada@uni.example')).toMatch(/^ada@uni\.example\|Ada Lovelace\|English\|Active\|Elections, Social networks\|[^|]+\|$/);
    const byStatus = await admin.get('/admin/subscribers?status=pending');
    expect(byStatus.body).toContain('1 subscribers match.');
    expect(byStatus.body).toContain('carla@example.org');
    const byLanguage = await admin.get('/admin/subscribers?language=es');
    expect(byLanguage.body).toContain('bruno@example.org');
    expect(byLanguage.body).toContain('1 subscribers match.');
    const byTopic = await admin.get('/admin/subscribers?topic=networks&status=');
    expect(byTopic.body).toContain('2 subscribers match.');
    // The export link carries the same filters.
    expect(byTopic.body).toContain('href="/admin/subscribers/export.csv?topic=networks"');
  });

  it('exports the filtered subscribers as CSV', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.get('/admin/subscribers/export.csv?topic=networks');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="subscribers.csv"');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,email,name,language,status,paused,topics,created_at,confirmed_at,unsubscribed_at');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"ada@uni.example","Ada Lovelace","en","active","no","elections;networks"');
    expect(lines[2]).toContain('"carla@example.org"');
  });

  it('shows a subscriber with every consent row and their deliveries, linking to the email', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.get(`/admin/subscribers/${ada}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>ada@uni.example</h1>');
    const consent = tableRows(res.body).find((r) => r.includes('lab-website')) ?? '';
    expect(consent.startsWith('Signed up|')).toBe(true);
    expect(consent).toContain('lab-website|v7');
    expect(consent).toContain('|198.51.100.23|Mozilla/5.0 (Ada’s laptop)|');
    expect(consent).toContain('Mar 4, 2026');
    expect(tableRow(res.body, '2026-03')).toContain('2026-03|Failed|—|3|451 try later|');
    expect(res.body).toContain(`href="/admin/digests/${digestId}/preview?subscriber=${ada}"`);
    expect(res.body).toContain(`href="/admin/subscribers/${ada}/erase"`);
    const es = await admin.get(`/admin/subscribers/${ada}?lang=es`);
    expect(es.body).toContain('Registro de consentimiento');
    expect(tableRows(es.body).find((r) => r.includes('lab-website'))).toMatch(/^Alta\|4 mar 2026.*\|lab-website\|v7/);
  });

  it('answers 404 for a subscriber that does not exist', async () => {
    const admin = await consoleSession(t, 'admin');
    expect((await admin.get('/admin/subscribers/999999')).statusCode).toBe(404);
  });

  it('erases only after the confirmation step, through the same use case as the API', async () => {
    const admin = await consoleSession(t, 'admin');
    const victim = seedSubscriber(t.ctx.db, { email: 'leaving@example.org', topics: ['networks'] });
    const confirm = await admin.get(`/admin/subscribers/${victim}/erase?lang=en`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Erase leaving@example.org?');
    expect(confirm.body).toContain(`action="/admin/subscribers/${victim}/erase"`);
    expect(confirm.body).toContain('name="_csrf"');
    expect(t.ctx.db.select().from(subscribers).where(eq(subscribers.id, victim)).get()).toBeDefined();

    // A post without the confirmation's "yes" only leads back to the confirmation.
    const unconfirmed = await admin.post(`/admin/subscribers/${victim}/erase`, {});
    expect(unconfirmed.statusCode).toBe(303);
    expect(unconfirmed.headers.location).toBe(`/admin/subscribers/${victim}/erase`);
    expect(t.ctx.db.select().from(subscribers).where(eq(subscribers.id, victim)).get()).toBeDefined();

    const done = await admin.post(`/admin/subscribers/${victim}/erase`, { confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/subscribers?done=erased');
    expect(t.ctx.db.select().from(subscribers).where(eq(subscribers.id, victim)).get()).toBeUndefined();
    const erase = t.ctx.db.select().from(consentRecords).where(eq(consentRecords.event, 'erase')).all();
    expect(erase).toMatchObject([{ subscriberId: null, form: 'admin-api' }]);
    const list = await admin.get('/admin/subscribers?done=erased&lang=en');
    expect(list.body).toContain('The subscriber was erased.');
    expect(list.body).not.toContain('leaving@example.org');
  });

  it('is for admins only: an editor gets 403', async () => {
    const editor = await consoleSession(t, 'editor');
    expect((await editor.get('/admin/subscribers')).statusCode).toBe(403);
    expect((await editor.get(`/admin/subscribers/${ada}`)).statusCode).toBe(403);
    expect((await editor.get('/admin/subscribers/export.csv')).statusCode).toBe(403);
    expect((await editor.post(`/admin/subscribers/${ada}/erase`, { confirm: 'yes' })).statusCode).toBe(403);
    expect(t.ctx.db.select().from(subscribers).where(eq(subscribers.id, ada)).get()).toBeDefined();
  });
});
