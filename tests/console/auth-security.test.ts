import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openContext } from '../../src/context.js';
import { sessions, signInFailures } from '../../src/db/schema.js';
import { sessionIdHash } from '../../src/users/session-service.js';
import { createUserService } from '../../src/users/user-service.js';
import { consoleSession, csrfOf, encodeForm, setCookies, TEST_USER_PASSWORD } from '../helpers/console-session.js';
import { deletePrefix } from '../helpers/redis-prefix.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig } from '../helpers/test-config.js';

const tokenOf = (cookie: string) => cookie.replace('labdigest_session=', '');

/** Opens the sign-in page from a client and posts the form with its own token. */
async function trySignIn(t: TestApp, email: string, password: string, remoteAddress: string) {
  const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in', remoteAddress });
  const cookie = [...setCookies(page)].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    remoteAddress,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ _csrf: csrfOf(page.body), email, password }),
  });
}

describe('console sessions', () => {
  it('survive a restart of the app on the same database', async () => {
    const config = testConfig('console-auth-restart');
    const first = await openContext(config);
    const app1 = await buildApp(first);
    const t1 = { app: app1, ctx: first, config, admin: { authorization: '' }, close: async () => {} };
    const session = await consoleSession(t1, 'editor');
    await app1.close();
    await first.close();

    const second = await openContext(config);
    const app2 = await buildApp(second);
    try {
      const res = await app2.inject({ method: 'GET', url: '/admin/account', headers: { cookie: session.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(session.email);
      expect(csrfOf(res.body)).toBe(session.csrf);
    } finally {
      await app2.close();
      await second.close();
      await deletePrefix(config.QUEUE_PREFIX);
    }
  });

  describe('expiry and tokens', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('console-auth-expiry', { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8' });
    });
    afterAll(async () => {
      await t?.close();
    });

    const row = (cookie: string) =>
      t.ctx.db
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, sessionIdHash(tokenOf(cookie))))
        .get();

    it('keeps only the sha256 of the cookie token', async () => {
      const s = await consoleSession(t, 'editor');
      const stored = row(s.cookie)!;
      expect(stored.idHash).toMatch(/^[0-9a-f]{64}$/);
      const all = JSON.stringify(t.ctx.db.select().from(sessions).all());
      expect(all).not.toContain(tokenOf(s.cookie));
    });

    it('ends a session idle longer than SESSION_IDLE_MINUTES', async () => {
      const s = await consoleSession(t, 'editor');
      const idHash = sessionIdHash(tokenOf(s.cookie));
      t.ctx.db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - 29 * 60_000) })
        .where(eq(sessions.idHash, idHash))
        .run();
      expect((await s.get('/admin/account')).statusCode).toBe(200);
      // That request counted as activity: lastSeenAt moved to now.
      expect(Date.now() - row(s.cookie)!.lastSeenAt.getTime()).toBeLessThan(10_000);
      t.ctx.db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
        .where(eq(sessions.idHash, idHash))
        .run();
      const res = await s.get('/admin/account');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Faccount');
      expect(row(s.cookie)).toBeUndefined();
    });

    it('ends a session SESSION_MAX_HOURS after sign-in, however active', async () => {
      const s = await consoleSession(t, 'editor');
      const stored = row(s.cookie)!;
      expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(8 * 3_600_000);
      t.ctx.db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(sessions.idHash, stored.idHash))
        .run();
      expect((await s.get('/admin/account')).statusCode).toBe(303);
      expect(row(s.cookie)).toBeUndefined();
    });

    it('ignores a forged or malformed cookie', async () => {
      for (const cookie of ['labdigest_session=', 'labdigest_session=abc', `labdigest_session=${'A'.repeat(43)}`, `labdigest_session=${'x'.repeat(5000)}`]) {
        const res = await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie } });
        expect(res.statusCode, cookie.slice(0, 40)).toBe(303);
      }
    });

    it('ends the other sessions of a user who changes their password, keeping this one', async () => {
      const here = await consoleSession(t, 'editor');
      const elsewhere = await trySignIn(t, here.email, TEST_USER_PASSWORD, '10.50.0.1');
      const otherCookie = `labdigest_session=${setCookies(elsewhere).get('labdigest_session')}`;
      expect((await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: otherCookie } })).statusCode).toBe(200);

      const wrong = await here.post('/admin/account/password', {
        current: 'not my password',
        password: 'a brand new password',
        repeat: 'a brand new password',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('The current password is not right.');
      const differ = await here.post('/admin/account/password', {
        current: TEST_USER_PASSWORD,
        password: 'a brand new password',
        repeat: 'a brand new passw0rd',
      });
      expect(differ.statusCode).toBe(400);
      expect(differ.body).toContain('The two passwords are not the same.');

      const changed = await here.post('/admin/account/password', {
        current: TEST_USER_PASSWORD,
        password: 'a brand new password',
        repeat: 'a brand new password',
      });
      expect(changed.statusCode).toBe(303);
      expect(changed.headers.location).toBe('/admin/account?done=password');
      expect((await here.get('/admin/account?done=password')).body).toContain('You were signed out everywhere else.');
      expect((await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: otherCookie } })).statusCode).toBe(303);
      expect((await trySignIn(t, here.email, TEST_USER_PASSWORD, '10.50.0.2')).statusCode).toBe(401);
      expect((await trySignIn(t, here.email, 'a brand new password', '10.50.0.3')).statusCode).toBe(303);
    });

    it('keeps the console language a signed-in user picks, with ?lang= or on the account page', async () => {
      const s = await consoleSession(t, 'editor');
      const users = createUserService(t.ctx.db);
      expect((await s.get('/admin/account?lang=es')).body).toContain('<html lang="es">');
      expect(users.findByEmail(s.email)?.language).toBe('es');
      expect((await s.get('/admin/account')).body).toContain('<h1>Su cuenta</h1>');
      const saved = await s.post('/admin/account/language', { language: 'en' });
      expect(saved.statusCode).toBe(303);
      expect(users.findByEmail(s.email)?.language).toBe('en');
      expect((await s.post('/admin/account/language', { language: 'xx' })).statusCode).toBe(400);
      expect(users.findByEmail(s.email)?.language).toBe('en');
    });

    it('shows a console 404 page to the signed-in, and the sign-in redirect to anyone else', async () => {
      const s = await consoleSession(t, 'editor');
      const missing = await s.get('/admin/no-such-page');
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('There is nothing here.');
      expect((await t.app.inject({ method: 'GET', url: '/admin/no-such-page' })).statusCode).toBe(303);
    });
  });
});

