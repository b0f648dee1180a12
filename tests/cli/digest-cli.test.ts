import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { startOllamaStandIn, type OllamaStandIn } from '../helpers/ollama-stand-in.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis-prefix.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** A fresh database with two confirmed readers and two October items. */
function seededDatabase(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'labdigest-cli-')), 'labdigest.db');
  const db = openDatabase(path);
  seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
  seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
  seedItem(db, { title: 'Teacher turnover study', kind: 'publication', date: '2026-10-09', topics: ['education'] });
  seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', language: 'es', topics: ['education'] });
  seedSubscriber(db, { email: 'ben@example.org', name: 'Ben', language: 'en', topics: [] });
  db.$client.close();
  return path;
}

async function labdigest(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/labdigest.js', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SECRET_KEY: 'cli-secret-key-0123456789abcdefghijklmnop',
        ADMIN_TOKEN: 'cli-admin-token-0123456789',
        ...env,
      },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('labdigest digest send --wait (no server running)', () => {
  let smtp: TestSmtpServer;
  let ollama: OllamaStandIn;
  const prefixes: string[] = [];
  beforeAll(async () => {
    smtp = await startSmtpServer();
    ollama = await startOllamaStandIn();
  });
  afterAll(async () => {
    await smtp.close();
    await ollama.close();
    for (const p of prefixes) await deletePrefix(p);
  });

  const envFor = (databasePath: string, ollamaHost: string) => {
    const prefix = uniquePrefix('cli');
    prefixes.push(prefix);
    return {
      DATABASE_PATH: databasePath,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      OLLAMA_HOST: ollamaHost,
      LLM_TIMEOUT_MS: '1500',
      LOG_LEVEL: 'silent',
      // These follow a digest straight through; tests/review/review-cli.test.ts stops at review.
      REVIEW_REQUIRED: 'false',
    };
  };

  it('sends one email per reader composed without the model when Ollama is absent, then reports status and exports', async () => {
    const databasePath = seededDatabase();
    const env = envFor(databasePath, 'http://127.0.0.1:9');
    const before = smtp.messages.length;
    const sent = await labdigest(['digest', 'send', '--period', '2026-11', '--wait'], env);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('Planned digest 1 for 2026-11: 2 readers, 0 skipped, 2 items.');
    expect(sent.stdout).toContain('Digest 1 (2026-11): sent');
    expect(sent.stdout).toMatch(/composed {3}0 profiles \(0 emails\) with the model, [12] \(2\) without it/);
    expect(sent.stdout).toContain('delivery   2 sent, 0 failed, 0 cancelled, 0 waiting');
    expect(
      smtp.messages
        .slice(before)
        .map((m) => m.envelope.to[0])
        .sort(),
    ).toEqual(['ana@example.org', 'ben@example.org']);

    const status = await labdigest(['digest', 'status', '1'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Digest 1 (2026-11): sent');

    const again = await labdigest(['digest', 'send', '--period', '2026-11', '--wait'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Found existing digest 1 for 2026-11');
    expect(smtp.messages.length - before).toBe(2);

    const csv = await labdigest(['subscribers', 'export'], env);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('id,email,name,language,status,paused,topics,created_at,confirmed_at,unsubscribed_at');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['"ana@example.org"', '"ben@example.org"']);
    expect(csv.stderr).toContain('Exported 2 subscribers.');

    const bad = await labdigest(['digest', 'status', 'x'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Usage: labdigest digest status <id>');
  }, 120_000);

  it('uses the model when one answers at OLLAMA_HOST', async () => {
    const env = envFor(seededDatabase(), ollama.url);
    const calls = ollama.calls('/api/chat').length;
    const sent = await labdigest(['digest', 'send', '--period', '2026-11', '--wait'], env);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/composed {3}[12] profiles \(2 emails\) with the model, 0 \(0\) without it/);
    // Ana (Spanish, education) and Ben (English, everything) are two profiles: two calls.
    expect(ollama.calls('/api/chat').length - calls).toBe(2);
  }, 120_000);
});
