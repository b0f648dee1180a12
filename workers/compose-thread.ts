/**
 * The compose worker in a thread of the worker process (COMPOSE_THREAD): composing a profile (the model's
 * answer checked against its sources, rendered) is CPU work, and in the same event loop as sending it
 * held back every email of the digest while it ran. In a thread it runs on another core.
 *
 * This file is the thread's entry: it gets the process's settings and compiled templates from the thread
 * that started it (so it never loads MJML), runs the compose worker on connections of its own, and answers
 * 'close' by finishing the jobs it holds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Settings } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { type CompiledTemplates, templateCacheFrom } from '../src/mail/template-cache.js';
import { startOwnComposeWorker } from './compose-worker.js';

/** What the starting thread hands over (structured-cloned). */
export interface ComposeThreadData {
  settings: Settings;
  templates: CompiledTemplates;
  logLevel: string;
}

/** Messages from the thread: it is ready, or it could not start. */
export type ComposeThreadMessage = { type: 'ready' } | { type: 'failed'; error: string };

const port = parentPort;
if (!port) throw new Error('workers/compose-thread.ts runs as a worker thread (see compose-in-thread.ts)');
const { settings, templates, logLevel } = workerData as ComposeThreadData;
const logger = createLogger(logLevel, undefined, settings.LOG_FORMAT).child({ thread: 'compose' });
const say = (message: ComposeThreadMessage) => port.postMessage(message);

try {
  const compose = await startOwnComposeWorker(settings, logger, templateCacheFrom(templates));
  port.on('message', async (message: unknown) => {
    if (message !== 'close') return;
    await compose.close();
    port.close();
  });
  say({ type: 'ready' });
} catch (err) {
  say({ type: 'failed', error: (err as Error).message });
  port.close();
}
