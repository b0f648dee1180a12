import { buildApp } from './app.js';
import type { Settings } from './config.js';
import type { OpenContext } from './context.js';
import type { Logger } from './logger.js';
import { startOwnerParts } from './owner/owner-parts.js';
import { seedStarterTopics } from './topics/starter-topics.js';

/** Something a process runs until it is told to stop. */
export interface Running {
  close(): Promise<void>;
}

/**
 * Starts the stateless workers (mail, compose, send). They live in workers/, above src/: the process
 * entry hands them in, so nothing in src/ imports a worker.
 */
export type StartWorkers = (settings: Settings, logger: Logger) => Promise<Running>;

/**
 * The API process: the HTTP server, the parts that own the database (results, schedule, resumption,
 * heartbeat) and, when `startWorkers` is given, the workers in the same process (`npm start`).
 */
export async function startServer(ctx: OpenContext, opts: { startWorkers?: StartWorkers } = {}): Promise<Running> {
  const { config, logger } = ctx;
  const seeded = seedStarterTopics(ctx.db);
  if (seeded) logger.info(`No topics yet: loaded the starter set (${seeded.created.length} topics). Edit them with the admin API.`);
  const app = await buildApp(ctx, { logger });
  const owner = await startOwnerParts(ctx, logger);
  const workers = opts.startWorkers ? await opts.startWorkers(config, logger) : null;
  await app.listen({ host: config.HOST, port: config.PORT });
  logger.info(`labdigest ${workers ? 'API and workers' : 'API'} listening at ${config.PUBLIC_URL} (bound to ${config.HOST}:${config.PORT})`);
  return {
    // The HTTP server first (no new work comes in), then the workers finish their jobs, then the owner.
    async close() {
      await app.close();
      await workers?.close();
      await owner.close();
    },
  };
}
