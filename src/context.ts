import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Queues } from './jobs/queues.js';

/** Everything the API's routes need, wired once at start (server.ts) or by the test helper. */
export interface AppContext {
  config: Config;
  db: Db;
  /** Shared connection for queue producers, readiness checks and the rate-limit store. */
  redis: Redis;
  queues: Queues;
}
