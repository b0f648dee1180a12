import { printGeneratedSecrets } from '../secrets-notice.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { openDatabase } from '../db/client.js';
import { createQueues } from '../jobs/queues.js';
import { assertRedisReachable, createRedis } from '../redis.js';

/** What a CLI command that queues work needs: the same context the API has, and a way to close it. */
export async function openQueueContext(env?: Record<string, string | undefined>): Promise<AppContext & { close(): Promise<void> }> {
  const config = loadConfig(env);
  // On stderr: a command's standard output may be data (CSV).
  printGeneratedSecrets(config, (line) => console.error(line));
  await assertRedisReachable(config.REDIS_URL);
  const db = openDatabase(config.DATABASE_PATH);
  const redis = createRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  return {
    config,
    db,
    redis,
    queues,
    async close() {
      await queues.close();
      redis.disconnect();
      db.$client.close();
    },
  };
}
