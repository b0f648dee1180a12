import { buildApp, type App } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { type OpenContext, openContext } from '../../src/context.js';
import { deletePrefix } from './redis-prefix.js';
import { testConfig } from './test-config.js';

export interface TestApp {
  app: App;
  ctx: OpenContext;
  config: Config;
  /** Authorization header for the admin API. */
  admin: { authorization: string };
  close(): Promise<void>;
}

/** Builds the real app on a fresh SQLite file and a private Redis prefix; close() removes the prefix. */
export async function createTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(label, env);
  const ctx = await openContext(config);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    config,
    admin: { authorization: `Bearer ${config.ADMIN_TOKEN}` },
    async close() {
      await app.close();
      await ctx.close();
      await deletePrefix(config.QUEUE_PREFIX);
    },
  };
}
