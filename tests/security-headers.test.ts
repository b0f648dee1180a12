import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('headers');
  });
  afterAll(() => t.close());

  it('lets other sites embed the signup form, posting to PUBLIC_URL', async () => {
    const res = await t.app.inject({ url: '/subscribe' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-frame-options']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("form-action 'self' http://labdigest.test");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('keeps every other page from being framed elsewhere', async () => {
    const res = await t.app.inject({ url: '/manage' });
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
  });

  it('upgrades insecure requests only when PUBLIC_URL is https', async () => {
    const https = await createTestApp('headers-https', { PUBLIC_URL: 'https://news.lab.example' });
    const res = await https.app.inject({ url: '/manage' });
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    await https.close();
  });
});
