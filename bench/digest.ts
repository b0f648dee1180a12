/**
 * A whole digest on one machine, as in production, beside its two references (issue 10):
 *   npm run bench -- [--subscribers 10000] [--items 40] [--llm-latency-ms 200] [--json FILE]
 * A fresh temp database and queue prefix; the SMTP sink, the Ollama stand-in, the API and a worker each in
 * their own process, the two started as `npm run start:api` and `start:worker` start them (dist/ built when
 * stale, then plain node); the digest triggered and followed through the admin HTTP API with review off; the
 * database read read-only to check that every reader got exactly one email. Then the ceiling (the product's pooled transport alone) and the
 * naive way (per reader: model call, MJML compile, new SMTP connection) in the same run. Loopback only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, parseSettings } from '../src/config.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../tests/helpers/redis-prefix.js';
import { BENCH_LIMITS, BenchArgsError, parseBenchArgs } from './bench-args.js';
import { plannedAddresses, sampleReaders } from './bench-db.js';
import type { OllamaReady } from './bench-ollama.js';
import { benchResult, benchTable } from './bench-report.js';
import { seedBenchDatabase } from './bench-seed.js';
import type { SinkCounts, SinkReady } from './bench-sink.js';
import { runCeiling } from './ceiling.js';
import { cleanUpAll, cleanUpOnSignals, firstMessage, freePort, isStopping, onCleanup, startChild, startNpmScript } from './children.js';
import { checkDeliveries } from './delivery-check.js';
import { runNaive } from './naive.js';
import { runDigest, waitForHealth } from './pipeline-run.js';
import { ownPeakRssMb, peakRssMb } from './process-memory.js';
import { queueClientCount, waitForMoreQueueClients } from './queue-clients.js';
import { sampleRedisMemory } from './redis-memory.js';

const USAGE = `usage: npm run bench -- [--subscribers N (≤ ${BENCH_LIMITS.subscribers.max})] [--items M (≤ ${BENCH_LIMITS.items.max})] [--llm-latency-ms L] [--json FILE]`;
const NAIVE_SAMPLE = 500;
// Settings the bench decides; any other labdigest setting in the bench's environment (SMTP_POOL_SIZE,
// LLM_CONCURRENCY, …) is passed on to the API and the worker, so a run can try a deployment's values.
const OWNED = new Set([
  'HOST',
  'PORT',
  'PUBLIC_URL',
  'DATABASE_PATH',
  'REDIS_URL',
  'QUEUE_PREFIX',
  'SMTP_URL',
  'OLLAMA_HOST',
  'OUTBOX_DIR',
  'SECRET_KEY',
  'ADMIN_TOKEN',
  'REVIEW_REQUIRED',
  'LOG_LEVEL',
  'DIGEST_CRON',
  'BOUNCE_IMAP_URL',
]);

const log = (line: string) => console.log(`[bench] ${line}`);

async function sink(httpPort: number, method: 'GET' | 'POST', path: string): Promise<Response> {
  const res = await fetch(`http://127.0.0.1:${httpPort}${path}`, { method });
  if (!res.ok) throw new Error(`the SMTP sink answered ${res.status} to ${method} ${path}`);
  return res;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseBenchArgs>;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BenchArgsError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    return 2;
  }
  const loadAverageAtStart = loadavg();
  cleanUpOnSignals();
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-bench-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const prefix = uniquePrefix('bench');
  onCleanup(() => deletePrefix(prefix));
  const dbPath = join(dir, 'labdigest.db');

  const t = performance.now();
  const seeded = seedBenchDatabase(dbPath, { subscribers: args.subscribers, items: args.items });
  const seedMs = performance.now() - t;
  log(`seeded ${args.subscribers.toLocaleString('en')} readers and ${args.items} items in ${(seedMs / 1000).toFixed(1)} s (${dbPath})`);

  const sinkChild = startChild('SMTP sink', 'bench/bench-sink.ts', [], {});
  const ollamaChild = startChild('Ollama stand-in', 'bench/bench-ollama.ts', [String(args.llmLatencyMs)], {});
  const [sinkReady, ollamaReady] = await Promise.all([firstMessage<SinkReady>(sinkChild), firstMessage<OllamaReady>(ollamaChild)]);

  const port = await freePort();
  const inherited = Object.fromEntries(Object.keys(configSchema.shape).flatMap((k) => (process.env[k] && !OWNED.has(k) ? [[k, process.env[k]!]] : [])));
  const env: Record<string, string> = {
    SEND_RATE_PER_SEC: '10000',
    ...inherited,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_PATH: dbPath,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${sinkReady.smtpPort}`,
    OLLAMA_HOST: ollamaReady.url,
    OUTBOX_DIR: join(dir, 'outbox'),
    SECRET_KEY: randomBytes(32).toString('base64url'),
    ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    REVIEW_REQUIRED: 'false',
    LOG_LEVEL: 'warn',
  };
  const settings = parseSettings(env);

  const api = startNpmScript('start:api', env);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, 60_000, () => !api.exited);
  const apiClients = await queueClientCount(TEST_REDIS_URL, prefix);
  const worker = startNpmScript('start:worker', env);
  await waitForMoreQueueClients(TEST_REDIS_URL, prefix, apiClients, { timeoutMs: 60_000, stableMs: 1000, stillRunning: () => !worker.exited });
  log(`api (pid ${api.process.pid}) on ${baseUrl}, worker (pid ${worker.process.pid}), sink, Ollama stand-in at ${args.llmLatencyMs} ms: running`);

  const redis = await sampleRedisMemory(TEST_REDIS_URL);
  const run = await runDigest({
    baseUrl,
    adminToken: env.ADMIN_TOKEN!,
    period: seeded.period,
    windowStart: seeded.windowStart,
    windowEnd: seeded.windowEnd,
    timeoutMs: Math.min(3_600_000, 300_000 + args.subscribers * 20),
    onProgress: (v, ms) =>
      log(`${(ms / 1000).toFixed(0)} s: ${v.status}, ${v.counts.sent ?? 0}/${v.counts.planned ?? 0} sent, ${v.counts.llmCalls ?? 0} model calls`),
  });
  await redis.stop();
  const peaks = {
    api: peakRssMb(api.process.pid!),
    worker: peakRssMb(worker.process.pid!),
    sink: peakRssMb(sinkChild.process.pid!),
    ollama: peakRssMb(ollamaChild.process.pid!),
  };
  log(`digest ${run.digestId} sent in ${(run.totalMs / 1000).toFixed(1)} s`);

  const counts = (await (await sink(sinkReady.httpPort, 'GET', '/counts')).json()) as SinkCounts;
  const planned = plannedAddresses(dbPath, run.digestId);
  const check = checkDeliveries(counts.recipients, planned);
  const calls = (await (await fetch(`${ollamaReady.url}/bench/calls`)).json()) as { chat: number; generate: number };
  const sample = Buffer.from(await (await sink(sinkReady.httpPort, 'GET', '/sample')).arrayBuffer());

  log(
    `ceiling: ${args.subscribers.toLocaleString('en')} copies of one ${(sample.length / 1024).toFixed(1)} KB digest email through the product's pooled transport`,
  );
  await sink(sinkReady.httpPort, 'POST', '/reset');
  const addresses = Array.from({ length: args.subscribers }, (_, i) => planned[i % Math.max(1, planned.length)] ?? `reader${i + 1}@bench.example.org`);
  const ceiling = await runCeiling(settings, sample, addresses);
  const ceilingCounts = (await (await sink(sinkReady.httpPort, 'GET', '/counts')).json()) as SinkCounts;
  if (ceilingCounts.messages !== args.subscribers) throw new Error(`ceiling: the sink received ${ceilingCounts.messages} of ${args.subscribers}`);

  const readers = sampleReaders(dbPath, Math.min(args.subscribers, NAIVE_SAMPLE));
  log(`naive: ${readers.length} readers one by one (model call, MJML compile, new SMTP connection each)`);
  const naive = await runNaive({
    readers,
    ollamaHost: ollamaReady.url,
    model: settings.OLLAMA_MODEL,
    smtpUrl: env.SMTP_URL!,
    from: settings.MAIL_FROM,
    publicUrl: settings.PUBLIC_URL,
    brand: settings,
  });

  const result = benchResult({
    args,
    settings: { SMTP_POOL_SIZE: settings.SMTP_POOL_SIZE, LLM_CONCURRENCY: settings.LLM_CONCURRENCY, SEND_RATE_PER_SEC: settings.SEND_RATE_PER_SEC },
    seedMs,
    spread: seeded.spread,
    run,
    llmCallsStandIn: calls.chat + calls.generate,
    check,
    emailBytes: sample.length,
    averageEmailBytes: counts.messages ? counts.bytes / counts.messages : 0,
    redis,
    peakRssMb: { ...peaks, bench: ownPeakRssMb() },
    ceiling,
    naive,
    loadAverageAtStart,
  });
  console.log(`\nlabdigest digest benchmark\n${benchTable(result)}`);
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${args.json}`);
  }
  if (check.duplicates || check.missing || check.unexpected) {
    console.error(`[bench] NOT exactly one email per reader: ${JSON.stringify(check.examples)}`);
    return 1;
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  if (!isStopping()) console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  await cleanUpAll();
}
process.exit(code);
