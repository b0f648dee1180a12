import { afterAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/digest-fixtures.js';
import type { StandInMode } from '../helpers/ollama-stand-in.js';
import { type FaultOutcome, type Lab, outcome, outcomeTable, startLab } from './fault-lab.js';

/**
 * The fault suite: labdigest as real child processes, one fault at a time, each on its own database and
 * Redis. `npm test` runs it small; `npm run test:faults` runs it with FAULT_READERS readers (200).
 * It asserts what each reader got, never how long it took.
 */
const READERS = Number(process.env.FAULT_READERS ?? 12);
/** SMTP_POOL_SIZE of the lab: a crash can leave at most this many emails accepted but not yet recorded. */
const POOL = 2;
/** The message during which a fault strikes: a third of the way through. */
const STRIKE = Math.max(2, Math.floor(READERS / 3));
const TIMEOUT = 60_000 + READERS * 1_000;

const rows: FaultOutcome[] = [];
let lab: Lab | null = null;

afterAll(async () => {
  await lab?.close();
  // The table is the suite's report; vitest shows it with the run.
  console.log(`\n${outcomeTable(rows)}\n`);
});

async function run(name: string, body: (l: Lab) => Promise<{ id: number; why?: string }>): Promise<FaultOutcome> {
  await lab?.close();
  lab = await startLab(name.replace(/\W+/g, '-').toLowerCase(), { readers: READERS });
  const { id, why } = await body(lab);
  const digest = await lab.waitFinished(id);
  await waitUntil(() => lab!.smtp.messages.length >= READERS, 20_000, 'every reader to have an email').catch(() => undefined);
  const row = outcome(lab, name, digest, why);
  rows.push(row);
  return row;
}

describe('the fault suite', () => {
  it('delivers to everyone once with no fault', { timeout: TIMEOUT }, async () => {
    const row = await run('no fault', async (l) => {
      await l.start('all');
      return { id: await l.trigger() };
    });
    expect(row).toMatchObject({ delivered: READERS, duplicated: 0, lost: 0, failed: 0 });
  });

  it('loses nobody when the worker is killed mid-send and started again', { timeout: TIMEOUT }, async () => {
    const row = await run('worker SIGKILL mid-send', async (l) => {
      await l.start('api');
      let worker = await l.start('worker');
      let struck = false;
      l.smtp.beforeAccept(async (index) => {
        if (index !== STRIKE || struck) return undefined;
        struck = true;
        await l.kill(worker);
        // The worker never got an answer for this message: a real relay keeps nothing it did not accept.
        return 'drop';
      });
      const id = await l.trigger();
      await waitUntil(() => struck, 30_000, 'the worker to be killed');
      worker = await l.start('worker');
      return { id, why: 'restarted worker resumes' };
    });
    expect(row).toMatchObject({ delivered: READERS, lost: 0, failed: 0 });
    expect(row.duplicated).toBeLessThanOrEqual(POOL);
  });

  it('loses nobody when the whole service is killed mid-send and started again', { timeout: TIMEOUT }, async () => {
    const row = await run('service SIGKILL mid-send', async (l) => {
      const service = await l.start('all');
      let struck = false;
      l.smtp.beforeAccept(async (index) => {
        if (index !== STRIKE || struck) return undefined;
        struck = true;
        await l.kill(service);
        return 'drop';
      });
      const id = await l.trigger();
      await waitUntil(() => struck, 30_000, 'the service to be killed');
      await l.start('all');
      return { id, why: 'resumed at start' };
    });
    expect(row).toMatchObject({ delivered: READERS, lost: 0, failed: 0 });
    expect(row.duplicated).toBeLessThanOrEqual(POOL);
  });

  it('loses nobody and sends nobody twice when Redis restarts mid-send', { timeout: TIMEOUT }, async () => {
    const row = await run('Redis restart mid-send', async (l) => {
      await l.start('all');
      let struck = false;
      l.smtp.beforeAccept(async (index) => {
        if (index !== STRIKE || struck) return undefined;
        struck = true;
        await l.redis.stop();
        await l.redis.start();
        return undefined;
      });
      const id = await l.trigger();
      return { id, why: 'reconnected; append-only file kept the queues' };
    });
    expect(row).toMatchObject({ delivered: READERS, lost: 0, failed: 0 });
    expect(row.duplicated).toBeLessThanOrEqual(POOL);
  });

  for (const [mode, name] of [
    ['hang', 'Ollama hangs'],
    ['error-500', 'Ollama answers 500'],
    ['invalid-json', 'Ollama answers garbage'],
  ] as Array<[StandInMode, string]>) {
    it(`sends everyone the fallback digest when ${name}`, { timeout: TIMEOUT }, async () => {
      let composedWithoutLlm = 0;
      const row = await run(name, async (l) => {
        l.ollama.mode = mode;
        await l.start('all');
        const id = await l.trigger();
        composedWithoutLlm = (await l.waitFinished(id)).counts.composedWithoutLlm;
        return { id, why: 'fallback composer' };
      });
      expect(row).toMatchObject({ delivered: READERS, duplicated: 0, lost: 0, failed: 0 });
      expect(composedWithoutLlm).toBe(READERS);
    });
  }
});
