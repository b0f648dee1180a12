/** Redis memory during a run: `INFO memory` used_memory sampled on a timer, so the report can say how much it grew. */
import { Redis } from 'ioredis';

/** A running sampler: the baseline taken at start, the highest value seen since. */
export interface RedisMemorySampler {
  readonly baselineBytes: number;
  readonly peakBytes: number;
  /** Takes one more sample now and stops the timer. */
  stop(): Promise<void>;
}

async function usedMemory(redis: Redis): Promise<number> {
  const m = /^used_memory:(\d+)/m.exec(await redis.info('memory'));
  return m ? Number(m[1]) : 0;
}

/** Starts sampling used_memory every `everyMs` on its own connection. The server is shared, so growth includes other clients. */
export async function sampleRedisMemory(url: string, everyMs = 200): Promise<RedisMemorySampler> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const baseline = await usedMemory(redis);
  let peak = baseline;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    usedMemory(redis)
      .then((bytes) => {
        peak = Math.max(peak, bytes);
      })
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return {
    baselineBytes: baseline,
    get peakBytes() {
      return peak;
    },
    async stop() {
      clearInterval(timer);
      peak = Math.max(peak, await usedMemory(redis).catch(() => 0));
      redis.disconnect();
    },
  };
}
