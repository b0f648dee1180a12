import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';
import { LAB_SITE, REPO_ROOT, tempDir } from './helpers.js';

const run = promisify(execFile);

/** Runs `node bin/labdigest.js ...args` with its own database; never throws, returns code and output. */
async function labdigest(args: string[], databasePath: string) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: 'cli-admin-token-0123456789',
    SECRET_KEY: 'cli-secret-key-0123456789abcdefghijklmnop',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/labdigest.js', ...args], { cwd: REPO_ROOT, env, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('labdigest import (as a child process)', () => {
  it('imports the lab site, prints the summary, and the admin API lists the items', async () => {
    const databasePath = join(tempDir('cli'), 'labdigest.db');
    const first = await labdigest(['import', LAB_SITE], databasePath);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Imported 14 files: 12 added, 0 updated, 0 unchanged, 1 skipped, 0 failed.');
    expect(first.stdout).toContain('content/project/bot-follower-audit/index.md: draft');
    expect(first.stdout).toMatch(/New topics: .*urban-studies/);

    const t = await createTestApp('cli-api', { DATABASE_PATH: databasePath });
    try {
      const res = await t.app.inject({ url: '/api/admin/items?from=2026-10-01&to=2026-10-31&kind=project', headers: t.admin });
      expect(res.json().items.map((i: { title: string; language: string; date: string; topics: string[] }) => [i.title, i.language, i.date, i.topics])).toEqual(
        [
          ['Mapa Abierto de Ferias Libres', 'es', '2026-10-27', ['food-systems', 'open-data']],
          ['Parliament Speech Archive', 'en', '2026-10-19', ['natural-language-processing', 'political-science']],
          ['Rental Listings Monitor', 'en', '2026-10-06', ['housing', 'open-data', 'web-data']],
        ],
      );
      const all = (await t.app.inject({ url: '/api/admin/items?limit=100', headers: t.admin })).json();
      expect(all.total).toBe(12);
    } finally {
      await t.close();
    }
  });

  it('exits 1 with a clear message for a path that does not exist', async () => {
    const databasePath = join(tempDir('cli-missing'), 'labdigest.db');
    const missing = await labdigest(['import', '/no/such/folder'], databasePath);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('Error: /no/such/folder does not exist');
  });
});
