import { printGeneratedSecrets } from '../secrets-notice.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Db } from '../db/client.js';

/** Opens what a local admin command needs: the settings and the database (migrated). */
export function openCliContext(env?: Record<string, string | undefined>): { config: Config; db: Db; close(): void } {
  const config = loadConfig(env);
  // On stderr: a command's standard output may be data (CSV).
  printGeneratedSecrets(config, (line) => console.error(line));
  const db = openDatabase(config.DATABASE_PATH);
  return { config, db, close: () => db.$client.close() };
}
