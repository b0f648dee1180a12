import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { TEST_REDIS_URL, uniquePrefix } from './redis-prefix.js';

/** A fresh temp folder, database path, outbox and queue prefix for one test file. */
export function testConfig(label: string, env: Record<string, string> = {}): Config {
  const dir = mkdtempSync(join(tmpdir(), `labdigest-${label}-`));
  return loadConfig({
    DATABASE_PATH: join(dir, 'labdigest.db'),
    OUTBOX_DIR: join(dir, 'outbox'),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: uniquePrefix(label),
    PUBLIC_URL: 'http://labdigest.test',
    ADMIN_TOKEN: 'test-admin-token-0123456789',
    SECRET_KEY: 'test-secret-key-0123456789abcdefghijklmnop',
    LOG_LEVEL: 'silent',
    // Most tests follow a digest straight through; the review tests turn it on.
    REVIEW_REQUIRED: 'false',
    ...env,
  });
}
