/**
 * The benchmark's child processes and their clean-up. Each child runs in its own process group, so a stop
 * reaches whatever it started; clean-up runs on success, on failure and on Ctrl-C, and removes the temp
 * folder and the queue prefix too.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so children start from it whatever the bench's working directory. */
export const REPO_DIR = fileURLToPath(new URL('../', import.meta.url));

/** One started child: its name in the report, its process, and whether it already ended. */
export interface Child {
  name: string;
  process: ChildProcess;
  readonly exited: boolean;
}

const children: Child[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

/**
 * An npm script of package.json as a command line, `node` being the node that runs the bench: the product
 * starts exactly as `npm run <name>` starts it, without an npm process around it.
 */
function npmScript(name: string): { command: string; argv: string[] } {
  const scripts = (JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts[name] ?? '').split(/\s+/).filter(Boolean);
  if (words[0] !== 'node') throw new Error(`package.json script "${name}" should be "node …", not "${scripts[name] ?? ''}"`);
  return { command: process.execPath, argv: words.slice(1) };
}

/**
 * Starts the product as the npm script `name` does (`start:api`, `start:worker`): first its `pre` script
 * (which builds dist/ when it is missing or stale), then the compiled entry with plain node.
 */
export function startNpmScript(name: string, env: Record<string, string>): Child {
  const pre = npmScript(`pre${name}`);
  const built = spawnSync(pre.command, pre.argv, { cwd: REPO_DIR, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`npm script "pre${name}" failed (exit ${built.status ?? built.signal})`);
  const { command, argv } = npmScript(name);
  return spawnChild(name, command, argv, env, false);
}

/**
 * Starts `node --import tsx <script> ...args` in its own process group with the given environment (nothing
 * inherited but PATH and HOME) and the IPC channel the bench's own helpers (sink, stand-in) answer on.
 */
export function startChild(name: string, script: string, args: string[], env: Record<string, string>): Child {
  return spawnChild(name, process.execPath, ['--import', 'tsx', script, ...args], env, true);
}

function spawnChild(name: string, command: string, argv: string[], env: Record<string, string>, ipc: boolean): Child {
  const proc = spawn(command, argv, {
    cwd: REPO_DIR,
    // BENCH_CHILD_NODE_OPTIONS reaches the children only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` is refused in
    // NODE_OPTIONS, but `--import ./a-profiler-hook.mjs` works): how the profiles in the README were taken.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(process.env.BENCH_CHILD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CHILD_NODE_OPTIONS } : {}),
      ...env,
    },
    detached: true,
    stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  proc.once('exit', () => {
    exited = true;
  });
  const child: Child = {
    name,
    process: proc,
    get exited() {
      return exited;
    },
  };
  children.push(child);
  return child;
}

/** Waits for the first IPC message of a child started with `ipc`, or rejects when it exits first or takes too long. */
export function firstMessage<T>(child: Child, timeoutMs = 30_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${child.name} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.process.once('message', (msg) => {
      clearTimeout(timer);
      resolve(msg as T);
    });
    child.process.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited with code ${code} before it was ready`));
    });
  });
}

/** A TCP port nobody listens on right now (the API gets it as PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Registers something to undo at the end (temp folder, queue prefix); run in reverse order after the children stop. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

function signalGroup(child: Child, signal: NodeJS.Signals): void {
  if (child.exited || child.process.pid === undefined) return;
  try {
    process.kill(-child.process.pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Stops one child: SIGTERM to its group (the product closes gracefully), SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (child.exited) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Anything the child left behind in its group.
  signalGroup(child, 'SIGKILL');
}

let cleaning: Promise<void> | null = null;

/** True once clean-up has begun (e.g. after Ctrl-C): errors from then on are the stop, not a finding. */
export function isStopping(): boolean {
  return cleaning !== null;
}

/** Stops every child and runs every registered clean-up, once, whatever happened before. */
export function cleanUpAll(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled(children.map((c) => stopChild(c)));
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`clean-up step failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}

/** Ctrl-C or a kill: clean up, then exit with the conventional code. */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark's processes and removing its data…`);
      void cleanUpAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}
