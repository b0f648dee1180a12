import { startWorkers, type RunningWorkers } from '../workers/start.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/client.js';
import { createQueues } from './jobs/queues.js';
import { createLogger } from './logger.js';
import { assertRedisReachable, createRedis, RedisUnreachableError } from './redis.js';
import { startOwnerParts as startOwnerServices, type OwnerParts as OwnerServices } from './owner/owner-parts.js';
import { loadTopicsFile } from './topics/starter-topics.js';
import { listTopics } from './topics/topic-repository.js';
import { printGeneratedSecrets } from './secrets-notice.js';

/**
 * Process entry. `npm start` runs the API and all workers in one process; `--role=api` runs the API and
 * the database-owning services only (workers then run elsewhere with `npm run start:worker`).
 */
async function main() {
  const role = process.argv.includes('--role=api') ? 'api' : 'all';
  const config = loadConfig();
  printGeneratedSecrets(config);
  const logger = createLogger(config.LOG_LEVEL);
  await assertRedisReachable(config.REDIS_URL);

  const db = openDatabase(config.DATABASE_PATH);
  const redis = createRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const ctx: AppContext = { config, db, redis, queues };

  if (listTopics(db).length === 0) {
    // A first start gets the starter topics so the signup form has something to offer; admins edit them.
    const { created } = loadTopicsFile(db);
    logger.info(`No topics yet: loaded the starter set (${created.length} topics). Edit them with the admin API.`);
  }
  const app = await buildApp(ctx, { logger });
  const owner: OwnerServices = await startOwnerServices(ctx, logger);
  const workers: RunningWorkers | null = role === 'all' ? await startWorkers(config, logger) : null;
  await app.listen({ host: config.HOST, port: config.PORT });

  logger.info(`labdigest ${role === 'all' ? 'API and workers' : 'API'} listening at ${config.PUBLIC_URL} (bound to ${config.HOST}:${config.PORT})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await workers?.close();
    await owner.close();
    await queues.close();
    redis.disconnect();
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof RedisUnreachableError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
