/**
 * Signup under load: the real app in a child process on 127.0.0.1 (fresh temp database and queue prefix,
 * rate limit raised, no mail worker: the confirm emails stay queued, so this measures HTTP + SQLite +
 * the queue add), and autocannon posting a distinct address per request to POST /subscribe.
 * `npm run bench:signup -- [--duration 10] [--connections 50] [--json FILE]`. Traffic stays on loopback.
 */
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  duration: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: Array<AutocannonRequest & { setupRequest?: (req: AutocannonRequest) => AutocannonRequest }>;
}) => Promise<AutocannonResult>;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    json: { type: 'string' },
    serve: { type: 'boolean', default: false },
  },
});

if (args.serve) await serve();
else await run();

/** The child: the API only, listening on a free loopback port; tells the parent the port. */
async function serve(): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  const { openContext } = await import('../src/context.js');
  const { buildApp } = await import('../src/app.js');
  const config = loadConfig({ ...(process.env as Record<string, string>), HOST: '127.0.0.1', PORT: '0' });
  const ctx = await openContext(config);
  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  process.on('message', async (msg) => {
    if (msg !== 'stop') return;
    await app.close();
    await ctx.close();
    process.exit(0);
  });
}

/** The parent: starts the child, runs autocannon against it, counts the signups, cleans up. */
async function run(): Promise<void> {
  const duration = Math.min(Math.max(Number(args.duration), 1), 120);
  const connections = Math.min(Math.max(Number(args.connections), 1), 500);
  const { deletePrefix, uniquePrefix } = await import('../tests/helpers/redis-prefix.js');
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-bench-signup-'));
  const prefix = uniquePrefix('bench-signup');
  const env = {
    ...process.env,
    DATABASE_PATH: join(dir, 'labdigest.db'),
    OUTBOX_DIR: join(dir, 'outbox'),
    QUEUE_PREFIX: prefix,
    REDIS_URL: 'redis://127.0.0.1:6379',
    PUBLIC_URL: 'http://labdigest.test',
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    SECRET_KEY: 'bench-secret-key-0123456789abcdefghijklmnop',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
    SMTP_URL: '',
  };
  const child = fork(process.argv[1]!, ['--serve'], { env, execArgv: [...process.execArgv, ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ') ?? [])] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });
    const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
    let n = 0;
    const run = () =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/subscribe',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ email: `reader-${++n}@bench.example.org`, consent: true, language: 'en' }) }),
          },
        ],
      });
    console.log(`POST /subscribe, ${connections} connections, ${duration} s, distinct addresses, server on 127.0.0.1:${port}`);
    const result = await run();
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const subscribers = (db.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number }).n;
    db.close();
    const figures = {
      connections,
      durationSeconds: result.duration,
      requestsPerSecond: Math.round(result.requests.average),
      requestsTotal: result.requests.total,
      signupsPerSecond: Math.round(subscribers / result.duration),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, average: result.latency.average },
      ok2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      subscribersStored: subscribers,
      cpus: (await import('node:os')).cpus().length,
      node: process.version,
    };
    console.table({
      'requests/s (sustained)': figures.requestsPerSecond,
      'signups/s (stored / duration)': figures.signupsPerSecond,
      'latency p50 (ms)': figures.latencyMs.p50,
      'latency p99 (ms)': figures.latencyMs.p99,
      'latency max (ms)': figures.latencyMs.max,
      '2xx': figures.ok2xx,
      'non-2xx': figures.non2xx,
      'errors + timeouts': figures.errors + figures.timeouts,
      'subscribers stored': figures.subscribersStored,
    });
    const target = figures.signupsPerSecond >= 1000 && figures.latencyMs.p99 < 100;
    console.log(target ? 'Target met: at least 1,000 signups/s with p99 under 100 ms.' : 'Target missed: 1,000 signups/s with p99 under 100 ms.');
    if (args.json) writeFileSync(args.json, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
    await deletePrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}
