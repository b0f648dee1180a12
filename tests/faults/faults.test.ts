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
/** How long the relay stays away once the digest has paused (npm run test:faults: 150 s, as in the audit). */
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 0);

/** Waits until the digest is paused by the relay, keeps the relay away OUTAGE_MS more, and returns the reason. */
async function pausedByRelay(l: Lab, id: number): Promise<string> {
  const paused = await waitUntil(
    async () => {
      const view = await l.digest(id);
      return view.status === 'paused' ? view : null;
    },
    30_000,
    'the digest to pause for the relay',
  );
  // The outage itself: the fault lasts this long (not a wait for a condition).
  if (OUTAGE_MS > 0) await new Promise((done) => setTimeout(done, OUTAGE_MS));
  return paused.pausedReason ?? '';
}

const rows: FaultOutcome[] = [];
let lab: Lab | null = null;

afterAll(async () => {
  await lab?.close();
  // The table is the suite's report; vitest shows it with the run.
  console.log(`\n${outcomeTable(rows)}\n`);
});

async function run(name: string, body: (l: Lab) => Promise<{ id: number; why?: string; expected?: number }>): Promise<FaultOutcome> {
  await lab?.close();
  lab = await startLab(name.replace(/\W+/g, '-').toLowerCase(), { readers: READERS });
  const { id, why, expected = READERS } = await body(lab);
  const digest = await lab.waitFinished(id);
  // The last results may be recorded a moment after the digest closes; what matters is what the relay holds.
  await waitUntil(() => lab!.smtp.messages.length >= expected, 20_000, 'the emails to arrive').catch(() => undefined);
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

  it('loses nobody and fails nobody when the relay goes away mid-send and comes back', { timeout: TIMEOUT + OUTAGE_MS }, async () => {
    let reason = '';
    const row = await run('relay away mid-send', async (l) => {
      await l.start('all');
      let struck = false;
      l.smtp.beforeAccept(async (index) => {
        if (index !== STRIKE || struck) return undefined;
        struck = true;
        await l.smtp.goOffline();
        return 'drop';
      });
      const id = await l.trigger();
      reason = await pausedByRelay(l, id);
      await l.smtp.goOnline();
      return { id, why: 'paused, resumed by itself' };
    });
    expect(reason).toMatch(/relay/i);
    expect(row).toMatchObject({ delivered: READERS, lost: 0, failed: 0 });
    expect(row.duplicated).toBeLessThanOrEqual(POOL);
  });

  it('loses nobody and fails nobody when the relay answers 421 for a while', { timeout: TIMEOUT + OUTAGE_MS }, async () => {
    const row = await run('relay 421 for a while', async (l) => {
      await l.start('all');
      let struck = false;
      l.smtp.beforeAccept(async (index) => {
        if (index !== STRIKE || struck) return undefined;
        struck = true;
        l.smtp.refuseAll(421);
        return undefined;
      });
      const id = await l.trigger();
      await pausedByRelay(l, id);
      l.smtp.refuseAll(null);
      return { id, why: 'paused, resumed by itself' };
    });
    expect(row).toMatchObject({ delivered: READERS, duplicated: 0, lost: 0, failed: 0 });
  });

  it('loses nobody when the relay drops connections mid-DATA', { timeout: TIMEOUT }, async () => {
    const row = await run('relay drops mid-DATA', async (l) => {
      await l.start('all');
      l.smtp.dropNext(3);
      return { id: await l.trigger(), why: 'retried after the relay answered' };
    });
    expect(row).toMatchObject({ delivered: READERS, lost: 0, failed: 0 });
    expect(row.duplicated).toBeLessThanOrEqual(3);
  });

  it('fails only the readers the relay refuses (550), and sends everyone else once', { timeout: TIMEOUT }, async () => {
    const row = await run('550 for 2 readers', async (l) => {
      await l.start('all');
      l.smtp.rejectRecipient(l.readers[1]!);
      l.smtp.rejectRecipient(l.readers[2]!);
      return { id: await l.trigger(), why: 'refused by the relay: those readers only', expected: READERS - 2 };
    });
    expect(row).toMatchObject({ delivered: READERS - 2, duplicated: 0, lost: 2, failed: 2 });
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
