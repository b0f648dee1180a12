/**
 * The benchmark's model, run as its own process (`node --import tsx bench/bench-ollama.ts <latency-ms>`):
 * the tests' Ollama stand-in (valid tailoring JSON derived from the prompt, /api/chat and /api/tags as
 * Ollama answers them) behind a loopback proxy that holds each model call (/api/chat, /api/generate) for
 * the given latency, as a real model would take time. GET /bench/calls answers how many chat calls the
 * stand-in itself received. Tells its parent the URL over IPC.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOllamaStandIn } from '../tests/helpers/ollama-stand-in.js';

/** What the model stand-in tells its parent once it listens. */
export interface OllamaReady {
  url: string;
}

const latencyMs = Number(process.argv[2] ?? 0);
const standIn = await startOllamaStandIn();
const upstream = new URL(standIn.url);
const MODEL_CALLS = new Set(['/api/chat', '/api/generate']);

const proxy = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://bench').pathname;
  if (req.method === 'GET' && path === '/bench/calls') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ chat: standIn.calls('/api/chat').length, generate: standIn.calls('/api/generate').length }));
    return;
  }
  const forward = () => {
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  };
  // The request body is read while the "model" thinks; the answer leaves after the latency.
  if (latencyMs > 0 && MODEL_CALLS.has(path)) {
    req.pause();
    setTimeout(() => {
      req.resume();
      forward();
    }, latencyMs);
  } else forward();
});

await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const ready: OllamaReady = { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
process.send?.(ready);
process.on('disconnect', () => process.exit(0));
