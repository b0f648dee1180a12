import { readdirSync, statSync } from 'node:fs';
import type { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { type Db, MIGRATIONS_DIR } from '../db/client.js';
import { checkOllama, type OllamaHealth } from '../llm/llm-health.js';
import { createOllamaClient } from '../llm/ollama-client.js';

/** How long any one health check may take: the settings page must answer even when a service hangs. */
export const HEALTH_TIMEOUT_MS = 5000;

function withTimeout<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface RedisHealth {
  ok: boolean;
  version: string | null;
  error: string | null;
}

/** PING and the server's version (INFO server). */
export async function checkRedis(redis: Redis, timeoutMs = HEALTH_TIMEOUT_MS): Promise<RedisHealth> {
  try {
    const pong = await withTimeout(timeoutMs, redis.ping());
    const info = await withTimeout(timeoutMs, redis.info('server'));
    const version = /^redis_version:(\S+)/m.exec(info)?.[1] ?? null;
    return { ok: pong === 'PONG', version, error: pong === 'PONG' ? null : `PING answered ${pong}` };
  } catch (err) {
    return { ok: false, version: null, error: messageOf(err) };
  }
}

/** Ollama at OLLAMA_HOST: reachable, and is OLLAMA_MODEL pulled (see llm-health.ts). */
export async function checkOllamaHealth(config: Pick<Config, 'OLLAMA_HOST' | 'OLLAMA_MODEL' | 'LLM_TIMEOUT_MS'>): Promise<OllamaHealth> {
  const client = createOllamaClient({ host: config.OLLAMA_HOST, timeoutMs: Math.min(config.LLM_TIMEOUT_MS, HEALTH_TIMEOUT_MS) });
  return checkOllama(client, config.OLLAMA_MODEL);
}

export type SmtpHealth = { mode: 'smtp'; ok: boolean; host: string; error: string | null } | { mode: 'outbox'; ok: true; dir: string };

/** Connects to SMTP_URL and says hello (and logs in, when the URL has credentials); without SMTP_URL, the outbox folder. */
export async function checkSmtp(config: Pick<Config, 'SMTP_URL' | 'OUTBOX_DIR'>, timeoutMs = HEALTH_TIMEOUT_MS): Promise<SmtpHealth> {
  if (!config.SMTP_URL) return { mode: 'outbox', ok: true, dir: config.OUTBOX_DIR };
  const url = new URL(config.SMTP_URL);
  const host = `${url.hostname}${url.port ? `:${url.port}` : ''}`;
  const transport = nodemailer.createTransport({ url: config.SMTP_URL, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    await withTimeout(timeoutMs + 500, transport.verify());
    return { mode: 'smtp', ok: true, host, error: null };
  } catch (err) {
    return { mode: 'smtp', ok: false, host, error: messageOf(err) };
  } finally {
    transport.close();
  }
}

export interface DatabaseHealth {
  ok: boolean;
  path: string;
  /** File size in bytes, with its write-ahead log. */
  bytes: number;
  migrationsApplied: number;
  migrationsKnown: number;
  error: string | null;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The database file, its size, and how many of the shipped migrations it has applied. */
export function checkDatabase(db: Db, path: string): DatabaseHealth {
  const migrationsKnown = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length;
  const bytes = fileSize(path) + fileSize(`${path}-wal`);
  try {
    const row = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return { ok: row.n === migrationsKnown, path, bytes, migrationsApplied: row.n, migrationsKnown, error: null };
  } catch (err) {
    return { ok: false, path, bytes, migrationsApplied: 0, migrationsKnown, error: messageOf(err) };
  }
}

export interface HealthReport {
  redis: RedisHealth;
  ollama: OllamaHealth;
  smtp: SmtpHealth;
  database: DatabaseHealth;
}

/** Every check at once (in parallel, each bounded): what the settings page shows. */
export async function checkHealth(ctx: { config: Config; db: Db; redis: Redis }): Promise<HealthReport> {
  const [redis, ollama, smtp] = await Promise.all([checkRedis(ctx.redis), checkOllamaHealth(ctx.config), checkSmtp(ctx.config)]);
  return { redis, ollama, smtp, database: checkDatabase(ctx.db, ctx.config.DATABASE_PATH) };
}
