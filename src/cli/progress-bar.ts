import { SingleBar } from 'cli-progress';

const WIDTH = 30;

/** What a progress bar writes to: stderr in the CLI, a stand-in in tests. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** The bar's text, the same on a terminal and in a log: "[#########---------------------] 3/10 detail". */
export function progressText(done: number, total: number, detail: string): string {
  const filled = Math.round((total > 0 ? Math.min(1, done / total) : 1) * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${detail}`;
}

/** cli-progress redraws from a timer; unreferenced, the timer cannot keep the CLI alive if end() never comes. */
class TerminalBar extends SingleBar {
  override render(): void {
    super.render();
    // cli-progress (3.12) has no public way to unref its redraw timer; should a release rename the field,
    // this does nothing instead of throwing.
    const timer: unknown = Reflect.get(this, 'timer');
    if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') timer.unref();
  }
}

/**
 * A one-line progress bar: on a terminal cli-progress redraws it in place; anywhere else (CI, a pipe, a log)
 * it prints a line only when the text changes, with no control sequences.
 */
export function createProgressBar(stream: ProgressStream = process.stderr) {
  if (!stream.isTTY) {
    let last = '';
    return {
      update(done: number, total: number, detail: string) {
        const text = progressText(done, total, detail);
        if (text !== last) stream.write(`${text}\n`);
        last = text;
      },
      end() {},
    };
  }
  const bar = new TerminalBar({
    stream,
    format: (_options, params, payload: { detail: string }) => progressText(params.value, params.total, payload.detail),
    // Leave the terminal's line wrapping and cursor alone, so an interrupted command leaves nothing to restore.
    linewrap: true,
    hideCursor: false,
  });
  let started = false;
  return {
    update(done: number, total: number, detail: string) {
      if (!started) {
        bar.start(total, done, { detail });
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done, { detail });
    },
    end() {
      if (started) bar.stop();
    },
  };
}
