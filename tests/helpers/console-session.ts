import type { Response } from 'light-my-request';
import { createUserService } from '../../src/users/user-service.js';
import type { TestApp } from './test-app.js';

/** A signed-in console user for inject-based tests: cookie and CSRF token, and requests that carry them. */
export interface ConsoleSession {
  email: string;
  role: 'editor' | 'admin';
  /** The Cookie header value. */
  cookie: string;
  /** The CSRF token forms must send as `_csrf`. */
  csrf: string;
  get(url: string): Promise<import('light-my-request').Response>;
  /** Posts a urlencoded form with the CSRF token added (unless `_csrf` is given). */
  post(url: string, form?: Record<string, string | string[]>): Promise<import('light-my-request').Response>;
}

/** The password every console test user gets. */
export const TEST_USER_PASSWORD = 'correct horse battery staple';

let made = 0;

/** `name=value` of each cookie a response sets, by name. */
export function setCookies(res: Response): Map<string, string> {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return new Map(lines.map((line) => line.split(';')[0]!.split('=')).map(([k, ...v]) => [k!, v.join('=')]));
}

/** The value of the first `_csrf` field in a console page. */
export function csrfOf(page: string): string {
  const found = /name="_csrf" value="([^"]*)"/.exec(page);
  if (!found) throw new Error('no _csrf field on this page');
  return found[1]!;
}

/** Encodes a form as application/x-www-form-urlencoded (repeated keys for arrays). */
export function encodeForm(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return params.toString();
}

/**
 * Creates a console user with this role (a fresh address each call) and signs them in through the real
 * sign-in form, with the form's own CSRF token. Each sign-in comes from its own client address, so the
 * per-client limits of the sign-in form never stop a test that signs in many people.
 */
export async function consoleSession(t: TestApp, role: 'editor' | 'admin' = 'admin'): Promise<ConsoleSession> {
  made += 1;
  const email = `${role}-${made}-${process.pid}@example.org`;
  await createUserService(t.ctx.db).create({ email, role, password: TEST_USER_PASSWORD });
  const remoteAddress = `10.${(made >> 16) & 255}.${(made >> 8) & 255}.${made & 255}`;
  const form = await t.app.inject({ method: 'GET', url: '/admin/sign-in', remoteAddress });
  const presession = [...setCookies(form)].map(([k, v]) => `${k}=${v}`).join('; ');
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    remoteAddress,
    headers: { cookie: presession, 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ _csrf: csrfOf(form.body), email, password: TEST_USER_PASSWORD, next: '/admin/account' }),
  });
  const token = setCookies(signIn).get('labdigest_session');
  if (signIn.statusCode !== 303 || !token) throw new Error(`console sign-in failed: ${signIn.statusCode}`);
  const cookie = `labdigest_session=${token}`;
  const account = await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie } });
  const csrf = csrfOf(account.body);
  return {
    email,
    role,
    cookie,
    csrf,
    get: (url) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, fields = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ _csrf: csrf, ...fields }),
      }),
  };
}
