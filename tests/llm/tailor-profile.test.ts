import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../src/i18n/languages.js';
import { createOllamaClient } from '../../src/llm/ollama-client.js';
import { LlmRequiredError, tailorProfile, type TailorInput } from '../../src/llm/tailor-profile.js';
import { startOllamaStandIn, type OllamaStandIn, type StandInMode } from '../helpers/ollama-stand-in.js';
import { candidate, TOPICS_EN, TOPICS_ES } from './candidates.js';

let standIn: OllamaStandIn;
beforeAll(async () => {
  standIn = await startOllamaStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  standIn.mode = 'good';
  standIn.order = 'as-offered';
});

const deps = (over: { timeoutMs?: number; required?: boolean; host?: string; model?: string } = {}) => ({
  client: createOllamaClient({ host: over.host ?? standIn.url, timeoutMs: over.timeoutMs ?? 5_000 }),
  model: over.model ?? 'llama3',
  required: over.required ?? false,
});

const input = (language: Language, cachedSummaries: Record<string, string> = {}): TailorInput => ({
  language,
  topics: language === 'en' ? TOPICS_EN : TOPICS_ES,
  candidates: [
    candidate({ id: 3, topics: ['networks'], date: '2026-10-01' }),
    candidate({ id: 5, topics: ['networks', 'elections'], date: '2026-09-20' }),
    candidate({ id: 8, topics: ['elections'], date: '2026-10-20', kind: 'news' }),
  ],
  cachedSummaries,
});

const chatCallsSince = (before: number) => standIn.calls('/api/chat').slice(before);

describe('tailorProfile with a model that answers well', () => {
  it.each(['en', 'es'] as const)('produces a validated %s tailoring with exactly one constrained chat call', async (language) => {
    const before = standIn.calls('/api/chat').length;
    const result = await tailorProfile(deps(), input(language));
    const calls = chatCallsSince(before);
    expect(calls).toHaveLength(1);
    const body = calls[0]!.body;
    expect(body.model).toBe('llama3');
    expect(body.stream).toBe(false);
    expect(body.format).toMatchObject({ type: 'object', required: ['intro', 'items'] });
    expect(body.options.temperature).toBeLessThanOrEqual(0.3);
    expect(body.options.seed).toBe(42);
    expect(body.options.num_ctx).toBe(8192);
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);

    expect(result.composedWith).toBe('llm');
    expect(result.llmCalls).toBe(1);
    expect(result.llmError).toBeNull();
    // The stand-in offers ids in the prompt's order, which is the deterministic ranking.
    expect(result.items.map((i) => i.id)).toEqual([5, 8, 3]);
    const expectedWhy = language === 'en' ? 'This work is relevant to the topics that you follow' : 'Este trabajo es relevante para los temas que sigues';
    expect(result.items[0]!.line).toContain(expectedWhy);
    expect(result.intro).toBe(
      language === 'en'
        ? "Welcome to this month's digest. We picked 3 items for you from the work of the lab."
        : 'Bienvenido al boletín de este mes. Hemos elegido 3 novedades para ti entre el trabajo del laboratorio.',
    );
    expect(Object.keys(result.newSummaries).sort()).toEqual(['3', '5', '8']);
    expect(result.items.find((i) => i.id === 3)!.summary).toBe(result.newSummaries['3']);
  });

  it("keeps the model's order", async () => {
    standIn.order = 'reverse';
    const result = await tailorProfile(deps(), input('en'));
    expect(result.items.map((i) => i.id)).toEqual([3, 8, 5]);
  });

  it('uses cached summaries instead of model text and asks only for the missing ones', async () => {
    const before = standIn.calls('/api/chat').length;
    const result = await tailorProfile(deps(), input('en', { '5': 'A cached summary of five.' }));
    const prompt: string = chatCallsSince(before)[0]!.body.messages[1].content;
    const data = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(prompt)![1]!);
    expect(data.items.map((i: { id: number; needs_summary: boolean }) => [i.id, i.needs_summary])).toEqual([
      [5, false],
      [8, true],
      [3, true],
    ]);
    expect(result.items.find((i) => i.id === 5)!.summary).toBe('A cached summary of five.');
    expect(result.newSummaries).toEqual({
      '8': 'A short summary of this work in English for the readers of this digest.',
      '3': 'A short summary of this work in English for the readers of this digest.',
    });
  });
});

