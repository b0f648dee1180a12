import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInFailures } from '../../src/db/schema.js';
import { csrfOf, encodeForm, setCookies } from '../helpers/console-session.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Behind a reverse proxy (TRUST_PROXY=true) the client's address is the one the proxy saw, the last entry
 * of X-Forwarded-For: anything before it was written by the client and would let it be anyone it likes.
 */
describe('TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('trust-proxy', { TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keys the sign-in throttle on the address the proxy saw, whatever the client put before it', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in', remoteAddress: '127.0.0.1' });
    const cookie = [...setCookies(page)].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const spoofed of ['203.0.113.1', '203.0.113.2, 198.51.100.7']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        remoteAddress: '127.0.0.1',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `${spoofed}, 192.0.2.44` },
        payload: encodeForm({ _csrf: csrfOf(page.body), email: 'nobody@example.org', password: 'a wrong password' }),
      });
      expect(res.statusCode).toBe(401);
    }
    const keys = t.ctx.db
      .select()
      .from(signInFailures)
      .all()
      .filter((r) => r.key.startsWith('ip:'));
    expect(keys.map((r) => [r.key, r.failures])).toEqual([['ip:192.0.2.44', 2]]);
  });
});
