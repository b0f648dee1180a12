import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { type Db, openDatabase } from './db/client.js';
import { createQueues, type Queues } from './jobs/queues.js';
import { createLogger, type Logger } from './logger.js';
import { assertRedisReachable, createRedis } from './redis.js';

/** Everything the use cases and routes need, wired once by openContext. */
export interface AppContext {
  config: Config;
  db: Db;
  /** Shared connection for queue producers, readiness checks and the rate-limit store. */
  redis: Redis;
  queues: Queues;
  logger: Logger;
}

/** An open context: the same parts, and the one way to close them. */
export interface OpenContext extends AppContext {
  close(): Promise<void>;
}

export interface OpenContextOptions {
  /** The process's logger; one is made from LOG_LEVEL and LOG_FORMAT otherwise. */
  logger?: Logger;
  /**
   * Fail at once, with the fix in the message, when Redis does not answer (the default). Commands that
   * only read the database pass false: their context connects to Redis only if something asks for it.
   */
  requireRedis?: boolean;
}

/**
 * The one place where a process's parts are wired: the server, the command line, the benchmark and the
 * tests all open their context here. The database is migrated on open; the Redis connection and the
 * queues are made on first use, so a database-only command never connects to Redis.
 */
export async function openContext(config: Config, options: OpenContextOptions = {}): Promise<OpenContext> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  if (options.requireRedis ?? true) await assertRedisReachable(config.REDIS_URL);
  const db = openDatabase(config.DATABASE_PATH);
  let redis: Redis | undefined;
  let queues: Queues | undefined;
  let closed = false;
  const openRedis = (): Redis => {
    // A connection opened after close() would never be closed.
    if (closed) throw new Error('This context is closed');
    redis ??= createRedis(config.REDIS_URL);
    return redis;
  };
  return {
    config,
    db,
    logger,
    get redis() {
      return openRedis();
    },
    get queues() {
      queues ??= createQueues(openRedis(), config.QUEUE_PREFIX);
      return queues;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Whatever fails to close, the rest still closes.
      try {
        await queues?.close();
      } finally {
        redis?.disconnect();
        db.$client.close();
      }
    },
  };
}
