import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { InvalidInputError } from '../errors.js';
import { packagePath } from '../package-root.js';
import { ensureTopics, listTopics } from './topic-repository.js';
import { topicInputSchema } from './topic-schema.js';

/** The starter set shipped with labdigest (computational social science themes). */
// Read from src/ also when the compiled code runs (tsc emits no JSON that is not imported).
export const STARTER_TOPICS_FILE = packagePath('src/topics/starter-topics.json');

const fileSchema = z.array(topicInputSchema).max(500);

/** Loads topics from a JSON file (an array of {slug, labels: {en, es}}); existing slugs are left alone. */
export function loadTopicsFile(db: Db, path = STARTER_TOPICS_FILE): { created: string[]; total: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InvalidInputError(`Cannot read topics file ${path}: ${(err as Error).message}`);
  }
  const result = fileSchema.safeParse(parsed);
  if (!result.success) throw new InvalidInputError(`Topics file ${path} is not valid: ${result.error.issues[0]?.message}`);
  const created = ensureTopics(
    db,
    result.data.map((t) => ({ slug: t.slug, labels: t.labels })),
  );
  return { created, total: result.data.length };
}

/** On a first start (no topics at all) loads the starter set, so the signup form has something to offer. */
export function seedStarterTopics(db: Db): { created: string[]; total: number } | null {
  if (listTopics(db).length > 0) return null;
  return loadTopicsFile(db);
}
