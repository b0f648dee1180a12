import { loadConfig } from '../config.js';
import { type OpenContext, openContext } from '../context.js';
import { createLogger } from '../logger.js';
import { printGeneratedSecrets } from '../secrets-notice.js';

/**
 * The context of one command: the same settings and parts the server has. Logs and notices go to stderr,
 * because a command's standard output may be data (CSV). Commands that only use the database pass
 * `requireRedis: false` and never connect to Redis.
 */
export async function openCliContext(options: { requireRedis?: boolean } = {}): Promise<OpenContext> {
  const config = loadConfig();
  printGeneratedSecrets(config, (line) => console.error(line));
  // A command prints its own summary; the routine info lines of the parts it runs would only bury it.
  const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const logger = createLogger(level, process.stderr, config.LOG_FORMAT);
  return openContext(config, { logger, requireRedis: options.requireRedis ?? true });
}
