import type { Config } from './config.js';

/** Prints the secrets this start generated, once, right away (so a start that fails later still shows them). */
export function printGeneratedSecrets(config: Config, write: (line: string) => void = console.log): void {
  for (const name of config.generatedSecrets) {
    write(`Generated ${name}=${config[name]} (stored in ${config.DATA_DIR}/secrets.json)`);
  }
}
