import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

const ASSETS = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
} as const;

const read = (name: string) => readFileSync(new URL(`../../console/assets/${name}`, import.meta.url));

/** The console's own stylesheet and script, read once at start; nothing comes from a CDN. */
export const consoleAssets: FastifyPluginAsync = async (app) => {
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = read(name);
    app.get(`/assets/${name}`, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=300').send(body));
  }
};
