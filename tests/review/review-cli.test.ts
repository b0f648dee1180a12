import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { type OllamaStandIn, startOllamaStandIn } from '../helpers/ollama-stand-in.js';
import { INVENTED } from '../helpers/ollama-stand-in-answers.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis-prefix.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

async function labdigest(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/labdigest.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('labdigest digest send --wait, review and approve (review on, no server running)', () => {
  let smtp: TestSmtpServer;
  let ollama: OllamaStandIn;
  const prefix = uniquePrefix('review-cli');
  beforeAll(async () => {
    smtp = await startSmtpServer();
    ollama = await startOllamaStandIn({ mode: 'invent' });
  });
  afterAll(async () => {
    await smtp.close();
    await ollama.close();
    await deletePrefix(prefix);
  });

  it('stops at review with the console address, prints the flags, approves once and then sends', async () => {
    const databasePath = join(mkdtempSync(join(tmpdir(), 'labdigest-review-cli-')), 'labdigest.db');
    const db = openDatabase(databasePath);
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', language: 'es', topics: ['education'] });
    seedSubscriber(db, { email: 'ben@example.org', name: 'Ben', language: 'en', topics: ['education'] });
    db.$client.close();
    const env = {
      DATABASE_PATH: databasePath,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      OLLAMA_HOST: ollama.url,
      LLM_TIMEOUT_MS: '1500',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'http://lab.example.org',
      SECRET_KEY: 'cli-secret-key-0123456789abcdefghijklmnop',
      ADMIN_TOKEN: 'cli-admin-token-0123456789',
      REVIEW_REQUIRED: 'true',
    };

    const sent = await labdigest(['digest', 'send', '--period', '2026-11', '--wait'], env);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('Digest 1 (2026-11): review');
    expect(sent.stdout).toContain('Review and approve it at http://lab.example.org/admin/digests/1');
    expect(smtp.messages).toHaveLength(0);

    const review = await labdigest(['digest', 'review', '1'], env);
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout).toMatch(/Profile \d+ · en · Education · 1 reader · llm/);
    expect(review.stdout).toMatch(/Profile \d+ · es · Educación · 1 reader · llm/);
    expect(review.stdout).toContain(INVENTED.person);
    expect(review.stdout).toMatch(/⚑ not found in the sources: .*figure "87%"/);

    const approve = await labdigest(['digest', 'approve', '1'], env);
    expect(approve.code, approve.stderr).toBe(0);
    expect(approve.stdout).toMatch(/Approved digest 1: sending; [1-9]\d* flagged lines replaced/);
    const twice = await labdigest(['digest', 'approve', '1'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('is sending');

    // Approved and queued: the next waiting run sends it.
    const out = await labdigest(['digest', 'send', '--period', '2026-11', '--wait'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Digest 1 (2026-11): sent');
    expect(out.stdout).toContain('approved by cli');
    expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(['ana@example.org', 'ben@example.org']);
    for (const mail of smtp.messages) expect(mail.parsed.text).not.toContain(INVENTED.person);

    const bad = await labdigest(['digest', 'review', 'x'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Usage: labdigest digest review <id>');
  }, 180_000);
});
