import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ownerHeartbeatKey } from '../src/owner/owner-heartbeat.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './helpers/redis-prefix.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

describe('a server that cannot start', () => {
  let blocker: Server | undefined;
  const prefix = uniquePrefix('server-start');
  afterEach(async () => {
    await new Promise<void>((done) => (blocker ? blocker.close(() => done()) : done()));
    await deletePrefix(prefix);
  });

  it('says the port is taken in one line, closes what it had started and leaves no heartbeat behind', async () => {
    blocker = createServer();
    await new Promise<void>((done) => blocker!.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'labdigest-port-taken-'));
    const result = await run(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: join(dir, 'labdigest.db'),
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: String(port),
        OLLAMA_HOST: 'http://127.0.0.1:9',
        LOG_LEVEL: 'silent',
      },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(`Port ${port} on 127.0.0.1 is already in use: stop what uses it or set PORT.`);
    // The owner's parts had started (and set their heartbeat) before listening failed; closing them removed it,
    // so a `digest send --wait` does not wait for a server that is not there.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.exists(ownerHeartbeatKey(prefix))).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
