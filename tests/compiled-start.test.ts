import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/browser.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './helpers/redis-prefix.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** An npm script's command, started as `npm run <name>` starts it (without npm around it); stdout is collected. */
function startScript(name: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const [command, ...args] = scripts[name]!.split(/\s+/);
  expect(command).toBe('node');
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return { child, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

describe('the compiled build that `npm start` runs', () => {
  const prefix = uniquePrefix('compiled-start');
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-compiled-'));
  const started: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(started.map(stop));
    await deletePrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds dist/ when stale; from it the API finds its migrations, assets and starter topics, and a worker its email templates', async () => {
    // What the start scripts' `pre` step runs; on a fresh dist/ it returns at once.
    expect(scripts.prestart).toBe('node bin/build.js --if-stale');
    await run(process.execPath, ['bin/build.js', '--if-stale'], { cwd: ROOT, timeout: 120_000 });

    const port = await freePort();
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      OLLAMA_HOST: 'http://127.0.0.1:9',
      OUTBOX_DIR: join(dir, 'outbox'),
      LOG_FORMAT: 'json',
    };
    const api = startScript('start:api', { ...env, PORT: String(port), DATABASE_PATH: join(dir, 'labdigest.db'), LOG_LEVEL: 'warn' });
    started.push(api.child);
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${base}/ready`).catch(() => null))?.status ?? 0, { timeout: 30_000, interval: 100 }).toBe(200);
    // Read through src/package-root.ts from dist/src/: the console's own files and the starter topics.
    const css = await fetch(`${base}/admin/assets/console.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toBe(readFileSync(join(ROOT, 'src/console/assets/console.css'), 'utf8'));
    const starter = JSON.parse(readFileSync(join(ROOT, 'src/topics/starter-topics.json'), 'utf8')) as Array<{ labels: { en: string } }>;
    expect(await (await fetch(`${base}/subscribe`)).text()).toContain(starter[0]!.labels.en);

    // A worker compiles every email template from emails/ before it says it is running.
    const worker = startScript('start:worker', { ...env, LOG_LEVEL: 'info' });
    started.push(worker.child);
    await expect.poll(() => worker.output(), { timeout: 30_000, interval: 100 }).toContain('labdigest workers running');
    await Promise.all([stop(api.child), stop(worker.child)]);
    expect([api.child.exitCode, worker.child.exitCode]).toEqual([0, 0]);
  }, 180_000);
});
