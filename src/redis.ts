import { Redis, type RedisOptions } from 'ioredis';

/** A Redis connection for BullMQ: workers need maxRetriesPerRequest null (blocking commands). */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

/** Thrown when Redis does not answer at start; the message says what to do. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/** Connects once and pings; rejects with a one-line fix when nothing answers within the timeout. */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new RedisUnreachableError(
      `Cannot reach Redis at REDIS_URL=${url} (${reason}). Start one with ` +
        `"redis-server --daemonize yes --bind 127.0.0.1 --port 6379" or "docker compose up -d redis", or set REDIS_URL.`,
    );
  } finally {
    probe.disconnect();
  }
}

/** True when Redis answers a PING: what /ready asks of Redis. */
export async function redisIsReady(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  try {
    const pong = await Promise.race([redis.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return pong === 'PONG';
  } catch {
    return false;
  }
}
