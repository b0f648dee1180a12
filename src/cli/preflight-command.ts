import { parseSettings } from '../config.js';
import { en } from '../i18n/registry.js';
import { preflightRows, preflightSummary } from '../preflight/preflight-text.js';
import { runPreflight } from '../preflight/run-preflight.js';
import { named, type CliCommand } from './command.js';

/** `labdigest preflight`: the sending setup against the bulk-sender rules; exit 0 when nothing fails, 1 otherwise. */
export const preflightCommand: CliCommand = {
  usage: 'preflight',
  summary: 'check the sending setup (DKIM, SPF, DMARC, unsubscribe, bounces, TLS)',
  ...named('preflight'),
  async run() {
    // Only the settings: no database, no Redis and no secrets are needed to look at the sending setup.
    const report = await runPreflight(parseSettings());
    const strings = en.console.preflight;
    const rows = preflightRows(strings, report);
    const width = Math.max(...rows.map((r) => r.check.length));
    console.log(strings.title);
    for (const row of rows) {
      console.log(`\n${row.result.toUpperCase().padEnd(15)} ${row.check.padEnd(width)}  ${row.found}`);
      if (row.fix) console.log(`${' '.repeat(15 + width + 3)}→ ${row.fix}`);
    }
    console.log(`\n${preflightSummary(strings, report)}`);
    return report.counts.fail === 0 ? 0 : 1;
  },
};