describe('tailorProfile with many candidates', () => {
  it('offers the 24 best-ranked candidates and keeps at most 12 items', async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      candidate({ id: i + 1, topics: i % 2 ? ['networks', 'elections'] : ['networks'], date: `2026-10-${String((i % 28) + 1).padStart(2, '0')}` }),
    );
    const before = standIn.calls('/api/chat').length;
    const result = await tailorProfile(deps(), { language: 'en', topics: TOPICS_EN, candidates: many, cachedSummaries: {} });
    const prompt: string = chatCallsSince(before)[0]!.body.messages[1].content;
    const offered: number[] = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(prompt)![1]!).items.map((i: { id: number }) => i.id);
    expect(offered).toHaveLength(24);
    // The 20 two-topic items (even ids) come first, newest first: ids 28, 26, 24 are dated the 28th, 26th, 24th.
    expect(offered.slice(0, 3)).toEqual([28, 26, 24]);
    expect(offered.every((id, i) => i >= 20 || id % 2 === 0)).toBe(true);
    expect(result.composedWith).toBe('llm');
    expect(result.items.map((i) => i.id)).toEqual(offered.slice(0, 12));
  });
});

describe('tailorProfile when the model misbehaves', () => {
  const misbehaviours: Array<[StandInMode, RegExp]> = [
    ['invalid-json', /not valid JSON/],
    ['unknown-ids', /not offered/],
    ['wrong-language', /not in the requested language/],
    ['error-500', /500: the model failed to generate a response/],
    ['error-404', /404: model 'llama3' not found/],
    ['links', /contains a link/],
    ['duplicates', /more than once/],
  ];

  it.each(misbehaviours)('%s ends in the fallback with the same candidates and non-empty text', async (mode, error) => {
    standIn.mode = mode;
    const before = standIn.calls('/api/chat').length;
    const result = await tailorProfile(deps(), input('es'));
    expect(chatCallsSince(before)).toHaveLength(1);
    expect(result.composedWith).toBe('fallback');
    expect(result.llmCalls).toBe(1);
    expect(result.llmError).toMatch(error);
    expect(result.items.map((i) => i.id)).toEqual([5, 8, 3]);
    expect(result.intro).toMatch(/^El boletín de este mes trae 3 novedades/);
    expect(result.items.every((i) => i.summary.length > 0)).toBe(true);
    expect(result.newSummaries).toEqual({});
  });

  it.each(misbehaviours)('%s throws LlmRequiredError when the LLM is required', async (mode) => {
    standIn.mode = mode;
    await expect(tailorProfile(deps({ required: true }), input('en'))).rejects.toBeInstanceOf(LlmRequiredError);
  });

  it('gives up on a model that hangs after the timeout and falls back', async () => {
    standIn.mode = 'hang';
    // Every signal the client hands to fetch: the one that ended the call says why it ended.
    const signals: AbortSignal[] = [];
    const watched: typeof fetch = (url, init) => {
      if (init?.signal) signals.push(init.signal);
      return fetch(url, init);
    };
    const before = standIn.calls('/api/chat').length;
    const client = createOllamaClient({ host: standIn.url, timeoutMs: 300, fetch: watched });
    const result = await tailorProfile({ client, model: 'llama3', required: false }, input('en'));
    // The stand-in got the call and never answered it; the client's own timeout aborted it.
    expect(chatCallsSince(before)).toHaveLength(1);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect((signals[0]!.reason as Error).name).toBe('TimeoutError');
    // The fallback wrote the email from the same candidates.
    expect(result.composedWith).toBe('fallback');
    expect(result.llmCalls).toBe(1);
    expect(result.items.map((i) => i.id)).toEqual([5, 8, 3]);
    expect(result.llmError).toMatch(/did not answer within 300 ms/);
    await expect(tailorProfile(deps({ timeoutMs: 300, required: true }), input('en'))).rejects.toThrow(/did not answer within 300 ms/);
  });

  it('falls back when Ollama is unreachable, and when no client is configured', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const result = await tailorProfile(deps({ host: `http://127.0.0.1:${port}` }), input('en'));
    expect(result.composedWith).toBe('fallback');
    expect(result.llmCalls).toBe(1);
    expect(result.llmError).toMatch(/unreachable at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(result.items.map((i) => i.id)).toEqual([5, 8, 3]);

    const none = await tailorProfile({ client: null, model: 'llama3', required: false }, input('en'));
    expect(none).toMatchObject({ composedWith: 'fallback', llmCalls: 0, llmError: 'no LLM client configured' });
    await expect(tailorProfile({ client: null, model: 'llama3', required: true }, input('en'))).rejects.toBeInstanceOf(LlmRequiredError);
  });

  it('reports a model the server does not have', async () => {
    const result = await tailorProfile(deps({ model: 'llama3:70b' }), input('en'));
    expect(result.llmError).toBe("LlmCallError: Ollama answered 404: model 'llama3:70b' not found");
  });
});
