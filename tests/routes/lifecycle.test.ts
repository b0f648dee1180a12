import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailHash } from '../../src/subscribers/email-address.js';
import { topicSlugsOf } from '../../src/subscribers/subscriber-repository.js';
import { signToken } from '../../src/tokens/tokens.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { consentOf, FORM, formBody, seedTopics, subscriberByEmail, tokenOf, waitForMailJobs } from './public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

const BROWSER = { ...FORM, accept: 'text/html', 'user-agent': 'Mozilla/5.0 (lifecycle test)' };

describe('the whole subscriber lifecycle over HTTP', () => {
  let t: TestApp;
  // Each test has its own app and database, so the mail queue holds only that test's emails.
  beforeEach(async () => {
    t = await createTestApp('lifecycle', { RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
  });
  afterEach(() => t.close());

  it('subscribes through the form, confirms, changes preferences and unsubscribes with one click', async () => {
    const form = await t.app.inject({ url: '/subscribe', headers: { accept: 'text/html', 'accept-language': 'es-ES,es;q=0.9' } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="es">');
    expect(form.body).toContain('action="http://labdigest.test/subscribe?lang=es"');
    expect(form.body).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes" required>/);

    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe?lang=es',
      headers: BROWSER,
      payload: formBody({
        email: '  Ana.Lopez@Example.ORG ',
        name: 'Ana López',
        language: 'es',
        topics: ['networks', 'elections'],
        consent: 'yes',
        website: '',
        form: 'subscribe-page',
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Revisa tu correo');
    expect(res.headers['set-cookie']).toBeUndefined();

    const s = subscriberByEmail(t, 'ana.lopez@example.org')!;
    expect(s).toMatchObject({ name: 'Ana López', language: 'es', status: 'pending', paused: false, confirmedAt: null });
    expect(topicSlugsOf(t.ctx.db, s.id).sort()).toEqual(['elections', 'networks']);
    const [signup] = consentOf(t, s.id);
    expect(signup).toMatchObject({
      event: 'signup',
      form: 'subscribe-page',
      consentVersion: expect.any(String),
      ip: '127.0.0.1',
      userAgent: 'Mozilla/5.0 (lifecycle test)',
      emailHash: emailHash(t.config.SECRET_KEY, 'ana.lopez@example.org'),
    });
    expect(signup!.consentText).toMatch(/^Acepto recibir un resumen mensual/);

    const [job] = await waitForMailJobs(t, 1);
    expect(job).toMatchObject({ template: 'confirm', to: 'ana.lopez@example.org', name: null, language: 'es' });
    const confirmUrl = (job as { confirmUrl: string }).confirmUrl;
    expect(confirmUrl).toMatch(/^http:\/\/labdigest\.test\/confirm\/confirm\./);
    const path = new URL(confirmUrl).pathname;

    // A link scanner's GET changes nothing; the page has a button that POSTs.
    const page = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form method="post" action="${path}">`);
    expect(page.body).toContain('Confirmar mi suscripción');
    expect(subscriberByEmail(t, 'ana.lopez@example.org')!.status).toBe('pending');

    const confirmed = await t.app.inject({ method: 'POST', url: path, headers: { ...BROWSER, 'user-agent': 'Confirming browser' } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Suscripción confirmada');
    const active = subscriberByEmail(t, 'ana.lopez@example.org')!;
    expect(active.status).toBe('active');
    expect(active.confirmedAt).toBeInstanceOf(Date);
    expect(consentOf(t, s.id).map((r) => [r.event, r.ip, r.userAgent])).toEqual([
      ['signup', '127.0.0.1', 'Mozilla/5.0 (lifecycle test)'],
      ['confirm', '127.0.0.1', 'Confirming browser'],
    ]);

    // The done page links to the preference centre.
    const prefsPath = /href="(\/preferences\/[^"]+)"/.exec(confirmed.body)![1]!;
    const prefs = await t.app.inject({ url: prefsPath, headers: { accept: 'text/html' } });
    expect(prefs.statusCode).toBe(200);
    expect(prefs.headers['cache-control']).toBe('no-store');
    expect(prefs.body).toContain('ana.lopez@example.org');
    expect(prefs.body).toMatch(/value="networks" checked/);

    const saved = await t.app.inject({
      method: 'POST',
      url: prefsPath,
      headers: BROWSER,
      payload: formBody({ name: 'Ana', language: 'en', topics: 'misinformation', paused: 'yes' }),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Your preferences are saved.');
    expect(subscriberByEmail(t, 'ana.lopez@example.org')).toMatchObject({ name: 'Ana', language: 'en', paused: true, status: 'active' });
    expect(topicSlugsOf(t.ctx.db, s.id)).toEqual(['misinformation']);

    const resumed = await t.app.inject({
      method: 'POST',
      url: prefsPath,
      headers: BROWSER,
      payload: formBody({ name: 'Ana', language: 'en', topics: 'misinformation' }),
    });
    expect(resumed.statusCode).toBe(200);
    expect(subscriberByEmail(t, 'ana.lopez@example.org')!.paused).toBe(false);

    // RFC 8058 one-click: 200, plain, no redirect, no cookie.
    const unsubPath = /href="(\/unsubscribe\/[^"]+)"/.exec(saved.body)![1]!;
    const oneClick = await t.app.inject({ method: 'POST', url: unsubPath, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.headers.location).toBeUndefined();
    expect(oneClick.headers['set-cookie']).toBeUndefined();
    expect(oneClick.headers['content-type']).toContain('text/plain');
    expect(oneClick.body).toBe('You are unsubscribed.');
    const gone = subscriberByEmail(t, 'ana.lopez@example.org')!;
    expect(gone.status).toBe('unsubscribed');
    expect(gone.unsubscribedAt).toBeInstanceOf(Date);
    expect(consentOf(t, s.id).map((r) => [r.event, r.form])).toEqual([
      ['signup', 'subscribe-page'],
      ['confirm', null],
      ['unsubscribe', 'one-click'],
    ]);
  });

  it('subscribes with JSON and answers 202', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: { 'user-agent': 'curl/8' },
      payload: { email: 'Bo@Example.net', language: 'en', topics: ['elections'], consent: true, form: 'lab-website' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'ok', message: expect.stringContaining('we have sent it an email') });
    const s = subscriberByEmail(t, 'bo@example.net')!;
    expect(s.status).toBe('pending');
    expect(consentOf(t, s.id)).toMatchObject([{ event: 'signup', form: 'lab-website', userAgent: 'curl/8' }]);
    const jobs = await waitForMailJobs(t, 1);
    expect(jobs.find((j) => j.to === 'bo@example.net')).toMatchObject({ template: 'confirm', language: 'en' });
  });

  it('shows the unsubscribe page with a button and unsubscribes with it', async () => {
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email: 'cy@example.com', consent: true } });
    const job = (await waitForMailJobs(t, 1)).find((j) => j.to === 'cy@example.com') as { confirmUrl: string };
    await t.app.inject({ method: 'POST', url: new URL(job.confirmUrl).pathname, headers: BROWSER });
    const id = subscriberByEmail(t, 'cy@example.com')!.id;
    const path = `/unsubscribe/${signToken(t.config.SECRET_KEY, 'unsubscribe', subjectOf(t, id))}`;
    const page = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form method="post" action="${path}">`);
    expect(subscriberByEmail(t, 'cy@example.com')!.status).toBe('active');
    const done = await t.app.inject({ method: 'POST', url: path, headers: BROWSER, payload: 'confirm=yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    expect(subscriberByEmail(t, 'cy@example.com')!.status).toBe('unsubscribed');
    expect(tokenOf(path)).toMatch(/^unsubscribe\./);
  });
});
