import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { packagePath } from '../../package-root.js';

const ASSETS = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
} as const;

// Read from src/ also when the compiled code runs: tsc copies no CSS or JavaScript assets into dist/.
const read = (name: string) => readFileSync(packagePath('src/console/assets', name));

/** The console's own stylesheet and script, read once at start; nothing comes from a CDN. */
export const consoleAssets: FastifyPluginAsync = async (app) => {
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = read(name);
    app.get(`/assets/${name}`, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=300').send(body));
  }
};
