#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx labdigest` works without a build step and never runs a dist/
// older than the sources (the servers run compiled because they stay up; a command's memory for a few
// seconds matters less than its being current). Like bin/start.ts, this is where src/ and workers/ meet:
// `digest send --wait` runs the workers itself when no server does.
// The workers (MJML, BullMQ, Nodemailer) load only when a command starts them.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
const startWorkers = async (settings, logger) => {
  const workers = await tsImport('../workers/start.ts', import.meta.url);
  return workers.startWorkers(settings, logger);
};
process.exitCode = await main(process.argv.slice(2), { startWorkers });
