import { describe, expect, it } from 'vitest';
import { LlmCallError } from '../../src/llm/llm-errors.js';
import { createOllamaClient } from '../../src/llm/ollama-client.js';

describe('the Ollama client', () => {
  it('gives up on a call whose abort never reaches the request, so a compose job cannot wait for ever', async () => {
    // A fetch that ignores its signal and never settles: what a lost abort looks like from the caller.
    const signals: AbortSignal[] = [];
    const deaf: typeof fetch = (_input, init) => {
      if (init?.signal) signals.push(init.signal);
      return new Promise<Response>(() => {});
    };
    const client = createOllamaClient({ host: 'http://127.0.0.1:9', timeoutMs: 50, fetch: deaf });
    const failure = await client.chatJson({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }], format: {} }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(LlmCallError);
    expect((failure as LlmCallError).message).toBe('Ollama did not answer within 50 ms');
    // The request was told to stop at its own timeout, before the call gave up on it.
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect((signals[0]!.reason as Error).name).toBe('TimeoutError');
  });
});
