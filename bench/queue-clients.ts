/**
 * Knowing that a worker process is ready without reading its logs: BullMQ names each Redis connection a
 * queue or worker opens after the queue prefix, so CLIENT LIST shows how many the prefix has. Once a new
 * process has added connections and the count stays still for a moment, its workers are listening.
 */
import { Redis } from 'ioredis';

async function countFor(redis: Redis, prefix: string): Promise<number> {
  const list = (await redis.client('LIST')) as string;
  return list.split('\n').filter((line) => new RegExp(`\\bname=${prefix}:`).test(line)).length;
}

/** Connections named after the prefix right now. */
export async function queueClientCount(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await countFor(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

/** Waits until more than `before` connections carry the prefix and the count has not changed for `stableMs`. */
export async function waitForMoreQueueClients(
  url: string,
  prefix: string,
  before: number,
  opts: { timeoutMs: number; stableMs: number; stillRunning: () => boolean },
): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + opts.timeoutMs;
    let last = -1;
    let since = Date.now();
    while (Date.now() < deadline) {
      if (!opts.stillRunning()) throw new Error('the worker process exited during start-up');
      const now = await countFor(redis, prefix);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (now > before && Date.now() - since >= opts.stableMs) return now;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the worker opened no queue connections within ${opts.timeoutMs} ms`);
  } finally {
    redis.disconnect();
  }
}
