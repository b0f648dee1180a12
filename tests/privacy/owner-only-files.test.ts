import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { printGeneratedSecrets } from '../../src/secrets-notice.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('secrets and data files are the owner’s only', () => {
  let umask: number;
  // A permissive umask, so a mode that only the umask narrowed would show up as readable by others.
  beforeAll(() => {
    umask = process.umask(0);
  });
  afterAll(() => {
    process.umask(umask);
  });

  it('writes generated secrets only to secrets.json (0600, folder 0700) and prints where, never the values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdigest-secrets-'));
    const config = loadConfig({ DATABASE_PATH: join(dir, 'data', 'labdigest.db') });
    const lines: string[] = [];
    printGeneratedSecrets(config, (line) => lines.push(line));
    const file = join(dir, 'data', 'secrets.json');
    expect(lines).toEqual([
      `Generated ADMIN_TOKEN, stored in ${file} (readable by this user only)`,
      `Generated SECRET_KEY, stored in ${file} (readable by this user only)`,
    ]);
    for (const line of lines) {
      expect(line).not.toContain(config.ADMIN_TOKEN);
      expect(line).not.toContain(config.SECRET_KEY);
    }
    expect(mode(file)).toBe(0o600);
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ADMIN_TOKEN: config.ADMIN_TOKEN, SECRET_KEY: config.SECRET_KEY });
  });

  it('creates the database, its -wal and -shm files and their folder owner-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdigest-dbmode-'));
    const path = join(dir, 'nested', 'data', 'labdigest.db');
    const db = openDatabase(path);
    db.$client.prepare('CREATE TABLE t (x)').run();
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
    expect(mode(join(dir, 'nested', 'data'))).toBe(0o700);
    expect(mode(join(dir, 'nested'))).toBe(0o700);
    expect(db.$client.pragma('secure_delete', { simple: true })).toBe(1);
    db.$client.close();
  });
});
