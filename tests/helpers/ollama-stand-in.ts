import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerText, type StandInMode, type StandInOrder } from './ollama-stand-in-answers.js';

export type { StandInMode, StandInOrder } from './ollama-stand-in-answers.js';

/** One request the stand-in received, body parsed when it was JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: whatever JSON the client sent; tests read into it as they need.
  body: any;
}

/** A local HTTP server speaking the documented Ollama API, with switchable misbehaviours. */
export interface OllamaStandIn {
  /** Base URL for OLLAMA_HOST, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  mode: StandInMode;
  /** Order of the ids in 'good' answers: as offered in the prompt, or reversed. */
  order: StandInOrder;
  /** Local models, as /api/tags lists them. */
  models: string[];
  readonly requests: RecordedRequest[];
  /** Requests to one path, e.g. calls('/api/chat'). */
  calls(path: string): RecordedRequest[];
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const NDJSON_TYPE = 'application/x-ndjson';
const RUNTIME_ERROR = 'an error was encountered while running the model';

const fullName = (name: string) => (name.includes(':') ? name : `${name}:latest`);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The final-frame metrics, derived from the request so they are deterministic. */
function metrics(promptWords: number, chunks: number) {
  const load = 1_000_000;
  const promptEval = promptWords * 100_000;
  const evalDuration = chunks * 2_000_000;
  return {
    total_duration: load + promptEval + evalDuration + 500_000,
    load_duration: load,
    prompt_eval_count: promptWords,
    prompt_eval_duration: promptEval,
    eval_count: chunks,
    eval_duration: evalDuration,
  };
}

/** Starts the stand-in on 127.0.0.1 at a free port. */
export async function startOllamaStandIn(options: { mode?: StandInMode; models?: string[]; version?: string } = {}): Promise<OllamaStandIn> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const version = options.version ?? '0.33.0';
  const state = { mode: options.mode ?? 'good', order: 'as-offered' as StandInOrder, models: options.models ?? ['llama3:latest'] };

  // biome-ignore lint/suspicious/noExplicitAny: an untyped request body, read field by field with checks.
  const generateOrChat = (kind: 'chat' | 'generate', body: any, res: ServerResponse): void => {
    const model = typeof body.model === 'string' ? body.model : '';
    if (!model) {
      sendJson(res, 400, { error: 'model is required' });
      return;
    }
    const known = state.models.some((m) => fullName(m) === fullName(model));
    if (state.mode === 'error-404' || !known) {
      sendJson(res, 404, { error: `model '${model}' not found` });
      return;
    }
    if (state.mode === 'hang') return; // never answers; close() drops the connection
    const streaming = body.stream !== false;
    if (state.mode === 'error-500' || (state.mode === 'error-midstream' && !streaming)) {
      sendJson(res, 500, { error: state.mode === 'error-500' ? 'the model failed to generate a response' : RUNTIME_ERROR });
      return;
    }
    const prompt =
      kind === 'chat'
        ? (Array.isArray(body.messages) ? body.messages : []).map((m: { content?: unknown } | null) => String(m?.content ?? '')).join('\n')
        : `${body.system ?? ''}\n${body.prompt ?? ''}`;
    const content = answerText(state.mode, prompt, state.order);
    const pieces = content.match(/\S+\s*|\s+/g) ?? [];
    const promptWords = (prompt.match(/\S+/g) ?? []).length;
    const frame = (text: string, done: boolean) => ({
      model,
      created_at: new Date().toISOString(),
      ...(kind === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text }),
      done,
    });
    const final = (text: string) => ({
      ...frame(text, true),
      done_reason: 'stop',
      ...(kind === 'generate' ? { context: [1, 2, 3] } : {}),
      ...metrics(promptWords, pieces.length),
    });
    if (!streaming) {
      sendJson(res, 200, final(content));
      return;
    }
    res.writeHead(200, { 'Content-Type': NDJSON_TYPE });
    if (state.mode === 'error-midstream') {
      for (const piece of pieces.slice(0, 2)) res.write(`${JSON.stringify(frame(piece, false))}\n`);
      res.end(`${JSON.stringify({ error: RUNTIME_ERROR })}\n`);
      return;
    }
    for (const piece of pieces) res.write(`${JSON.stringify(frame(piece, false))}\n`);
    res.end(`${JSON.stringify(final(''))}\n`);
  };

  const tags = () => ({
    models: state.models.map((name, i) => ({
      name,
      model: name,
      modified_at: '2026-08-01T10:00:00.000000000Z',
      size: 4_661_224_676 + i,
      digest: `${i.toString(16)}365c0bd3c000a25d28ddbf732fe1c6add414de7275464c4e4d1c3b5fcb5d8ad1`.slice(0, 64),
      details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '8.0B', quantization_level: 'Q4_0' },
    })),
  });

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const raw = await readBody(req);
    // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape, or the raw text.
    let body: any = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // kept as text; the POST routes answer 400 below
    }
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });

    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method === 'GET' && path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Ollama is running');
      return;
    }
    if (method === 'GET' && path === '/api/version') {
      sendJson(res, 200, { version });
      return;
    }
    if (method === 'GET' && path === '/api/tags') return sendJson(res, 200, tags());
    if (method === 'POST' && (path === '/api/chat' || path === '/api/generate')) {
      if (!raw) {
        sendJson(res, 400, { error: 'missing request body' });
        return;
      }
      if (typeof body !== 'object' || body === null) return sendJson(res, 400, { error: 'invalid character looking for beginning of value' });
      generateOrChat(path === '/api/chat' ? 'chat' : 'generate', body, res);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('404 page not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: StandInMode) {
      state.mode = mode;
    },
    get order() {
      return state.order;
    },
    set order(order: StandInOrder) {
      state.order = order;
    },
    get models() {
      return state.models;
    },
    set models(models: string[]) {
      state.models = models;
    },
    requests,
    calls: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
