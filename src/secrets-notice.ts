import { join } from 'node:path';
import type { Config } from './config.js';

/**
 * Says which secrets this start generated and where they are stored, once, right away. Never their values:
 * start-up output ends up in terminals' scrollback, journald and CI logs; secrets.json (0600) is their only copy.
 */
export function printGeneratedSecrets(config: Config, write: (line: string) => void = console.log): void {
  for (const name of config.generatedSecrets) {
    write(`Generated ${name}, stored in ${join(config.DATA_DIR, 'secrets.json')} (readable by this user only)`);
  }
}
