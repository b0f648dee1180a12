import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { openContext } from '../../src/context.js';
import type { DigestView } from '../../src/digests/digest-schema.js';
import { freePort } from '../helpers/browser.js';
import { seedItem, seedSubscriber, seedTopics, waitUntil } from '../helpers/digest-fixtures.js';
import { type OllamaStandIn, startOllamaStandIn } from '../helpers/ollama-stand-in.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

/**
 * A lab for the fault suite: labdigest as real child processes (`bin/start.ts` with a role), a private
 * Redis server with its append-only file (so it can be stopped and started without touching the shared
 * one), the SMTP test server and the Ollama stand-in in this process, where faults are injected.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_TOKEN = 'fault-admin-token-0123456789';

export type Role = 'all' | 'api' | 'worker';

/** A redis-server of our own on a free port, persisting to an append-only file in a temp folder. */
export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-fault-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir], {
      stdio: 'ignore',
    });
    await waitUntil(
      async () => {
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        // Refused while the server starts: that is the answer we poll for, not an error to report.
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          probe.disconnect();
        }
      },
      10_000,
      'the private Redis to answer',
    );
  };
  await start();
  return {
    url,
    start,
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      // SIGTERM: Redis writes its append-only file and exits, as `docker compose restart redis` does.
      running.kill('SIGTERM');
      await once(running, 'exit');
    },
  };
}

export interface Lab {
  redis: PrivateRedis;
  smtp: TestSmtpServer;
  ollama: OllamaStandIn;
  readers: string[];
  /** Starts labdigest with this role as a child process (the API roles wait until /health answers). */
  start(role: Role): Promise<ChildProcess>;
  kill(child: ChildProcess): Promise<void>;
  trigger(): Promise<number>;
  digest(id: number): Promise<DigestView>;
  waitFinished(id: number, timeoutMs?: number): Promise<DigestView>;
  close(): Promise<void>;
}

/** What one fault did to one digest, as the suite's table shows it. */
export interface FaultOutcome {
  fault: string;
  readers: number;
  delivered: number;
  duplicated: number;
  lost: number;
  failed: number;
  why: string;
}

export async function startLab(label: string, opts: { readers: number; env?: Record<string, string>; redis?: PrivateRedis }): Promise<Lab> {
  const redis = opts.redis ?? (await startPrivateRedis());
  const smtp = await startSmtpServer();
  const ollama = await startOllamaStandIn();
  const dir = mkdtempSync(join(tmpdir(), `labdigest-fault-${label}-`));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_PATH: join(dir, 'labdigest.db'),
    OUTBOX_DIR: join(dir, 'outbox'),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `fault-${label}`,
    OLLAMA_HOST: ollama.url,
    LLM_TIMEOUT_MS: '1500',
    SMTP_URL: smtp.url,
    SMTP_POOL_SIZE: '2',
    SEND_RATE_PER_SEC: '100',
    JOB_LOCK_MS: '2000',
    // The relay is probed quickly here, so a digest the relay paused resumes soon after it is back.
    SMTP_PROBE_INITIAL_MS: '200',
    SMTP_PROBE_MAX_MS: '1000',
    ADMIN_TOKEN,
    SECRET_KEY: 'fault-secret-key-0123456789abcdefghijklmnop',
    REVIEW_REQUIRED: 'false',
    LOG_LEVEL: process.env.TEST_LOG ?? 'fatal',
    LOG_FORMAT: 'json',
    ...opts.env,
  };

  // The database is made and seeded here, then handed to the child processes.
  const ctx = await openContext(loadConfig(env), { requireRedis: false });
  seedTopics(ctx.db, { education: { en: 'Education', es: 'Educación' } });
  seedItem(ctx.db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
  const readers: string[] = [];
  for (let i = 0; i < opts.readers; i++) {
    const email = `reader${i}@example.org`;
    readers.push(email);
    seedSubscriber(ctx.db, { email, name: `Reader ${i}`, language: i % 3 === 0 ? 'es' : 'en', topics: ['education'] });
  }
  await ctx.close();

  const base = `http://127.0.0.1:${port}`;
  const children = new Set<ChildProcess>();
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' } });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json();
  };
  const lab: Lab = {
    redis,
    smtp,
    ollama,
    readers,
    async start(role) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', `--role=${role}`], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
      children.add(child);
      child.once('exit', () => children.delete(child));
      if (role !== 'worker') {
        await waitUntil(
          async () => {
            if (child.exitCode !== null) throw new Error(`labdigest --role=${role} exited with ${child.exitCode}`);
            return fetch(`${base}/health`).then(
              (r) => r.ok,
              () => false,
            );
          },
          30_000,
          `labdigest --role=${role} to answer`,
        );
      }
      return child;
    },
    async kill(child) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
    async trigger() {
      const body = await api('/api/admin/digests', {
        method: 'POST',
        body: JSON.stringify({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' }),
      });
      return (body as { id: number }).id;
    },
    digest: (id) => api(`/api/admin/digests/${id}`) as Promise<DigestView>,
    async waitFinished(id, timeoutMs = 90_000) {
      return waitUntil(
        async () => {
          const view = await lab.digest(id).catch(() => null);
          return view && ['sent', 'cancelled', 'failed'].includes(view.status) ? view : null;
        },
        timeoutMs,
        `digest ${id} to finish`,
      );
    },
    async close() {
      for (const child of [...children]) await lab.kill(child);
      await smtp.close();
      await ollama.close();
      if (!opts.redis) await redis.stop();
    },
  };
  return lab;
}

/** Counts what the SMTP server holds per reader: delivered once, more than once, or never. */
export function outcome(lab: Lab, fault: string, digest: DigestView, why = ''): FaultOutcome {
  const got = new Map<string, number>();
  for (const m of lab.smtp.messages) for (const to of m.envelope.to) got.set(to, (got.get(to) ?? 0) + 1);
  const counts = lab.readers.map((r) => got.get(r) ?? 0);
  return {
    fault,
    readers: lab.readers.length,
    delivered: counts.filter((n) => n > 0).length,
    duplicated: counts.reduce((n, c) => n + Math.max(0, c - 1), 0),
    lost: counts.filter((n) => n === 0).length,
    failed: digest.counts.failed,
    why: why || digest.error || '',
  };
}

/** The suite's table, one line per fault. */
export function outcomeTable(rows: FaultOutcome[]): string {
  const head = ['fault', 'readers', 'delivered', 'duplicated', 'lost', 'recorded failed', 'why'];
  const lines = rows.map((r) => [r.fault, r.readers, r.delivered, r.duplicated, r.lost, r.failed, r.why].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}
