import { ConfigError } from '../config.js';
import { DomainError } from '../errors.js';
import { RedisUnreachableError } from '../redis.js';
import type { CliRuntime } from './command.js';
import { COMMANDS } from './commands.js';

const USAGE = `Usage: labdigest <command>

Commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`).join('\n')}

Settings come from the same environment variables as the server (see README).`;

/** Runs one CLI command and returns the exit code. */
export async function main(argv: string[], runtime: CliRuntime): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.matches(argv));
  if (!command) {
    console.error(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(argv.slice(command.words), runtime);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof RedisUnreachableError || err instanceof DomainError) {
      console.error(`Error: ${err.message}`);
    } else {
      console.error(err);
    }
    return 1;
  }
}
