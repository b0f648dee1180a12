import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config.js';
import { COMPOSE_QUEUE } from '../../src/jobs/digest-jobs.js';
import { createLogger } from '../../src/logger.js';
import { createRedis } from '../../src/redis.js';
import { compileTemplatesInThread } from '../../workers/compile-templates.js';
import { startComposeThread } from '../../workers/compose-in-thread.js';
import { waitUntil } from '../helpers/digest-fixtures.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis-prefix.js';

const prefix = uniquePrefix('compose-thread');
const connection = createRedis(TEST_REDIS_URL);
const queue = new Queue(COMPOSE_QUEUE, { connection, prefix });

describe('the compose thread', () => {
  afterAll(async () => {
    await queue.close();
    connection.disconnect();
    await deletePrefix(prefix);
  });

  it('is started again when it dies, and stops with close()', async () => {
    const settings = parseSettings({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, OLLAMA_HOST: 'http://127.0.0.1:9' });
    const templates = await compileTemplatesInThread(settings);
    expect(templates.compileCount).toBeGreaterThan(0);
    const running = await startComposeThread(settings, createLogger('silent'), templates);
    try {
      expect(await queue.getWorkersCount()).toBe(1);
      const first = running.current()!;
      // A thread that dies (here: stopped from outside) leaves the queue without a compose worker…
      await first.terminate();
      await waitUntil(async () => (await queue.getWorkersCount()) === 0, 10_000, 'the dead thread to leave');
      // …until a new one takes its place.
      const second = await waitUntil(() => running.current(), 10_000, 'a new compose thread');
      expect(second).not.toBe(first);
      expect(await queue.getWorkersCount()).toBe(1);
    } finally {
      await running.close();
    }
    expect(running.current()).toBeNull();
    expect(await queue.getWorkersCount()).toBe(0);
  });
});
