import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { seedItem, seedSubscriber, seedTopics, waitUntil } from '../helpers/digest-fixtures.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const READERS = 12;

/** Starts `npm run start:worker` as a real child process: it gets Redis, Ollama and SMTP, and no database. */
function startWorkerProcess(rig: DigestRig): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', '--role=worker'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      REDIS_URL: rig.t.config.REDIS_URL,
      QUEUE_PREFIX: rig.t.config.QUEUE_PREFIX,
      OLLAMA_HOST: rig.t.config.OLLAMA_HOST,
      SMTP_URL: rig.t.config.SMTP_URL,
      SEND_RATE_PER_SEC: '20',
      // One send at a time: each message is recorded as sent before the next starts, so the kill lands
      // on a message the server has not accepted (with more in flight, see the note on at-least-once).
      SMTP_POOL_SIZE: '1',
      JOB_LOCK_MS: '1500',
      LOG_LEVEL: 'warn',
      // The worker must never need the database: point it at a folder that does not exist.
      DATABASE_PATH: '/nonexistent/labdigest/should-not-open.db',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

describe('a worker killed mid-send', () => {
  let rig: DigestRig;
  let first: ChildProcess | undefined;
  let second: ChildProcess | undefined;

  beforeAll(async () => {
    rig = await startDigestRig('worker-crash', { workers: false });
    const { db } = rig.t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    for (let i = 0; i < READERS; i++) {
      seedSubscriber(db, { email: `reader${i}@example.org`, name: `Reader ${i}`, language: i % 2 ? 'es' : 'en', topics: ['education'] });
    }
  });
  afterAll(async () => {
    for (const child of [first, second]) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rig.close();
  });

  it('leaves every planned reader with exactly one email after SIGKILL and a restart', async () => {
    // The SMTP server kills the worker while the fourth message is in flight, before answering it.
    let killed = false;
    rig.smtp.beforeAccept(async (index) => {
      if (index === 3 && first && !killed) {
        killed = true;
        first.kill('SIGKILL');
        await once(first, 'exit');
        // The worker never got an answer for this message: a real server keeps nothing it did not accept.
        return 'drop';
      }
    });
    first = startWorkerProcess(rig);
    const { id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-22T00:00:00Z' });
    await waitUntil(() => killed && first!.signalCode === 'SIGKILL', 30_000, 'the worker to be killed');
    const beforeRestart = rig.smtp.messages.length;
    expect(beforeRestart).toBeLessThan(READERS);

    second = startWorkerProcess(rig);
    const done = await rig.waitFinished(id, 60_000);
    expect(done.status).toBe('sent');
    expect(done.counts.sent).toBe(READERS);

    const recipients = rig.smtp.messages.map((m) => m.envelope.to[0]).sort();
    const expected = Array.from({ length: READERS }, (_, i) => `reader${i}@example.org`).sort();
    expect(recipients).toEqual(expected);
    const rows = rig.t.ctx.db.select().from(deliveries).where(eq(deliveries.digestId, id)).all();
    expect(rows.map((r) => r.status)).toEqual(Array(READERS).fill('sent'));
    // Nothing more arrives once the restarted worker has gone idle.
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages).toHaveLength(READERS);
  }, 120_000);
});
