import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type ImportSummary, importSummarySchema } from '../import/import-summary.js';

/** How long an import's summary page stays available after the import. */
export const IMPORT_RESULT_TTL_SECONDS = 24 * 60 * 60;

/** A summary key: random, so one user cannot guess another's import page. */
const KEY = /^[A-Za-z0-9_-]{16,64}$/;

const redisKey = (prefix: string, key: string) => `${prefix}:console:import:${key}`;

/**
 * Keeps an import's summary for a day and returns its key: the upload's POST redirects to the summary's
 * page (post/redirect/get), which reads it back.
 */
export async function keepImportResult(redis: Redis, prefix: string, summary: ImportSummary): Promise<string> {
  const key = randomBytes(12).toString('base64url');
  await redis.set(redisKey(prefix, key), JSON.stringify(summary), 'EX', IMPORT_RESULT_TTL_SECONDS);
  return key;
}

/** The summary kept under this key, or null when it expired, never existed, or the key is malformed. */
export async function readImportResult(redis: Redis, prefix: string, key: string): Promise<ImportSummary | null> {
  if (!KEY.test(key)) return null;
  const raw = await redis.get(redisKey(prefix, key));
  if (!raw) return null;
  const parsed = importSummarySchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}
