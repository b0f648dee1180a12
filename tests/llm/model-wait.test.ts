import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSettings } from '../../src/config.js';
import { longestModelWaitMs } from '../../src/llm/model-wait.js';

describe('the longest a compose job waits for the model', () => {
  it('is one LLM_TIMEOUT_MS for each call the worker may have out, and docker compose waits that long before it kills a worker', () => {
    const defaults = parseSettings({});
    expect(longestModelWaitMs(defaults)).toBe(120_000);
    expect(longestModelWaitMs(parseSettings({ LLM_TIMEOUT_MS: '30000', LLM_CONCURRENCY: '3' }))).toBe(90_000);
    const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as {
      services: Record<string, { stop_grace_period?: string; command?: string[] }>;
    };
    const graces = Object.values(compose.services)
      .filter((s) => s.command?.includes('dist/bin/start.js'))
      .map((s) => Number(/^(\d+)s$/.exec(s.stop_grace_period ?? '')?.[1]) * 1000);
    expect(graces.length).toBeGreaterThan(0);
    for (const grace of graces) expect(grace).toBeGreaterThanOrEqual(longestModelWaitMs(defaults) + 5_000);
  });
});
