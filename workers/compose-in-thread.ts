import type { Worker } from 'node:worker_threads';
import type { Settings } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { TemplateCache } from '../src/mail/template-cache.js';
import type { ComposeThreadData, ComposeThreadMessage } from './compose-thread.js';
import { firstMessage, startWorkerThread } from './worker-thread.js';

// Live sets of a compose worker are tens of MB; a thread that needs ten times that is broken, not busy.
// A small young generation: the thread allocates little per profile, and every MB here is resident.
const THREAD_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };
const RESTART_DELAY_MS = 1000;

/** Starts one thread and waits until its compose worker is connected; rejects with the thread's own reason. */
async function startThread(data: ComposeThreadData): Promise<Worker> {
  const thread = startWorkerThread('compose-thread', data, THREAD_LIMITS);
  const message = await firstMessage<ComposeThreadMessage>(thread).catch((err: Error) => ({ type: 'failed' as const, error: err.message }));
  if (message.type === 'ready') return thread;
  void thread.terminate();
  throw new Error(`the compose thread did not start: ${message.error}`);
}

/**
 * Runs the compose worker in its own thread (workers/compose-thread.ts) with the process's settings and
 * compiled templates. A thread that dies is started again (its jobs come back to the queue as stalled);
 * close() lets it finish the jobs it holds.
 */
export async function startComposeThread(
  settings: Settings,
  logger: Logger,
  templates: TemplateCache,
): Promise<{ close(): Promise<void> /** The thread running now (null while one is being started again). */; current(): Worker | null }> {
  const data: ComposeThreadData = { settings, templates: templates.compiled, logLevel: logger.level };
  let closing = false;
  let restart: NodeJS.Timeout | undefined;
  let thread: Worker | null = null;
  const respawn = () => {
    restart = setTimeout(() => {
      startThread(data).then(
        (next) => {
          if (closing) void next.terminate();
          else watch(next);
        },
        (err: Error) => {
          logger.error({ err: err.message }, 'the compose thread could not start again');
          if (!closing) respawn();
        },
      );
    }, RESTART_DELAY_MS);
  };
  const watch = (t: Worker) => {
    thread = t;
    t.on('error', (err) => logger.error({ err: err.message }, 'the compose thread failed'));
    t.once('exit', (code) => {
      thread = null;
      if (closing) return;
      logger.error({ code }, 'the compose thread stopped; starting it again');
      respawn();
    });
  };
  watch(await startThread(data));
  return {
    current: () => thread,
    async close() {
      closing = true;
      clearTimeout(restart);
      const running = thread;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.postMessage('close');
      await exited;
    },
  };
}
