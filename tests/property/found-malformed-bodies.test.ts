import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { createPropertyApp, dbSnapshot, makeReader } from './property-rig.js';

// The smallest requests the property tests shrank their failures to (seed 20260909). Each answered 500.

describe('found by the property tests: malformed bodies answer a 4xx', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createPropertyApp('found-bodies');
    await makeReader(t, 'reader@example.org', 'active');
  });
  afterAll(() => t?.close());

  it('POST /manage with an empty JSON body is a 400, not a 500 (FST_ERR_RESPONSE_SERIALIZATION)', async () => {
    const before = dbSnapshot(t);
    const res = await t.app.inject({ method: 'POST', url: '/manage', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(dbSnapshot(t)).toBe(before);
  });

  it('POST /manage with a JSON body carrying constructor.prototype is a 400, not a 500 (FST_ERR_RESPONSE_SERIALIZATION)', async () => {
    const before = dbSnapshot(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/manage',
      headers: { 'content-type': 'application/json' },
      payload: '{"constructor":{"prototype":{}}}',
    });
    expect(res.statusCode).toBe(400);
    expect(dbSnapshot(t)).toBe(before);
  });

  it('POST /unsubscribe/:token with a multipart body that is only a closing boundary is a 4xx, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/unsubscribe/preferences.1.AAAAAAAAAAAAAAAAAAAAAAAAAAA',
      headers: { 'content-type': 'multipart/form-data' },
      payload: '--x--\r\n',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('POST /unsubscribe/:token with a multipart body that is not multipart is a 4xx, not a 500', async () => {
    const before = dbSnapshot(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/unsubscribe/Aonfirm.1.oLXr0haWabzuyoYmtABPTc_G55M?lang=es',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: 'x@example.org',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(dbSnapshot(t)).toBe(before);
  });
});
