import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createUserService } from '../../src/users/user-service.js';
import { csrfOf, encodeForm, setCookies } from '../helpers/console-session.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const TOKEN = 'test-admin-token-0123456789';

/** Opens a form page (sign-in or setup) and returns a poster that carries its cookie and token. */
async function openForm(app: App, url: string, remoteAddress = '127.0.0.1') {
  const page = await app.inject({ method: 'GET', url, remoteAddress });
  const cookie = [...setCookies(page)].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    page,
    post: (form: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        remoteAddress,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ _csrf: csrfOf(page.body), ...form }),
      }),
  };
}

describe('the first admin, set up with ADMIN_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('console-auth-setup');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is offered on the sign-in page while there are no users', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in' });
    expect(page.body).toContain('href="/admin/setup?lang=en"');
    const es = await t.app.inject({ method: 'GET', url: '/admin/sign-in', headers: { 'accept-language': 'es-ES,es;q=0.9' } });
    expect(es.body).toContain('Crear la primera cuenta de administración');
  });

  it('refuses a wrong token or mismatched passwords, creating nobody, then works once and never again', async () => {
    const users = createUserService(t.ctx.db);
    const form = await openForm(t.app, '/admin/setup');
    expect(form.page.statusCode).toBe(200);
    const good = { adminToken: TOKEN, email: 'First@Example.org', password: 'the first admin password', repeat: 'the first admin password' };

    const wrong = await form.post({ ...good, adminToken: 'not-the-token-at-all' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('This is not the ADMIN_TOKEN.');
    const differ = await form.post({ ...good, repeat: 'another password here' });
    expect(differ.statusCode).toBe(400);
    expect(differ.body).toContain('The two passwords are not the same.');
    const short = await form.post({ ...good, password: 'too short', repeat: 'too short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('The password needs at least 12 characters.');
    expect(users.count()).toBe(0);
    for (const res of [wrong, differ, short]) expect(res.body).not.toMatch(/value="(not-the-token|the first admin|too short|another)/);

    const done = await form.post(good);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin');
    const cookie = `labdigest_session=${setCookies(done).get('labdigest_session')}`;
    const account = await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie } });
    expect(account.body).toContain('Signed in as first@example.org (admin)');
    expect(users.findByEmail('first@example.org')?.role).toBe('admin');

    const again = await form.post({ ...good, email: 'second@example.org' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('The console already has users.');
    expect(users.count()).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/admin/setup' })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/admin/sign-in' })).body).not.toContain('/admin/setup');
  });

  it('creates one admin when two setups race', async () => {
    const race = await createTestApp('console-auth-setup-race');
    try {
      const a = await openForm(race.app, '/admin/setup', '10.70.0.1');
      const b = await openForm(race.app, '/admin/setup', '10.70.0.2');
      const form = (email: string) => ({ adminToken: TOKEN, email, password: 'racing for the console', repeat: 'racing for the console' });
      const results = await Promise.all([a.post(form('a@example.org')), b.post(form('b@example.org'))]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
      expect(createUserService(race.ctx.db).count()).toBe(1);
    } finally {
      await race.close();
    }
  });

  it('slows down a client guessing the ADMIN_TOKEN', async () => {
    const guess = await createTestApp('console-auth-setup-guess');
    try {
      const form = await openForm(guess.app, '/admin/setup', '10.71.0.1');
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        statuses.push(
          (await form.post({ adminToken: `guess-${i}-0123456789`, email: 'x@example.org', password: 'guessing password', repeat: 'guessing password' }))
            .statusCode,
        );
      }
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(403));
      expect(statuses[20]).toBe(429);
      expect(createUserService(guess.ctx.db).count()).toBe(0);
    } finally {
      await guess.close();
    }
  });
});

describe('passwords and hashes never reach a page or a log', () => {
  it('keeps them out of every log line and page of a sign-in, a failed one, a setup and a password change', async () => {
    const t = await createTestApp('console-auth-logs');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(t.ctx, { logger: createLogger('trace', sink, 'json') });
    try {
      const pages: string[] = [];
      const password = 'the secret admin password';
      const setup = await openForm(app, '/admin/setup');
      const created = await setup.post({ adminToken: TOKEN, email: 'logs@example.org', password, repeat: password });
      pages.push(setup.page.body, created.body);
      const wrong = await openForm(app, '/admin/sign-in');
      const failed = await wrong.post({ email: 'logs@example.org', password: 'a wrong secret password' });
      const right = await openForm(app, '/admin/sign-in');
      const signedIn = await right.post({ email: 'logs@example.org', password });
      pages.push(wrong.page.body, failed.body, right.page.body, signedIn.body);
      const cookie = `labdigest_session=${setCookies(signedIn).get('labdigest_session')}`;
      const account = await app.inject({ method: 'GET', url: '/admin/account', headers: { cookie } });
      const change = await app.inject({
        method: 'POST',
        url: '/admin/account/password',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ _csrf: csrfOf(account.body), current: password, password: 'the next secret password', repeat: 'different secret password' }),
      });
      const users = await app.inject({ method: 'GET', url: '/admin/users', headers: { cookie } });
      pages.push(account.body, change.body, users.body);
      expect(change.statusCode).toBe(400);
      expect(users.statusCode).toBe(200);

      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(10);
      expect(log).toContain('/admin/sign-in');
      for (const secret of [password, 'a wrong secret password', 'the next secret password', 'different secret password', TOKEN, '$argon2']) {
        expect(log, secret).not.toContain(secret);
        for (const page of pages) expect(page, secret).not.toContain(secret);
      }
    } finally {
      await app.close();
      await t.close();
    }
  });
});
