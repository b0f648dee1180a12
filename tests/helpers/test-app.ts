import { buildApp, type App } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/client.js';
import { createQueues } from '../../src/jobs/queues.js';
import { createRedis } from '../../src/redis.js';
import { deletePrefix } from './redis-prefix.js';
import { testConfig } from './test-config.js';

export interface TestApp {
  app: App;
  ctx: AppContext;
  config: Config;
  /** Authorization header for the admin API. */
  admin: { authorization: string };
  close(): Promise<void>;
}

/** Builds the real app on a fresh SQLite file and a private Redis prefix; close() removes the prefix. */
export async function createTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(label, env);
  const db = openDatabase(config.DATABASE_PATH);
  const redis = createRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const ctx: AppContext = { config, db, redis, queues };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    config,
    admin: { authorization: `Bearer ${config.ADMIN_TOKEN}` },
    async close() {
      await app.close();
      await queues.close();
      await deletePrefix(config.QUEUE_PREFIX);
      redis.disconnect();
      db.$client.close();
    },
  };
}
