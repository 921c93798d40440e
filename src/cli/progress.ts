// A progress bar on stderr for long CLI runs: redrawn in place on a terminal, plain lines (every 10 % or 5 s)
// when stderr is a file or a pipe, so logs stay readable.

export interface Progress {
  update(done: number): void;
  /** Ends the bar's line. */
  finish(): void;
}

export interface ProgressStream {
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  write(text: string): unknown;
}

export function createProgress(
  total: number,
  unit: string,
  stream: ProgressStream = process.stderr,
  now: () => number = Date.now,
): Progress {
  const started = now();
  let lastPrinted = -1;
  let lastPrintedAt = 0;
  let lastLine = '';
  // A resumed run starts part-way: its rate counts only what it did itself.
  let baseline: number | undefined;
  const rate = (done: number) => {
    baseline ??= done;
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? ` ${((done - baseline) / seconds).toFixed(1)} ${unit}/s` : '';
  };
  return {
    update(done) {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (stream.isTTY) {
        const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
        const filled = Math.round((percent / 100) * width);
        lastLine = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${percent}%${rate(done)}`;
        stream.write(`\r${lastLine}\x1b[K`);
        return;
      }
      const step = Math.floor(percent / 10);
      if (step === lastPrinted && now() - lastPrintedAt < 5_000 && done !== total) return;
      lastPrinted = step;
      lastPrintedAt = now();
      stream.write(`${done}/${total} ${unit} (${percent}%)${rate(done)}\n`);
    },
    finish() {
      if (stream.isTTY && lastLine) stream.write('\n');
    },
  };
}
