/** A one-line progress bar on stderr: redrawn in place on a terminal, printed on change otherwise. */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  let last = '';
  return {
    update(done: number, total: number, detail: string) {
      const width = 30;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${detail}`;
      if (line === last) return;
      last = line;
      if (stream.isTTY) stream.write(`\r${line}\x1b[K`);
      else stream.write(`${line}\n`);
    },
    end() {
      if (stream.isTTY && last) stream.write('\n');
    },
  };
}
