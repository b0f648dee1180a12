import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markDigestCancelled, markDigestPaused, markSentReadingStops, wasSent } from '../../src/jobs/delivery-guard.js';
import { createRedis } from '../../src/redis.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis-prefix.js';

const prefix = uniquePrefix('delivery-guard');
const redis = createRedis(TEST_REDIS_URL);

describe('marking an email sent', () => {
  beforeAll(async () => {
    await redis.ping();
  });
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('sets the sent mark, with an expiry, and reads the digest’s stops in the same command', async () => {
    expect(await markSentReadingStops(redis, prefix, '<a@x.org>', 'd1')).toEqual([0, 0]);
    expect(await wasSent(redis, prefix, '<a@x.org>')).toBe(true);
    const ttl = await redis.ttl(`${prefix}:guard:sent:<a@x.org>`);
    expect(ttl).toBeGreaterThan(170 * 24 * 3600);

    await markDigestPaused(redis, prefix, 'd1');
    expect(await markSentReadingStops(redis, prefix, '<b@x.org>', 'd1')).toEqual([0, 1]);
    await markDigestCancelled(redis, prefix, 'd1');
    expect(await markSentReadingStops(redis, prefix, '<c@x.org>', 'd1')).toEqual([1, 1]);
    // Another digest's marks are its own; every email was still marked sent.
    expect(await markSentReadingStops(redis, prefix, '<d@x.org>', 'd2')).toEqual([0, 0]);
    for (const id of ['<b@x.org>', '<c@x.org>', '<d@x.org>']) expect(await wasSent(redis, prefix, id)).toBe(true);
    expect(await wasSent(redis, prefix, '<e@x.org>')).toBe(false);
  });
});
