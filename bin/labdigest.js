#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx labdigest` works without a build step. Like bin/start.ts,
// this is where src/ and workers/ meet: `digest send --wait` runs the workers itself when no server does.
import { tsImport } from 'tsx/esm/api';

const [{ main }, { startWorkers }] = await Promise.all([tsImport('../src/cli/main.ts', import.meta.url), tsImport('../workers/start.ts', import.meta.url)]);
process.exitCode = await main(process.argv.slice(2), { startWorkers });
