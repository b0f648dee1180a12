import type { StartWorkers } from '../server.js';

/** What the process entry (bin/labdigest.js) hands the commands: the parts that live above src/. */
export interface CliRuntime {
  startWorkers: StartWorkers;
}

/** One CLI command: the words that name it, a usage line, and what it does. */
export interface CliCommand {
  usage: string;
  summary: string;
  /** How many leading words name the command (e.g. 2 for `digest send`). */
  words: number;
  matches(argv: string[]): boolean;
  run(args: string[], runtime: CliRuntime): Promise<number>;
}

/** Matches a command by its leading words. */
export function named(...words: string[]) {
  return {
    words: words.length,
    matches: (argv: string[]) => words.every((w, i) => argv[i] === w),
  };
}
