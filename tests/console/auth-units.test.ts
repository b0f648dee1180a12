import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../../src/console/auth/safe-next.js';
import { uploadForm } from '../../src/console/auth/upload-form.js';
import { html } from '../../src/pages/html.js';
import { openContext, type OpenContext } from '../../src/context.js';
import { authPages } from '../../src/routes/console/auth/auth-pages.js';
import { sessionPlugin } from '../../src/routes/console/auth/session-plugin.js';
import { generatePassword, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../src/users/password.js';
import { createSessionService } from '../../src/users/session-service.js';
import { createSignInThrottle } from '../../src/users/sign-in-throttle.js';
import { createUserService } from '../../src/users/user-service.js';
import { consoleSession } from '../helpers/console-session.js';
import { deletePrefix } from '../helpers/redis-prefix.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig } from '../helpers/test-config.js';

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 11, 1, 9)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}
const MINUTE = 60_000;

describe('passwords', () => {
  it('hashes with argon2id at the OWASP settings and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await needsRehash(hash)).toBe(false);
  });

  it('asks for a rehash of a weaker hash', async () => {
    const weak = '$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$6uL7ptjQaOpQ8YzxLeFLZ9Z6F1tPNRCAnqPDeHsBB1M';
    expect(await needsRehash(weak)).toBe(true);
    expect(await needsRehash('garbage')).toBe(true);
  });

  it('wants 12 to 256 characters, not the address', () => {
    expect(passwordProblem('eleven chrs', 'a@example.org')).toBe('password_too_short');
    expect(passwordProblem('twelve chars', 'a@example.org')).toBeNull();
    expect(passwordProblem('x'.repeat(257), 'a@example.org')).toBe('password_too_long');
    expect(passwordProblem('Long.Address@Example.org', 'long.address@example.org')).toBe('password_is_email');
    expect(generatePassword()).not.toBe(generatePassword());
  });
});

describe('next after sign-in', () => {
  it('keeps console paths and drops anything else', () => {
    expect(safeNext('/admin/digests/4?tab=review')).toBe('/admin/digests/4?tab=review');
    expect(safeNext('/admin')).toBe('/admin');
    for (const bad of [
      undefined,
      42,
      '',
      'https://evil.example/admin',
      '//evil.example',
      '/admin\\..\\x',
      '/admin/../x',
      '/adminx',
      '/admin/sign-out',
      '/admin\n/x',
    ]) {
      expect(safeNext(bad), String(bad)).toBe('/admin');
    }
  });
});