describe('console CSRF and cross-site checks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('console-auth-csrf');
  });
  afterAll(async () => {
    await t?.close();
  });

  const language = async (email: string) => createUserService(t.ctx.db).findByEmail(email)?.language;
  const postRaw = (cookie: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/account/language',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: encodeForm(form),
    });

  it('refuses a console form without the token, with a wrong one, or with another session’s, changing nothing', async () => {
    const s = await consoleSession(t, 'admin');
    const other = await consoleSession(t, 'admin');
    const count = createUserService(t.ctx.db).list().length;
    for (const token of [undefined, '', 'wrong', other.csrf, `${s.csrf}x`]) {
      const form: Record<string, string> = { language: 'es' };
      if (token !== undefined) form._csrf = token;
      const res = await postRaw(s.cookie, form);
      expect(res.statusCode, String(token)).toBe(403);
      expect(res.body).toContain('Nothing was changed');
    }
    expect(await language(s.email)).toBe('en');
    const add = await t.app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: encodeForm({ email: 'csrf@example.org', role: 'admin', password: 'planted password 1' }),
    });
    expect(add.statusCode).toBe(403);
    expect(createUserService(t.ctx.db).list().length).toBe(count);
    // Signing out is a form too: without the token the session stays.
    expect((await t.app.inject({ method: 'POST', url: '/admin/sign-out', headers: { cookie: s.cookie } })).statusCode).toBe(403);
    expect((await s.get('/admin/account')).statusCode).toBe(200);
  });

  it('refuses a cross-site post even with the right token, and accepts a same-origin one', async () => {
    const s = await consoleSession(t, 'admin');
    const form = { _csrf: s.csrf, language: 'es' };
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://labdigest.test.evil.example' },
    ];
    for (const headers of crossSite) {
      const res = await postRaw(s.cookie, form, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
    }
    expect(await language(s.email)).toBe('en');
    const same = await postRaw(s.cookie, form, { origin: 'http://labdigest.test', 'sec-fetch-site': 'same-origin' });
    expect(same.statusCode).toBe(303);
    expect(await language(s.email)).toBe('es');
    // What Chromium sends with our own forms under Referrer-Policy: no-referrer.
    const noReferrer = await postRaw(s.cookie, { ...form, language: 'en' }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(noReferrer.statusCode).toBe(303);
    expect(await language(s.email)).toBe('en');
  });

  it('refuses the sign-in form without its pre-session cookie and token, or from another site', async () => {
    await createUserService(t.ctx.db).create({ email: 'pre@example.org', role: 'editor', password: TEST_USER_PASSWORD });
    const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in' });
    const cookie = [...setCookies(page)].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = csrfOf(page.body);
    const post = (headers: Record<string, string>, form: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: encodeForm(form),
      });
    const creds = { email: 'pre@example.org', password: TEST_USER_PASSWORD };
    expect((await post({}, { ...creds, _csrf: csrf })).statusCode).toBe(403);
    expect((await post({ cookie }, creds)).statusCode).toBe(403);
    expect((await post({ cookie: 'labdigest_presession=planted' }, { ...creds, _csrf: csrf })).statusCode).toBe(403);
    expect((await post({ cookie, 'sec-fetch-site': 'cross-site' }, { ...creds, _csrf: csrf })).statusCode).toBe(403);
    const ok = await post({ cookie, origin: 'http://labdigest.test' }, { ...creds, _csrf: csrf });
    expect(ok.statusCode).toBe(303);
  });
});

