/**
 * The process entry, and the one place where src/ and workers/ meet.
 *   npm start                  (--role=all)     API, database-owning parts and all workers in one process
 *   npm run start:api          (--role=api)     API and database-owning parts; workers run elsewhere
 *   npm run start:worker       (--role=worker)  the stateless workers only: Redis, Ollama and SMTP, no database
 * Each role imports only what it runs, so a worker process never loads the database code.
 *
 * The npm scripts run the compiled dist/bin/start.js with `--max-old-space-size=512`. Left to itself V8
 * lets the heap grow to about four times what survived its last full collection before collecting again:
 * during a digest the API process held 31-41 MB of live objects and a worker 45-48 MB (at 1,000 and 3,000
 * readers alike), yet their heaps grew to 136 and 168 MB, and planning 100,000 readers raised the peak by
 * 128 MB against 67 MB for 10,000. A 512 MB ceiling (over ten times the live set, so never what stops a
 * process) makes V8 use its growing factor for small heaps (about 1.4 instead of 4): planning then adds
 * 75 MB at 100,000 readers and 60 MB at 10,000, for about 7 % more CPU time. A smaller young generation
 * (`--max-semi-space-size=8`) was tried and left out: it cost planning in the API about 30 % more CPU time,
 * and a send worker, which is CPU-bound during a digest, sent 10,000 emails 14 % slower (342 against 395
 * emails/s) for 9 MB less at its peak.
 */
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, parseSettings } from '../src/config.js';
import { longestModelWaitMs } from '../src/llm/model-wait.js';
import { createLogger, type Logger } from '../src/logger.js';
import { assertRedisReachable, RedisUnreachableError } from '../src/redis.js';
import { printGeneratedSecrets } from '../src/secrets-notice.js';

const ROLES = ['all', 'api', 'worker'] as const;
type Role = (typeof ROLES)[number];

interface Started {
  close(): Promise<void>;
  logger: Logger;
  /** How long a stop may take before the process exits anyway. */
  graceMs: number;
}

/**
 * A worker finishes the jobs it holds before it stops, and a compose job may wait for the model (one
 * LLM_TIMEOUT_MS per call in flight); a stop that cut it short would leave the job to be picked up again
 * after its lock runs out.
 */
const graceFor = (settings: Parameters<typeof longestModelWaitMs>[0], runsWorkers: boolean) =>
  runsWorkers ? Math.max(15_000, longestModelWaitMs(settings) + 5_000) : 15_000;

function roleOf(argv: string[]): Role {
  const { values } = parseArgs({ args: argv, options: { role: { type: 'string', default: 'all' } } });
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}, not "${values.role}"`);
  return role;
}

async function startWorkerRole(): Promise<Started> {
  // Workers never open the database, so they do not read or create the data folder's secrets either.
  const settings = parseSettings();
  const logger = createLogger(settings.LOG_LEVEL, undefined, settings.LOG_FORMAT);
  await assertRedisReachable(settings.REDIS_URL);
  const { startWorkers } = await import('../workers/start.js');
  const workers = await startWorkers(settings, logger);
  logger.info({ prefix: settings.QUEUE_PREFIX }, 'labdigest workers running');
  return { close: () => workers.close(), logger, graceMs: graceFor(settings, true) };
}

async function startApiRole(withWorkers: boolean): Promise<Started> {
  const config = loadConfig();
  printGeneratedSecrets(config);
  const [{ openContext }, { startServer }] = await Promise.all([import('../src/context.js'), import('../src/server.js')]);
  const ctx = await openContext(config);
  try {
    const startWorkers = withWorkers ? (await import('../workers/start.js')).startWorkers : undefined;
    const server = await startServer(ctx, { startWorkers });
    return {
      async close() {
        await server.close();
        await ctx.close();
      },
      logger: ctx.logger,
      graceMs: graceFor(config, withWorkers),
    };
  } catch (err) {
    await ctx.close();
    throw err;
  }
}

try {
  const role = roleOf(process.argv.slice(2));
  const started = role === 'worker' ? await startWorkerRole() : await startApiRole(role === 'all');
  // SIGINT/SIGTERM, or a crash: stop taking work, let running jobs finish, close connections, exit.
  closeWithGrace({ delay: started.graceMs, logger: started.logger }, async ({ signal, err }) => {
    if (err) started.logger.error({ err }, 'stopping after an unexpected error');
    else started.logger.info({ signal }, 'shutting down');
    await started.close();
  });
} catch (err) {
  const known = err instanceof ConfigError || err instanceof RedisUnreachableError || (err instanceof Error && err.name === 'ListenError');
  console.error(known ? (err as Error).message : err);
  process.exit(1);
}
