import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../../src/db/client.js';

/** The repository root (tests/import → ../..). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** The repository's own sample lab website (tests/fixtures/lab-site): Markdown, BibTeX and a feed. */
export const LAB_SITE = resolve(REPO_ROOT, 'tests/fixtures/lab-site');

/** Import limits as the settings would give them. */
export const LIMITS = { IMPORT_MAX_BYTES: 64 * 1024, IMPORT_TIMEOUT_MS: 2000, IMPORT_ALLOW_PRIVATE: false };

/** A fresh temp folder. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `labdigest-${label}-`));
}

/** A fresh, migrated database in its own temp folder. */
export function freshDb(label: string): Db {
  return openDatabase(join(tempDir(label), 'labdigest.db'));
}

/** The fixture sites written for issue 11 (tests/fixtures/sites/<name>): Hugo Blox, the Jekyll lab template, plain Jekyll. */
export const SITES = resolve(REPO_ROOT, 'tests/fixtures/sites');

/** A copy of a fixture site in a temp folder, for tests that edit it and import again. */
export function copySite(name: string): string {
  const dir = join(tempDir(`site-${name}`), name);
  cpSync(join(SITES, name), dir, { recursive: true });
  return dir;
}
