import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signExpiringToken, signToken } from '../../src/tokens/tokens.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { exportJobsTo, forgetLastLink } from './export-helpers.js';
import { FORM, subscriberByEmail } from './public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

const BROWSER = { ...FORM, accept: 'text/html' };

describe('download my data through an emailed, short-lived link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('data-export', { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());

  /** A confirmed reader; its preferences path; its signup and confirm links already used up the throttle. */
  async function reader(email: string, language: 'en' | 'es' = 'en') {
    await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: { 'user-agent': 'signup-agent' },
      payload: { email, name: 'Pat', consent: true, language },
    });
    const id = subscriberByEmail(t, email)!.id;
    await t.app.inject({
      method: 'POST',
      url: `/confirm/${signToken(t.config.SECRET_KEY, 'confirm', subjectOf(t, id))}`,
      headers: { 'user-agent': 'confirm-agent' },
    });
    return { id, path: `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, id))}` };
  }

  it('the preference page offers a POST button, not a download link', async () => {
    const { path } = await reader('page@example.org');
    const res = await t.app.inject({ url: path });
    expect(res.body).toContain(`<form method="post" action="${path}/export"><button type="submit" class="secondary">Download my data (JSON)</button></form>`);
    expect(res.body).not.toContain('download>');
  });

  it('POST queues a data-export email whose link downloads the reader’s data', async () => {
    const { id, path } = await reader('export-flow@example.org');
    forgetLastLink(t, id);
    const asked = await t.app.inject({ method: 'POST', url: `${path}/export`, headers: BROWSER, payload: '' });
    expect(asked.statusCode).toBe(200);
    expect(asked.headers['cache-control']).toBe('no-store');
    expect(asked.body).toContain('We have emailed you a link to download your data; it works for 24 hours.');
    expect(asked.body).not.toContain('signup-agent');

    const [job, ...more] = await exportJobsTo(t, 'export-flow@example.org');
    expect(more).toEqual([]);
    expect(job).toMatchObject({ template: 'data-export', to: 'export-flow@example.org', name: null, language: 'en' });
    expect(job!.exportUrl).toMatch(/^http:\/\/labdigest\.test\/data\/export\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]+$/);

    const res = await t.app.inject({ url: new URL(job!.exportUrl).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toBe('attachment; filename="labdigest-my-data.json"');
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.subscriber).toMatchObject({ id, email: 'export-flow@example.org', name: 'Pat', language: 'en', status: 'active', paused: false });
    expect(data.consentRecords).toEqual([
      expect.objectContaining({ event: 'signup', ip: '127.0.0.1', userAgent: 'signup-agent' }),
      expect.objectContaining({ event: 'confirm', ip: '127.0.0.1', userAgent: 'confirm-agent' }),
    ]);
  });

  it('a Spanish reader gets the page and the email in Spanish', async () => {
    const { id, path } = await reader('exporta@example.org', 'es');
    forgetLastLink(t, id);
    const asked = await t.app.inject({ method: 'POST', url: `${path}/export`, headers: BROWSER, payload: '' });
    expect(asked.body).toContain('Te hemos enviado por correo un enlace para descargar tus datos; funciona durante 24 horas.');
    const [job] = await exportJobsTo(t, 'exporta@example.org');
    expect(job).toMatchObject({ template: 'data-export', language: 'es' });
  });

  it('asking again within minutes shows the same page but sends nothing new', async () => {
    const { id, path } = await reader('twice@example.org');
    forgetLastLink(t, id);
    const first = await t.app.inject({ method: 'POST', url: `${path}/export`, headers: BROWSER, payload: '' });
    const second = await t.app.inject({ method: 'POST', url: `${path}/export`, headers: BROWSER, payload: '' });
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(await exportJobsTo(t, 'twice@example.org')).toHaveLength(1);
  });

  it('expired, tampered and wrong-purpose tokens at /data/ get the friendly 404 page', async () => {
    const { id } = await reader('expired@example.org');
    const past = signExpiringToken(t.config.SECRET_KEY, 'export', subjectOf(t, id), new Date(Date.now() - 1000));
    const good = signExpiringToken(t.config.SECRET_KEY, 'export', subjectOf(t, id), new Date(Date.now() + 60_000));
    const flipped = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    for (const token of [
      past,
      flipped,
      signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, id)),
      signToken(t.config.SECRET_KEY, 'unsubscribe', subjectOf(t, id)),
      'x'.repeat(300),
    ]) {
      const res = await t.app.inject({ url: `/data/${token}`, headers: { accept: 'text/html' } });
      expect(res.statusCode, token).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Link not found');
      expect(res.body).not.toContain('expired@example.org');
    }
    expect((await t.app.inject({ url: `/data/${good}` })).statusCode).toBe(200);
  });

  it('the old GET /preferences/:token/export no longer returns data', async () => {
    const { path } = await reader('old-link@example.org');
    const res = await t.app.inject({ url: `${path}/export`, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Link not found');
    expect(res.body).not.toContain('old-link@example.org');
    expect(res.body).not.toContain('signup-agent');
  });

  it('an erased reader’s export link stops working', async () => {
    const { id } = await reader('erased-export@example.org');
    const token = signExpiringToken(t.config.SECRET_KEY, 'export', subjectOf(t, id), new Date(Date.now() + 60_000));
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/subscribers/${id}`, headers: t.admin })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/data/${token}` })).statusCode).toBe(404);
  });

  it('a bad preferences token cannot ask for an export', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/preferences/${'x'.repeat(40)}/export`, headers: BROWSER, payload: '' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Link not found');
  });
});
