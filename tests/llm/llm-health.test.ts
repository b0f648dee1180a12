import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOllama, describeOllamaHealth } from '../../src/llm/llm-health.js';
import { createOllamaClient } from '../../src/llm/ollama-client.js';
import { startOllamaStandIn, type OllamaStandIn } from '../helpers/ollama-stand-in.js';

let standIn: OllamaStandIn;
beforeAll(async () => {
  standIn = await startOllamaStandIn({ version: '0.33.0', models: ['llama3:latest', 'mistral:7b'] });
});
afterAll(async () => {
  await standIn.close();
});

describe('checkOllama', () => {
  it('finds the model with or without its tag', async () => {
    const client = createOllamaClient({ host: standIn.url, timeoutMs: 2_000 });
    expect(await checkOllama(client, 'llama3')).toEqual({ reachable: true, modelPresent: true, version: '0.33.0', error: null });
    expect((await checkOllama(client, 'mistral:7b')).modelPresent).toBe(true);
    const missing = await checkOllama(client, 'llama3:70b');
    expect(missing.modelPresent).toBe(false);
    expect(describeOllamaHealth(missing, 'llama3:70b').message).toBe(
      "Ollama 0.33.0 has no model 'llama3:70b' (run: ollama pull llama3:70b): digests will be composed without the LLM",
    );
    expect(standIn.calls('/api/version').length).toBeGreaterThan(0);
    expect(standIn.calls('/api/tags').length).toBeGreaterThan(0);
  });

  it('says so when Ollama is unreachable', async () => {
    const client = createOllamaClient({ host: 'http://127.0.0.1:1', timeoutMs: 2_000 });
    const health = await checkOllama(client, 'llama3');
    expect(health).toMatchObject({ reachable: false, modelPresent: false, version: null });
    expect(health.error).toMatch(/unreachable/);
    expect(describeOllamaHealth(health, 'llama3')).toEqual({ level: 'warn', message: 'Ollama unreachable: digests will be composed without the LLM' });
  });
});
