import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { createPropertyApp, dbSnapshot } from './property-rig.js';

// The smallest admin request the property tests shrank their failure to (seed 20260909). It answered 500.

describe('found by the property tests: a cut-off import upload answers a 4xx', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createPropertyApp('found-import');
  });
  afterAll(() => t?.close());

  it('POST /api/admin/items/import with a one-byte multipart body is a 400, not a 500', async () => {
    const before = dbSnapshot(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/items/import',
      headers: { ...t.admin, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '-',
    });
    expect(res.statusCode).toBe(400);
    expect(dbSnapshot(t)).toBe(before);
  });
});
