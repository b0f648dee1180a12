import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts workers/<name> as a worker thread: the compiled JavaScript beside this file in production; in
 * development and tests the TypeScript source, loaded through tsx, which the thread registers first (a
 * preload flag does not reach a worker thread on Node 20).
 */
export function startWorkerThread(name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  // tsx may add a query to a module's URL (tsImport does): the path says what ran.
  if (!new URL(import.meta.url).pathname.endsWith('.ts'))
    return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData, execArgv: [], resourceLimits });
  // tsx's ESM entry for its API, as its package exports name it for `import`.
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(tsxPackage, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const tsx = pathToFileURL(join(dirname(tsxPackage), exports['./esm/api']!.import.default)).href;
  const source = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData, execArgv: [], resourceLimits });
}

/** A thread's first message; rejects when the thread fails or ends before it says anything. Listens for nothing after. */
export function firstMessage<T>(thread: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => thread.off('message', onMessage).off('error', onError).off('exit', onExit);
    const onMessage = (message: T) => {
      done();
      resolve(message);
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`it exited with code ${code} before it answered`));
    };
    thread.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
