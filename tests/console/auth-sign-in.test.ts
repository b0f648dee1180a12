import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserService } from '../../src/users/user-service.js';
import { consoleSession, csrfOf, encodeForm, setCookies } from '../helpers/console-session.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'a long enough password';

/** The sign-in form's presession cookie and token, as a browser holds them after opening the page. */
async function openSignIn(t: TestApp, remoteAddress = '127.0.0.1') {
  const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in', remoteAddress });
  const cookie = [...setCookies(page)].map(([k, v]) => `${k}=${v}`).join('; ');
  return { page, cookie, csrf: csrfOf(page.body) };
}

async function signIn(t: TestApp, email: string, password: string, opts: { remoteAddress?: string; next?: string } = {}) {
  const { cookie, csrf } = await openSignIn(t, opts.remoteAddress);
  return t.app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    remoteAddress: opts.remoteAddress ?? '127.0.0.1',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ _csrf: csrf, email, password, next: opts.next ?? '' }),
  });
}

describe('console sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('console-auth-sign-in');
    await createUserService(t.ctx.db).create({ email: 'Ada@Example.org', role: 'editor', password: PASSWORD });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends every console page to sign-in without a session, keeping where it was going', async () => {
    for (const path of [
      '/admin',
      '/admin/digests',
      '/admin/content',
      '/admin/subscribers',
      '/admin/topics',
      '/admin/settings',
      '/admin/users',
      '/admin/account',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(303);
      expect(res.headers.location, path).toBe(`/admin/sign-in?next=${encodeURIComponent(path)}`);
    }
    const post = await t.app.inject({ method: 'POST', url: '/admin/users', payload: { email: 'x@example.org' } });
    expect(post.statusCode).toBe(303);
  });

  it('leaves the sign-in page, the setup page and the assets open', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/admin/sign-in' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/admin/assets/console.css' })).statusCode).toBe(200);
    // There is a user already, so the setup page sends people to sign in instead.
    const setup = await t.app.inject({ method: 'GET', url: '/admin/setup' });
    expect(setup.statusCode).toBe(303);
    expect(setup.headers.location).toBe('/admin/sign-in');
  });

  it('signs in with the right password (any spelling of the address) and goes to the page asked for', async () => {
    const res = await signIn(t, ' ADA@example.ORG ', PASSWORD, { next: '/admin/topics?lang=es' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/topics?lang=es');
    const token = setCookies(res).get('labdigest_session');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const account = await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: `labdigest_session=${token}` } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('ada@example.org');
  });

  it('never redirects to another site after signing in', async () => {
    for (const next of ['https://evil.example/admin', '//evil.example/admin', '/\\evil.example', '/admin/../public', '/adminx']) {
      const res = await signIn(t, 'ada@example.org', PASSWORD, { next });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe('/admin');
    }
  });

  it('refuses a wrong password and an unknown address with the same words, and sets no session', async () => {
    const wrong = await signIn(t, 'ada@example.org', 'not the password at all', { remoteAddress: '10.9.0.1' });
    const unknown = await signIn(t, 'nobody@example.org', 'not the password at all', { remoteAddress: '10.9.0.2' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(setCookies(res).has('labdigest_session')).toBe(false);
      expect(res.body).toContain('The address and password do not match an account.');
    }
    expect(wrong.body.replace(/value="[^"]*"/g, '')).toBe(unknown.body.replace(/value="[^"]*"/g, '').replace('nobody@example.org', 'ada@example.org'));
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, under /admin, and not Secure on http', async () => {
    const res = await signIn(t, 'ada@example.org', PASSWORD);
    const line = ([res.headers['set-cookie']].flat() as string[]).find((l) => l.startsWith('labdigest_session='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\/admin(;|$)/);
    expect(line).not.toMatch(/; Secure/);
  });

  it('gives each sign-in a new session and ends the one the browser had', async () => {
    const first = setCookies(await signIn(t, 'ada@example.org', PASSWORD)).get('labdigest_session')!;
    const { cookie, csrf } = await openSignIn(t);
    const again = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { cookie: `${cookie}; labdigest_session=${first}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: encodeForm({ _csrf: csrf, email: 'ada@example.org', password: PASSWORD }),
    });
    const second = setCookies(again).get('labdigest_session')!;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: `labdigest_session=${first}` } })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: `labdigest_session=${second}` } })).statusCode).toBe(200);
  });

  it('signs out: the cookie is cleared and its value no longer opens anything', async () => {
    const session = await consoleSession(t, 'editor');
    const out = await session.post('/admin/sign-out');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toMatch(/^\/admin\/sign-in\?done=signed-out/);
    expect(setCookies(out).get('labdigest_session')).toBe('');
    const after = await session.get('/admin/account');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Faccount');
  });
});

describe('console cookies behind https', () => {
  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const t = await createTestApp('console-auth-https', { PUBLIC_URL: 'https://labdigest.test' });
    try {
      await createUserService(t.ctx.db).create({ email: 'sec@example.org', role: 'admin', password: PASSWORD });
      const res = await signIn(t, 'sec@example.org', PASSWORD);
      const lines = [res.headers['set-cookie']].flat() as string[];
      expect(lines.find((l) => l.startsWith('labdigest_session='))).toMatch(/; Secure/);
      const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in' });
      expect([page.headers['set-cookie']].flat().join('\n')).toMatch(/labdigest_presession=[^;]+;.*Secure/);
    } finally {
      await t.close();
    }
  });
});
