import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SPAMASSASSIN = '/usr/bin/spamassassin';
/**
 * Debian's packaged rules. Named explicitly so a score never depends on whether `sa-update` ever ran on
 * the machine (it needs the network, and updated rules would change the scores between machines).
 */
const PACKAGED_RULES = '/usr/share/spamassassin';

/** How SpamAssassin scored one message: the total and each rule that hit. */
export interface SpamScore {
  score: number;
  /** Rule name → points; rules worth 0 are listed too. */
  rules: Record<string, number>;
  /** The X-Spam-Status header, unfolded, for failure messages. */
  status: string;
}

/** Throws a message that says how to install SpamAssassin when the binary is not there. */
export function requireSpamAssassin(): void {
  if (!existsSync(SPAMASSASSIN) || !existsSync(PACKAGED_RULES)) {
    throw new Error(
      `SpamAssassin is not installed (${SPAMASSASSIN} with its rules in ${PACKAGED_RULES}): ` +
        "install Debian's package with `sudo apt-get install spamassassin` (.ci/run does); no network or sa-update is needed",
    );
  }
}

function run(paths: string[]): Promise<string> {
  const args = [
    '--local', // no network tests: no DNS blocklists, Razor, Pyzor
    '--test-mode',
    '--nocreate-prefs',
    `--configpath=${PACKAGED_RULES}`,
    '--prefspath=/dev/null',
    // Nothing learnt or remembered between runs, so each score depends on its message only.
    '--cf=use_bayes 0',
    '--cf=bayes_auto_learn 0',
    '--cf=use_auto_welcomelist 0',
    ...paths,
  ];
  return new Promise((resolve, reject) => {
    execFile(SPAMASSASSIN, args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`spamassassin failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Reads the scores out of test-mode output: each message's X-Spam-Status and its points table. */
function parseOutput(output: string): SpamScore[] {
  const statuses = [...output.matchAll(/^X-Spam-Status: ([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gm)].map((m) => m[1]!.replace(/\r?\n[ \t]+/g, ' '));
  // The report of each message: " pts rule name              description" lines after "---- ----…".
  const reports = output.split(/^Content analysis details:/m).slice(1);
  return statuses.map((status, i) => {
    const score = /\bscore=(-?[\d.]+)/.exec(status);
    if (!score) throw new Error(`no score in X-Spam-Status: ${status}`);
    const rules: Record<string, number> = {};
    for (const m of (reports[i] ?? '').matchAll(/^\s*(-?\d+(?:\.\d+)?)\s+([A-Z][A-Z0-9_]+)\s/gm)) rules[m[2]!] = Number(m[1]);
    const tests = /\btests=(.*?)(?: autolearn=| version=|$)/.exec(status)?.[1] ?? 'none';
    for (const name of tests.split(/[\s,]+/).filter((t) => t && t !== 'none')) rules[name] ??= 0;
    return { score: Number(score[1]), rules, status };
  });
}

/** Scores raw messages with SpamAssassin's local rules (one run for all of them), in the order given. */
export async function spamScores(raws: readonly (string | Buffer)[]): Promise<SpamScore[]> {
  requireSpamAssassin();
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-spamassassin-'));
  try {
    const paths = raws.map((raw, i) => {
      const path = join(dir, `${String(i).padStart(3, '0')}.eml`);
      writeFileSync(path, raw);
      return path;
    });
    const scores = parseOutput(await run(paths));
    if (scores.length !== raws.length) throw new Error(`spamassassin scored ${scores.length} of ${raws.length} messages`);
    return scores;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
