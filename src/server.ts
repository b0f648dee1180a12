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

/** The port or address is taken or not ours: said in one line with the setting to change, not as a stack. */
export class ListenError extends Error {
  override name = 'ListenError';
}

async function listen(app: Awaited<ReturnType<typeof buildApp>>, config: OpenContext['config']): Promise<void> {
  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new ListenError(`Port ${config.PORT} on ${config.HOST} is already in use: stop what uses it or set PORT.`);
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new ListenError(`Cannot listen on ${config.HOST}:${config.PORT} (${code}): check HOST and PORT.`);
    throw err;
  }
}

/**
 * The API process: the HTTP server, the parts that own the database (results, schedule, resumption,
 * heartbeat) and, when `startWorkers` is given, the workers in the same process (`npm start`). A start
 * that fails halfway closes what it had started, last first, and rethrows.
 */
export async function startServer(ctx: OpenContext, opts: { startWorkers?: StartWorkers } = {}): Promise<Running> {
  const { config, logger } = ctx;
  const started: Running[] = [];
  // The HTTP server closes first (no new work comes in), then the workers finish their jobs, then the owner.
  const closeAll = async () => {
    for (const part of started.splice(0).reverse()) await part.close();
  };
  try {
    const seeded = seedStarterTopics(ctx.db);
    if (seeded) logger.info(`No topics yet: loaded the starter set (${seeded.created.length} topics). Edit them with the admin API.`);
    const app = await buildApp(ctx, { logger });
    started.push(await startOwnerParts(ctx, logger));
    if (opts.startWorkers) started.push(await opts.startWorkers(config, logger));
    started.push({ close: () => app.close() });
    await listen(app, config);
    logger.info(`labdigest ${opts.startWorkers ? 'API and workers' : 'API'} listening at ${config.PUBLIC_URL} (bound to ${config.HOST}:${config.PORT})`);
  } catch (err) {
    await closeAll();
    throw err;
  }
  return { close: closeAll };
}
