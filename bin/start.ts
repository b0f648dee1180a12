/**
 * The process entry, and the one place where src/ and workers/ meet.
 *   npm start                  (--role=all)     API, database-owning parts and all workers in one process
 *   npm run start:api          (--role=api)     API and database-owning parts; workers run elsewhere
 *   npm run start:worker       (--role=worker)  the stateless workers only: Redis, Ollama and SMTP, no database
 */
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, parseSettings } from '../src/config.js';
import { openContext } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { assertRedisReachable, RedisUnreachableError } from '../src/redis.js';
import { printGeneratedSecrets } from '../src/secrets-notice.js';
import { type Running, startServer } from '../src/server.js';
import { startWorkers } from '../workers/start.js';

const ROLES = ['all', 'api', 'worker'] as const;
type Role = (typeof ROLES)[number];

function roleOf(argv: string[]): Role {
  const { values } = parseArgs({ args: argv, options: { role: { type: 'string', default: 'all' } } });
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}, not "${values.role}"`);
  return role;
}

async function start(role: Role): Promise<{ running: Running; logger: ReturnType<typeof createLogger> }> {
  if (role === 'worker') {
    // Workers never open the database, so they do not read or create the data folder's secrets either.
    const settings = parseSettings();
    const logger = createLogger(settings.LOG_LEVEL, undefined, settings.LOG_FORMAT);
    await assertRedisReachable(settings.REDIS_URL);
    const running = await startWorkers(settings, logger);
    logger.info({ prefix: settings.QUEUE_PREFIX }, 'labdigest workers running');
    return { running, logger };
  }
  const config = loadConfig();
  printGeneratedSecrets(config);
  const ctx = await openContext(config);
  try {
    const server = await startServer(ctx, { startWorkers: role === 'all' ? startWorkers : undefined });
    const running = {
      async close() {
        await server.close();
        await ctx.close();
      },
    };
    return { running, logger: ctx.logger };
  } catch (err) {
    await ctx.close();
    throw err;
  }
}

try {
  const { running, logger } = await start(roleOf(process.argv.slice(2)));
  // SIGINT/SIGTERM, or a crash: stop taking work, let running jobs finish, close connections, exit.
  closeWithGrace({ delay: 15_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'stopping after an unexpected error');
    else logger.info({ signal }, 'shutting down');
    await running.close();
  });
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof RedisUnreachableError ? err.message : err);
  process.exit(1);
}
