import { Ollama } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOllamaStandIn, type OllamaStandIn } from '../helpers/ollama-stand-in.js';
import * as doc from './ollama-api-examples.js';

let standIn: OllamaStandIn;
beforeAll(async () => {
  standIn = await startOllamaStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  standIn.mode = 'good';
});

const post = (path: string, body: unknown) =>
  fetch(`${standIn.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
// biome-ignore lint/suspicious/noExplicitAny: replies of the API under test, read field by field.
const json = async (res: Response): Promise<any> => res.json();
const lines = async (res: Response) =>
  (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const ask = { model: 'llama3', messages: [{ role: 'user', content: 'why is the sky blue?' }] };
const isUtcIso = (s: unknown) => typeof s === 'string' && s.endsWith('Z') && !Number.isNaN(Date.parse(s));

describe('Ollama stand-in: documented shapes', () => {
  it('answers /api/chat without streaming with the documented keys and types', async () => {
    const res = await post('/api/chat', { ...ask, stream: false });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json(res);
    expect(doc.shapeOf(body)).toEqual(doc.shapeOf(doc.chatResponse));
    expect(body.model).toBe('llama3');
    expect(isUtcIso(body.created_at)).toBe(true);
    expect(body.done).toBe(true);
    expect(body.done_reason).toBe('stop');
    expect(Number.isInteger(body.total_duration)).toBe(true);
    expect(body.message.content).toBe('The sky is blue because the air scatters blue light more than red light.');
  });

  it('streams /api/chat by default as NDJSON ending in a done frame with metrics', async () => {
    const res = await post('/api/chat', ask);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const frames = await lines(res);
    const final = frames.pop();
    expect(frames.length).toBeGreaterThan(1);
    for (const f of frames) expect(doc.shapeOf(f)).toEqual(doc.shapeOf(doc.chatStreamChunk));
    expect(doc.shapeOf(final)).toEqual(doc.shapeOf(doc.chatStreamFinal));
    expect(final.message.content).toBe('');
    expect(frames.map((f) => f.message.content).join('')).toBe('The sky is blue because the air scatters blue light more than red light.');
    expect(final.eval_count).toBe(frames.length);
  });

  it('answers /api/generate streaming and not, with response and context', async () => {
    const one = await json(await post('/api/generate', { model: 'llama3', prompt: 'why is the sky blue?', stream: false }));
    expect(doc.shapeOf(one)).toEqual(doc.shapeOf(doc.generateResponse));
    const frames = await lines(await post('/api/generate', { model: 'llama3', prompt: 'why is the sky blue?' }));
    const final = frames.pop();
    for (const f of frames) expect(doc.shapeOf(f)).toEqual(doc.shapeOf(doc.generateStreamChunk));
    expect(doc.shapeOf(final)).toEqual(doc.shapeOf(doc.generateResponse));
    expect(final.response).toBe('');
    expect(frames.map((f) => f.response).join('')).toBe(one.response);
  });

  it('lists models, tells its version, and answers GET / and HEAD /api/version', async () => {
    const tags = await json(await fetch(`${standIn.url}/api/tags`));
    expect(doc.shapeOf(tags)).toEqual(doc.shapeOf(doc.tagsResponse));
    expect(tags.models.map((m: { name: string }) => m.name)).toEqual(['llama3:latest']);
    const version = await json(await fetch(`${standIn.url}/api/version`));
    expect(doc.shapeOf(version)).toEqual(doc.shapeOf(doc.versionResponse));
    const root = await fetch(`${standIn.url}/`);
    expect(root.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await root.text()).toBe('Ollama is running');
    const head = await fetch(`${standIn.url}/api/version`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers errors with the documented bodies and exact strings', async () => {
    const cases: Array<[Response, number, string]> = [
      [await post('/api/chat', undefined), 400, 'missing request body'],
      [await post('/api/chat', { messages: [] }), 400, 'model is required'],
      [await post('/api/chat', { ...ask, model: 'llama3:8b' }), 404, "model 'llama3:8b' not found"],
      [await post('/api/generate', { model: 'mistral', prompt: 'hi' }), 404, "model 'mistral' not found"],
    ];
    standIn.mode = 'error-500';
    cases.push([await post('/api/chat', { ...ask, stream: false }), 500, 'the model failed to generate a response']);
    standIn.mode = 'error-404';
    cases.push([await post('/api/chat', ask), 404, "model 'llama3' not found"]);
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await json(res);
      expect(doc.shapeOf(body)).toEqual(doc.shapeOf(doc.errorResponse));
      expect(body.error).toBe(message);
    }
  });

  it('ends a failing stream with an error line and status 200', async () => {
    standIn.mode = 'error-midstream';
    const res = await post('/api/generate', { model: 'llama3', prompt: 'why is the sky blue?' });
    expect(res.status).toBe(200);
    const frames = await lines(res);
    expect(frames.at(-1)).toEqual({ error: 'an error was encountered while running the model' });
    expect(frames.slice(0, -1).every((f) => f.done === false)).toBe(true);
  });

  it('records every request with its parsed body', async () => {
    const before = standIn.calls('/api/chat').length;
    await post('/api/chat', { ...ask, stream: false, options: { seed: 7 } });
    const calls = standIn.calls('/api/chat');
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1)!.body.options).toEqual({ seed: 7 });
    expect(calls.at(-1)!.method).toBe('POST');
  });
});

describe('Ollama stand-in: the official ollama client', () => {
  it('chats without and with streaming, generates, lists and reads the version', async () => {
    const client = new Ollama({ host: standIn.url });
    const whole = await client.chat({ ...ask, stream: false });
    expect(whole.message.content).toBe('The sky is blue because the air scatters blue light more than red light.');
    let streamed = '';
    let done = false;
    for await (const part of await client.chat({ ...ask, stream: true })) {
      streamed += part.message.content;
      done ||= part.done;
    }
    expect(streamed).toBe(whole.message.content);
    expect(done).toBe(true);
    let generated = '';
    for await (const part of await client.generate({ model: 'llama3', prompt: 'sky?', stream: true })) generated += part.response;
    expect(generated).toBe((await client.generate({ model: 'llama3', prompt: 'sky?' })).response);
    expect((await client.list()).models[0]!.name).toBe('llama3:latest');
    expect((await client.version()).version).toBe('0.33.0');
  });

  it('surfaces 404 as a ResponseError with status_code and a mid-stream error as a thrown Error', async () => {
    const client = new Ollama({ host: standIn.url });
    const err = await client.chat({ ...ask, model: 'llama3:70b' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ResponseError', status_code: 404, error: "model 'llama3:70b' not found" });
    standIn.mode = 'error-midstream';
    const stream = await client.chat({ ...ask, stream: true });
    await expect(async () => {
      for await (const part of stream) void part;
    }).rejects.toThrow('an error was encountered while running the model');
  });
});
