import { ConfigError, parseSettings } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { assertRedisReachable, RedisUnreachableError } from '../src/redis.js';
import { startWorkers } from './start.js';

/**
 * `npm run start:worker`: the stateless workers alone (mail, compose, send), for more machines. They need
 * Redis, Ollama and SMTP, never the SQLite file; results go back to the API process through Redis.
 */
async function main() {
  const settings = parseSettings();
  const logger = createLogger(settings.LOG_LEVEL);
  await assertRedisReachable(settings.REDIS_URL);
  const workers = await startWorkers(settings, logger);
  logger.info({ prefix: settings.QUEUE_PREFIX }, 'labdigest workers running');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await workers.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof RedisUnreachableError ? err.message : err);
  process.exit(1);
});
