import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createProgressBar, progressText, type ProgressStream } from '../../src/cli/progress-bar.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A stream that keeps what is written; `isTTY` decides which kind of output the bar chooses. */
function captured(isTTY: boolean): { stream: ProgressStream; written: () => string } {
  const chunks: string[] = [];
  const stream = {
    isTTY,
    columns: 120,
    write(chunk: string | Uint8Array, ...rest: unknown[]) {
      chunks.push(String(chunk));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    },
  };
  return { stream: stream as unknown as ProgressStream, written: () => chunks.join('') };
}

describe('the CLI progress bar', () => {
  it('draws a 30-character bar with the counts and the detail', () => {
    expect(progressText(0, 4, 'sent')).toBe(`[${'-'.repeat(30)}] 0/4 sent`);
    expect(progressText(1, 4, 'sent')).toBe(`[${'#'.repeat(8)}${'-'.repeat(22)}] 1/4 sent`);
    expect(progressText(9, 4, 'sent')).toBe(`[${'#'.repeat(30)}] 9/4 sent`);
    expect(progressText(0, 0, 'nothing to send')).toBe(`[${'#'.repeat(30)}] 0/0 nothing to send`);
  });

  it('off a terminal, prints a line only when the text changes, without control sequences', () => {
    const { stream, written } = captured(false);
    const bar = createProgressBar(stream);
    bar.update(0, 4, 'sent (sending)');
    bar.update(0, 4, 'sent (sending)');
    bar.update(2, 4, 'sent (sending)');
    bar.update(2, 4, 'sent (sending)');
    bar.update(4, 4, 'sent (sent)');
    bar.end();
    expect(written()).toBe([progressText(0, 4, 'sent (sending)'), progressText(2, 4, 'sent (sending)'), progressText(4, 4, 'sent (sent)'), ''].join('\n'));
    expect(written()).not.toContain('\u001b');
    expect(written()).not.toContain('\r');
  });

  it('on a terminal, redraws one line in place and ends it with a newline', () => {
    const { stream, written } = captured(true);
    const bar = createProgressBar(stream);
    bar.update(0, 3, 'composed (composing)');
    bar.update(1, 3, 'composed (composing)');
    bar.update(3, 3, 'composed (sent)');
    bar.end();
    const out = written();
    // Drawn at the start of the line, the rest of the line cleared, and only one newline: the last.
    expect(out).toContain(`\u001b[1G${progressText(0, 3, 'composed (composing)')}\u001b[0K`);
    expect(out).toContain(`\u001b[1G${progressText(3, 3, 'composed (sent)')}\u001b[0K`);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.split('\n')).toHaveLength(2);
  });

  it('on a terminal, writes nothing when it was never updated', () => {
    const { stream, written } = captured(true);
    createProgressBar(stream).end();
    expect(written()).toBe('');
  });

  it('on a terminal, does not keep the process alive when end() never comes (a command that threw)', async () => {
    // A child process draws on a stand-in terminal and returns without end(): its redraw timer must not hold it.
    const script = [
      "import { createProgressBar } from './src/cli/progress-bar.ts';",
      'const stream = { isTTY: true, columns: 80, write: (_chunk, ...rest) => { rest.find((r) => typeof r === "function")?.(); return true; } };',
      "createProgressBar(stream).update(1, 3, 'composed (composing)');",
      "console.log('drawn');",
    ].join('\n');
    const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, timeout: 20_000 });
    expect(child.stdout).toBe('drawn\n');
  });
});