describe('sign-in throttle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('console-auth-throttle');
  });
  afterAll(async () => {
    await t?.close();
  });

  const failuresOf = (key: string) => t.ctx.db.select().from(signInFailures).where(eq(signInFailures.key, key)).get();
  /** Ends a key's current lock, as if its time had passed. */
  const unlock = (key: string) =>
    t.ctx.db
      .update(signInFailures)
      .set({ lockedUntil: new Date(Date.now() - 1) })
      .where(eq(signInFailures.key, key))
      .run();

  it('slows an address down after 5 wrong passwords (429, Retry-After), even for the right one, then refuses it', async () => {
    const email = 'target@example.org';
    await createUserService(t.ctx.db).create({ email, role: 'admin', password: TEST_USER_PASSWORD });
    // Each try from another client: this is about the address.
    for (let i = 1; i <= 5; i++) expect((await trySignIn(t, email, `wrong password ${i}`, `10.60.0.${i}`)).statusCode).toBe(401);
    const slowed = await trySignIn(t, email, TEST_USER_PASSWORD, '10.60.1.1');
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(slowed.body).toContain('Too many failed sign-ins. Please wait 1 min');
    expect(setCookies(slowed).has('labdigest_session')).toBe(false);

    // After the wait, each further failure locks longer: 15 minutes from the tenth.
    for (let i = 6; i <= 10; i++) {
      unlock(`email:${email}`);
      expect((await trySignIn(t, email, `wrong password ${i}`, `10.60.2.${i}`)).statusCode).toBe(401);
    }
    const longer = await trySignIn(t, email, TEST_USER_PASSWORD, '10.60.3.1');
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(14 * 60);

    for (let i = 11; i <= 20; i++) {
      unlock(`email:${email}`);
      await trySignIn(t, email, `wrong password ${i}`, `10.60.4.${i}`);
    }
    const refused = await trySignIn(t, email, TEST_USER_PASSWORD, '10.60.5.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(refused.body).toContain('signing in is refused for a day');
    expect(failuresOf(`email:${email}`)?.failures).toBe(20);
  });

  it('counts tries that run at once: wrong passwords sent together from many clients get no more than 5 answers', async () => {
    const email = 'burst@example.org';
    await createUserService(t.ctx.db).create({ email, role: 'editor', password: TEST_USER_PASSWORD });
    // Each try is checked before any password is verified (argon2 takes a while): the count must already hold it.
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => trySignIn(t, email, `wrong password ${i}`, `10.64.0.${i + 1}`)));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
    expect(failuresOf(`email:${email}`)?.failures).toBe(5);
  });

  it('slows down one client trying many addresses', async () => {
    const ip = '10.61.0.1';
    for (let i = 1; i <= 20; i++) expect((await trySignIn(t, `guess-${i}@example.org`, 'some password', ip)).statusCode).toBe(401);
    const blocked = await trySignIn(t, 'another-guess@example.org', 'some password', ip);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(50);
    // Another client is not affected.
    expect((await trySignIn(t, 'another-guess@example.org', 'some password', '10.61.0.2')).statusCode).toBe(401);
  });

  it('clears the address’s count on a right password, but not the client’s', async () => {
    const email = 'forgetful@example.org';
    await createUserService(t.ctx.db).create({ email, role: 'editor', password: TEST_USER_PASSWORD });
    for (let i = 1; i <= 3; i++) await trySignIn(t, email, `wrong ${i} password`, '10.62.0.1');
    expect(failuresOf(`email:${email}`)?.failures).toBe(3);
    expect((await trySignIn(t, email, TEST_USER_PASSWORD, '10.62.0.1')).statusCode).toBe(303);
    expect(failuresOf(`email:${email}`)).toBeUndefined();
    expect(failuresOf('ip:10.62.0.1')?.failures).toBe(3);
  });

  it('limits sign-in posts per client with @fastify/rate-limit as a second line', async () => {
    const ip = '10.63.0.1';
    let limited = 0;
    // RATE_LIMIT_PER_MINUTE is 10 in tests: 30 posts a minute per client; the throttle's own 429 has a page, this one too.
    for (let i = 0; i < 32; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/admin/sign-in', remoteAddress: ip, payload: {} });
      if (res.statusCode === 429 && res.headers['x-ratelimit-limit'] === '30') limited += 1;
    }
    expect(limited).toBe(2);
  });
});
