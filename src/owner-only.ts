import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Owner read/write only: the database, its journal files, secrets.json and outbox copies hold personal data or keys. */
export const OWNER_FILE_MODE = 0o600;
/** Owner only: the folders that hold those files. */
export const OWNER_DIR_MODE = 0o700;

/** The folders from `first` (the topmost one mkdir created) down to `dir`. */
function createdChain(dir: string, first: string | undefined): string[] {
  if (!first) return [];
  const chain: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    chain.push(d);
    if (d === resolve(first) || d === dirname(d)) break;
  }
  return chain;
}

/**
 * Creates a folder (and missing parents) owner-only, whatever the umask: each folder this call created is
 * chmod-ed to 0700. A folder that already exists is left as its owner set it.
 */
export function ensureOwnerDirSync(dir: string): void {
  for (const d of createdChain(dir, mkdirSync(dir, { recursive: true, mode: OWNER_DIR_MODE }))) chmodSync(d, OWNER_DIR_MODE);
}

/** ensureOwnerDirSync, without blocking the event loop (the outbox is written by a worker). */
export async function ensureOwnerDir(dir: string): Promise<void> {
  for (const d of createdChain(dir, await mkdir(dir, { recursive: true, mode: OWNER_DIR_MODE }))) await chmod(d, OWNER_DIR_MODE);
}

/** Writes a file readable by its owner only: created 0600 and chmod-ed again, so neither the umask nor an older file's mode widens it. */
export function writeOwnerFileSync(path: string, data: string | Buffer): void {
  const fd = openSync(path, 'w', OWNER_FILE_MODE);
  try {
    chmodSync(path, OWNER_FILE_MODE);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** writeOwnerFileSync without blocking. */
export async function writeOwnerFile(path: string, data: string | Buffer): Promise<void> {
  const handle = await open(path, 'w', OWNER_FILE_MODE);
  try {
    await handle.chmod(OWNER_FILE_MODE);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** Sets owner-only mode on a file if it exists (SQLite creates its -wal and -shm files itself). */
export function restrictIfPresentSync(path: string): void {
  try {
    chmodSync(path, OWNER_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
