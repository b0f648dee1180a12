import { AsyncLocalStorage } from 'node:async_hooks';
import { Ollama } from 'ollama';
import { LlmCallError } from './llm-errors.js';
import type { PromptMessage } from './tailoring-prompt.js';

/** How long after its own timeout a call is given up for good, in case the abort never reaches the request. */
const DEADLINE_GRACE_MS = 1000;

/** Sampling for tailoring: low temperature and a fixed seed, so a profile gets the same text on a retry. */
export const LLM_OPTIONS = { temperature: 0.2, seed: 42, num_ctx: 8192 } as const;

/** What the tailoring code needs from a model server; tests and other backends can stand in for Ollama. */
export interface LlmClient {
  /** One non-streaming chat call constrained by a JSON Schema; resolves to the raw text of the answer. */
  chatJson(request: { model: string; messages: PromptMessage[]; format: Record<string, unknown> }): Promise<string>;
  /** The server's version string. */
  version(): Promise<string>;
  /** Names of the models the server has locally. */
  modelNames(): Promise<string[]>;
}

/**
 * A fetch that gives up after `ms`: the ollama client passes no signal to non-streaming calls. The timer
 * holds its controller strongly (a bare AbortSignal.timeout combined with AbortSignal.any can be collected
 * under memory pressure, and then never fires), and keeps running until the body has been read too.
 */
export function fetchWithTimeout(defaultMs: number, baseFetch: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const ms = callBudget.getStore() ?? defaultMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`The operation timed out after ${ms} ms`, 'TimeoutError')), ms);
    timer.unref();
    const given = init?.signal;
    if (given?.aborted) controller.abort(given.reason);
    else given?.addEventListener('abort', () => controller.abort(given.reason), { once: true });
    return baseFetch(input, { ...init, signal: controller.signal });
  };
}

/** The time one call may take, set around the ollama client's call and read by its fetch (the client takes no per-call option). */
const callBudget = new AsyncLocalStorage<number>();

/** Rejects with a TimeoutError after `ms` unless `work` settles first: whatever the request does, the caller moves on. */
function withDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException(`No answer after ${ms} ms`, 'TimeoutError')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Turns whatever the ollama client threw into an LlmCallError that says what went wrong. */
export function toLlmCallError(err: unknown, context: { host: string; timeoutMs: number }): LlmCallError {
  if (err instanceof LlmCallError) return err;
  const e = err as { name?: string; message?: string; status_code?: unknown; error?: unknown; cause?: { code?: string; message?: string } };
  if (e?.name === 'ResponseError' && typeof e.status_code === 'number') {
    const message = typeof e.error === 'string' ? e.error : String(e.message);
    const failure = e.status_code === 404 && /not found/i.test(message) ? 'model-not-found' : 'http-error';
    return new LlmCallError(failure, `Ollama answered ${e.status_code}: ${message}`, e.status_code);
  }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new LlmCallError('timeout', `Ollama did not answer within ${context.timeoutMs} ms`);
  }
  if (e?.name === 'TypeError' && /fetch failed/i.test(String(e.message))) {
    const why = e.cause?.code ?? e.cause?.message ?? 'connection failed';
    return new LlmCallError('unreachable', `Ollama unreachable at ${context.host} (${why})`);
  }
  return new LlmCallError('bad-response', `Ollama call failed: ${e?.message ?? String(err)}`);
}

/**
 * The LlmClient for a real Ollama server at `host`, every call bounded by `timeoutMs`. A chat call started
 * while others of this client are still waiting may have to wait for them in Ollama's own queue (Ollama
 * answers OLLAMA_NUM_PARALLEL requests at once, 1 unless set), so its bound is `timeoutMs` for each call in
 * flight, itself included: with LLM_CONCURRENCY=2 a one-at-a-time Ollama still answers both in time.
 */
export function createOllamaClient(options: { host: string; timeoutMs: number; fetch?: typeof fetch }): LlmClient {
  const ollama = new Ollama({ host: options.host, fetch: fetchWithTimeout(options.timeoutMs, options.fetch) });
  let inFlight = 0;
  // The abort in the fetch ends the request; the deadline (a little later) guarantees the call ends even if
  // an abort is lost on the way to the socket, so a compose job can never wait for ever.
  const guard = async <T>(call: () => Promise<T>, calls = 1): Promise<T> => {
    const budget = options.timeoutMs * calls;
    try {
      return await withDeadline(budget + DEADLINE_GRACE_MS, callBudget.run(budget, call));
    } catch (err) {
      throw toLlmCallError(err, { host: options.host, timeoutMs: budget });
    }
  };
  const queued = async <T>(call: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    try {
      return await guard(call, inFlight);
    } finally {
      inFlight -= 1;
    }
  };
  return {
    chatJson: (request) =>
      queued(async () => {
        const response = await ollama.chat({
          model: request.model,
          messages: request.messages,
          format: request.format,
          options: { ...LLM_OPTIONS },
          stream: false,
        });
        const content: unknown = response?.message?.content;
        if (typeof content !== 'string') throw new LlmCallError('bad-response', 'Ollama answered without message.content');
        return content;
      }),
    version: () =>
      guard(async () => {
        const { version } = await ollama.version();
        return String(version);
      }),
    modelNames: () =>
      guard(async () => {
        const { models } = await ollama.list();
        return (models ?? []).map((m) => String(m.name ?? m.model));
      }),
  };
}
