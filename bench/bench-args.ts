/** The digest benchmark's command line: `npm run bench -- --subscribers N --items M --llm-latency-ms L --json FILE`. */
import { parseArgs } from 'node:util';

/** What one benchmark run measures; every number is bounded so a typo cannot ask for hours of work. */
export interface BenchArgs {
  subscribers: number;
  items: number;
  llmLatencyMs: number;
  json: string | null;
}

/** Upper bounds: 200,000 readers, 500 items (the planner offers at most 40 per reader anyway), 60 s per model answer. */
export const BENCH_LIMITS = {
  subscribers: { min: 1, max: 200_000, default: 10_000 },
  items: { min: 1, max: 500, default: 40 },
  llmLatencyMs: { min: 0, max: 60_000, default: 200 },
} as const;

/** A command line the benchmark cannot run, with a message that names the flag. */
export class BenchArgsError extends Error {
  override name = 'BenchArgsError';
}

function bounded(flag: string, raw: string | undefined, limits: { min: number; max: number; default: number }): number {
  if (raw === undefined) return limits.default;
  // Plain digits only (an optional `_` or `,` as thousands separator): `1e5` or `10k` are rejected rather than guessed.
  const cleaned = raw.trim().replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned)) throw new BenchArgsError(`--${flag} must be a whole number, not "${raw}"`);
  const value = Number(cleaned);
  if (value < limits.min || value > limits.max) throw new BenchArgsError(`--${flag} must be between ${limits.min} and ${limits.max}, not ${value}`);
  return value;
}

/** Parses and bounds the flags; throws BenchArgsError naming the bad flag. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        subscribers: { type: 'string' },
        items: { type: 'string' },
        'llm-latency-ms': { type: 'string' },
        json: { type: 'string' },
      },
    }));
  } catch (err) {
    throw new BenchArgsError((err as Error).message);
  }
  const json = values.json as string | undefined;
  if (json !== undefined && json.trim() === '') throw new BenchArgsError('--json needs a file name');
  return {
    subscribers: bounded('subscribers', values.subscribers as string | undefined, BENCH_LIMITS.subscribers),
    items: bounded('items', values.items as string | undefined, BENCH_LIMITS.items),
    llmLatencyMs: bounded('llm-latency-ms', values['llm-latency-ms'] as string | undefined, BENCH_LIMITS.llmLatencyMs),
    json: json ?? null,
  };
}
