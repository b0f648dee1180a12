import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMonths, monthlyFlow } from '../../src/subscribers/subscriber-stats.js';
import { consoleSession } from '../helpers/console-session.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { tableRow as row, seedConsent, seedConsoleTopics, seedDigest } from './console-seed.js';

describe('console dashboard', () => {
  let t: TestApp;
  let digestId: number;
  const months = lastMonths(new Date(), 12);
  const thisMonth = months[11]!;
  const lastMonth = months[10]!;

  beforeAll(async () => {
    t = await createTestApp('console-dashboard');
    const db = t.ctx.db;
    const secret = t.config.SECRET_KEY;
    seedConsoleTopics(db);
    const a = seedSubscriber(db, { email: 'a@example.org', topics: ['networks', 'elections'] });
    seedSubscriber(db, { email: 'b@example.org', language: 'es', topics: ['networks'] });
    seedSubscriber(db, { email: 'c@example.org', language: 'es', status: 'pending', topics: ['housing'] });
    seedSubscriber(db, { email: 'd@example.org', status: 'unsubscribed', topics: ['networks'] });
    const inMonth = (m: string, day: number) => new Date(`${m}-${String(day).padStart(2, '0')}T10:00:00Z`);
    seedConsent(db, secret, { subscriberId: a, email: 'a@example.org', event: 'confirm', at: inMonth(thisMonth, 1) });
    seedConsent(db, secret, { subscriberId: null, email: 'b@example.org', event: 'confirm', at: inMonth(lastMonth, 3) });
    seedConsent(db, secret, { subscriberId: null, email: 'e@example.org', event: 'resubscribe', at: inMonth(lastMonth, 4) });
    seedConsent(db, secret, { subscriberId: null, email: 'd@example.org', event: 'unsubscribe', at: inMonth(lastMonth, 5) });
    // A signup that was never confirmed, and an event older than a year, count for nothing.
    seedConsent(db, secret, { subscriberId: null, email: 'c@example.org', event: 'signup', at: inMonth(thisMonth, 1) });
    seedConsent(db, secret, { subscriberId: null, email: 'old@example.org', event: 'confirm', at: new Date('2001-01-01T00:00:00Z') });
    for (let i = 1; i <= 6; i++) seedDigest(db, { period: `2025-0${i}`, status: 'sent', sent: i, profiles: 1, llm: 1 });
    digestId = seedDigest(db, { period: '2026-07', status: 'sent', sent: 41, failed: 2, profiles: 3, llm: 2, fallback: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts joined and left per month from the consent log', () => {
    const flow = monthlyFlow(t.ctx.db);
    expect(flow).toHaveLength(12);
    expect(flow[11]).toEqual({ month: thisMonth, joined: 1, unsubscribed: 0 });
    expect(flow[10]).toEqual({ month: lastMonth, joined: 2, unsubscribed: 1 });
    expect(flow.slice(0, 10).every((f) => f.joined === 0 && f.unsubscribed === 0)).toBe(true);
  });

  it('shows subscribers by status, language and topic, the chart, and the last five digests to an admin', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.get('/admin?lang=en');
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page).toContain('4 subscribers in all, 2 active.');
    expect(row(page, 'Waiting for confirmation')).toBe('Waiting for confirmation|1|');
    expect(row(page, 'Unsubscribed')).toBe('Unsubscribed|1|');
    expect(row(page, 'English')).toBe('English|1|');
    expect(row(page, 'Español')).toBe('Español|1|');
    // networks: a, b active; d unsubscribed → 2 active of 3.
    expect(row(page, 'Social networks')).toBe('Social networks|2|3|');
    expect(row(page, 'Housing')).toBe('Housing|0|1|');
    expect(page).toContain('<svg viewBox');
    expect(page).toContain('role="img"');
    expect(page).toContain('<title id="flow-chart-title">Joined and left, per month</title>');
    expect(page).toContain(`href="/admin/digests/${digestId}"`);
    expect(row(page, '2026-07')).toContain('2026-07|Sent|41|2|3|2 model / 1 fallback|');
    // The five newest: 2026-07 and 2025-06 … 2025-03; not 2025-01 or 2025-02.
    expect(page).toContain('2025-03');
    expect(page).not.toContain('2025-02');
    // Admins can follow a status to the subscriber list.
    expect(page).toContain('href="/admin/subscribers?status=pending"');
  });

  it('shows the chart’s figures as a table in Spanish', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.get('/admin?lang=es');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain('Las cifras del gráfico en una tabla');
    expect(res.body).toContain('4 suscriptores en total, 2 activos.');
    expect(row(res.body, 'Redes sociales')).toBe('Redes sociales|2|3|');
  });

  it('shows an editor the dashboard without links into the subscriber list', async () => {
    const editor = await consoleSession(t, 'editor');
    const res = await editor.get('/admin?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('4 subscribers in all, 2 active.');
    expect(res.body).not.toContain('href="/admin/subscribers?status=');
  });
});
