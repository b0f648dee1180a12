#!/usr/bin/env node
// Compiles src/, workers/ and bin/ to dist/ (tsconfig.build.json), the JavaScript `npm start` runs with plain
// node: loading the TypeScript through tsx on every start costs about 50 MB per process.
//   node bin/build.js             always build (`npm run build`)
//   node bin/build.js --if-stale  build only when dist/ is missing or was built from other sources
//                                 (the npm start scripts, the benchmark), so `npm install && npm start`
//                                 works on a clean clone and an edited source is never run stale
// Plain JavaScript, because it has to run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
// What the build read, as "path size mtime" lines; a build whose record differs is stale.
const STAMP = '.build-inputs';
const INPUT_DIRS = ['src', 'workers', 'bin'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];
// Two starts at once (an API and a worker, two test files) build one after the other; the second then finds
// dist/ fresh. A lock older than any build is left by one that died, and is taken over.
const LOCK = join(ROOT, 'dist.lock');
const LOCK_STALE_MS = 120_000;
const LOCK_WAIT_MS = 300_000;

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** A fingerprint of every input: a renamed, deleted, added or touched source changes it. */
function inputsFingerprint() {
  const files = [...INPUT_DIRS.flatMap((d) => [...filesUnder(join(ROOT, d))]), ...INPUT_FILES.map((f) => join(ROOT, f))].sort();
  const lines = files.map((f) => {
    const s = statSync(f);
    return `${relative(ROOT, f)} ${s.size} ${s.mtimeMs}`;
  });
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function isFresh(fingerprint) {
  const stamp = join(DIST, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === fingerprint;
}

function tscPath() {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('typescript/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  return join(dirname(pkgFile), typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.tsc);
}

function build(fingerprint) {
  let tsc;
  try {
    tsc = tscPath();
  } catch {
    console.error('labdigest: cannot build dist/: the "typescript" package is missing (run `npm install` with dev dependencies)');
    return 1;
  }
  // Built beside dist/ and swapped in whole, so a failed build leaves the previous one, and no stale
  // file of a deleted source survives.
  const next = join(ROOT, `dist.building-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', next], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    console.error('labdigest: the build failed (the TypeScript errors are above); dist/ is unchanged');
    return result.status ?? 1;
  }
  writeFileSync(join(next, STAMP), `${fingerprint}\n`);
  rmSync(DIST, { recursive: true, force: true });
  renameSync(next, DIST);
  console.error(`labdigest: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

function withLock(fn) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let age = 0;
    try {
      age = Date.now() - statSync(LOCK).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (age > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`labdigest: another build holds ${LOCK}; remove it if no build is running`);
    else Atomics.wait(pause, 0, 0, 200);
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && isFresh(inputsFingerprint())) {
  process.exitCode = 0;
} else {
  process.exitCode = withLock(() => {
    const fingerprint = inputsFingerprint();
    return ifStale && isFresh(fingerprint) ? 0 : build(fingerprint);
  });
}
