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

  it('gives a call that waits behind others of the same client one timeout for each, as a one-at-a-time Ollama answers them in turn', async () => {
    // A server answering one request at a time, each after 300 ms: what Ollama does with OLLAMA_NUM_PARALLEL=1.
    let busyUntil = 0;
    const oneAtATime: typeof fetch = (_input, init) =>
      new Promise<Response>((resolve, reject) => {
        const start = Math.max(Date.now(), busyUntil);
        busyUntil = start + 300;
        const timer = setTimeout(() => {
          const body = { model: 'llama3', created_at: new Date().toISOString(), message: { role: 'assistant', content: '{"ok":true}' }, done: true };
          resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
        }, busyUntil - Date.now());
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(init.signal?.reason);
        });
      });
    const client = createOllamaClient({ host: 'http://127.0.0.1:9', timeoutMs: 450, fetch: oneAtATime });
    const ask = () => client.chatJson({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }], format: {} }).catch((err: Error) => err.message);
    // Together: the second waits 300 ms, then takes 300 ms: 600 ms, within its 2 × 450 ms.
    expect(await Promise.all([ask(), ask()])).toEqual(['{"ok":true}', '{"ok":true}']);
    // Alone, a call still has one timeout: behind a server busy for 600 ms more, it gives up at 450 ms.
    busyUntil = Date.now() + 600;
    expect(await ask()).toBe('Ollama did not answer within 450 ms');
  });
});