describe('sessions and the throttle against a moving clock', () => {
  let ctx: OpenContext;
  let userId: number;
  beforeAll(async () => {
    ctx = await openContext(testConfig('console-auth-units'), { requireRedis: false });
    userId = (await createUserService(ctx.db).create({ email: 'clock@example.org', role: 'editor', password: 'a clock-driven password' })).id;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('touches lastSeenAt at most once a minute, and ends on idle or absolute expiry', () => {
    const clock = manualClock();
    const sessions = createSessionService(ctx.db, { SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 2 }, clock.now);
    const { token, session } = sessions.start(userId);
    const lastSeen = () => (ctx.db.$client.prepare('SELECT last_seen_at AS t FROM sessions WHERE id_hash = ?').get(session.idHash) as { t: number }).t;
    const started = clock.now();
    expect(sessions.resume(token)?.user.email).toBe('clock@example.org');
    clock.advance(59_000);
    sessions.resume(token);
    expect(lastSeen()).toBe(started);
    clock.advance(1_000);
    sessions.resume(token);
    expect(lastSeen()).toBe(started + MINUTE);
    // Activity every 20 minutes keeps it alive past the idle limit, never past the absolute one.
    for (let i = 0; i < 5; i++) {
      clock.advance(20 * MINUTE);
      expect(sessions.resume(token), `after ${(i + 1) * 20} min`).not.toBeNull();
    }
    clock.advance(20 * MINUTE);
    expect(sessions.resume(token)).toBeNull();

    const idle = sessions.start(userId).token;
    clock.advance(29 * MINUTE);
    expect(sessions.resume(idle)).not.toBeNull();
    clock.advance(30 * MINUTE);
    expect(sessions.resume(idle)).toBeNull();
  });

  it('cleans expired sessions up when someone signs in', () => {
    const clock = manualClock(Date.UTC(2027, 0, 1));
    const sessions = createSessionService(ctx.db, { SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 2 }, clock.now);
    const old = sessions.start(userId).token;
    clock.advance(31 * MINUTE);
    sessions.start(userId);
    const rows = ctx.db.$client.prepare('SELECT count(*) AS n FROM sessions WHERE last_seen_at <= ?').get(clock.now() - 30 * MINUTE) as { n: number };
    expect(rows.n).toBe(0);
    expect(sessions.resume(old)).toBeNull();
  });

  it('locks an address 1 min at 5 failures, 15 min at 10, 1 h at 15, refuses for a day at 20, and forgets after a quiet day', () => {
    const clock = manualClock(Date.UTC(2027, 1, 1));
    const throttle = createSignInThrottle(ctx.db, clock.now);
    const keys = ['email:slow@example.org'];
    for (let i = 1; i <= 4; i++) expect(throttle.fail(keys)).toEqual({ allowed: true });
    expect(throttle.fail(keys)).toEqual({ allowed: false, retryAfterSeconds: 60, refused: false });
    clock.advance(30_000);
    expect(throttle.check(keys)).toEqual({ allowed: false, retryAfterSeconds: 30, refused: false });
    clock.advance(30_000);
    expect(throttle.check(keys)).toEqual({ allowed: true });
    const waits: number[] = [];
    for (let i = 6; i <= 20; i++) {
      const verdict = throttle.fail(keys);
      waits.push(verdict.allowed ? 0 : verdict.retryAfterSeconds);
      clock.advance(verdict.allowed ? 0 : verdict.retryAfterSeconds * 1000);
    }
    expect(waits).toEqual([60, 60, 60, 60, 900, 900, 900, 900, 900, 3600, 3600, 3600, 3600, 3600, 86400]);
    clock.advance(-86400 * 1000 + 1000);
    expect(throttle.check(keys)).toMatchObject({ allowed: false, refused: true });
    clock.advance(86400 * 1000);
    expect(throttle.check(keys)).toEqual({ allowed: true });
    expect(throttle.fail(keys)).toEqual({ allowed: true });
  });

  it('gives a client four times an address’s allowance', () => {
    const clock = manualClock(Date.UTC(2027, 2, 1));
    const throttle = createSignInThrottle(ctx.db, clock.now);
    const keys = ['ip:192.0.2.7'];
    for (let i = 1; i <= 19; i++) expect(throttle.fail(keys).allowed).toBe(true);
    expect(throttle.fail(keys)).toEqual({ allowed: false, retryAfterSeconds: 60, refused: false });
  });
});

describe('CSRF on multipart forms', () => {
  let t: TestApp;
  let app: ReturnType<typeof Fastify>;
  let uploads = 0;
  beforeAll(async () => {
    t = await createTestApp('console-auth-multipart');
    // A console area with an upload, as the content pages register it.
    app = Fastify();
    await app.register(formbody);
    const area: FastifyPluginAsync = async (admin) => {
      await admin.register(sessionPlugin, { ctx: t.ctx });
      await admin.register(authPages, { ctx: t.ctx });
      await admin.register(multipart);
      admin.post('/content/imports', async (request) => {
        const file = await request.file();
        await file?.toBuffer();
        uploads += 1;
        return { ok: true };
      });
    };
    await app.register(area, { prefix: '/admin' });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
    await deletePrefix(t.config.QUEUE_PREFIX);
  });

  function upload(cookie: string, query: string, field?: string) {
    const boundary = 'labdigestboundary';
    const parts = [
      ...(field ? [`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${field}\r\n`] : []),
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\nContent-Type: text/markdown\r\n\r\n# hello\r\n`,
      `--${boundary}--\r\n`,
    ];
    return app.inject({
      method: 'POST',
      url: `/admin/content/imports${query}`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: parts.join(''),
    });
  }

  it('takes the token from the action’s query string, and refuses an upload without it', async () => {
    const s = await consoleSession({ ...t, app } as TestApp, 'editor');
    expect((await upload(s.cookie, '', s.csrf)).statusCode).toBe(403);
    expect((await upload(s.cookie, '?_csrf=wrong')).statusCode).toBe(403);
    expect(uploads).toBe(0);
    const ok = await upload(s.cookie, `?_csrf=${encodeURIComponent(s.csrf)}`, s.csrf);
    expect(ok.statusCode).toBe(200);
    expect(uploads).toBe(1);
  });

  it('gives upload forms an action that carries the token', () => {
    const form = uploadForm({ csrfToken: 'tok+/=' }, '/admin/content/imports', html`<input type="file" name="file">`).value;
    expect(form).toContain('action="/admin/content/imports?_csrf=tok%2B%2F%3D"');
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain('<input type="hidden" name="_csrf" value="tok+/=">');
  });
});
