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

/**
 * Creates a console user with this role and signs them in through the real sign-in form.
 * STUB until the sessions work lands: it uses the stub session plugin's role header instead.
 */
export async function consoleSession(t: TestApp, role: 'editor' | 'admin' = 'admin'): Promise<ConsoleSession> {
  const headers = { 'x-console-stub-role': role };
  const encode = (form: Record<string, string | string[]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return params.toString();
  };
  return {
    email: `stub-${role}@example.org`,
    role,
    cookie: '',
    csrf: 'stub',
    get: (url) => t.app.inject({ method: 'GET', url, headers }),
    post: (url, form = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: encode({ _csrf: 'stub', ...form }),
      }),
  };
}
