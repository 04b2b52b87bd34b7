/** A status line on stderr: redrawn in place on a terminal, printed now and then when redirected. */
export interface ProgressLine {
  /** `render` is only called when a line is actually drawn. */
  update(render: () => string): void;
  /** Draws the final state and moves to a new line. */
  finish(text: string): void;
  /** Erases a half-drawn line (before an error message). */
  clear(): void;
}

export interface ProgressLineOptions {
  isTTY: boolean;
  now?: () => number;
  /** Terminal redraws at most this often (ms): ~10 per second is smooth and costs nothing. */
  redrawMs?: number;
  /** Plain lines (logs, CI) this often (ms). */
  plainIntervalMs?: number;
}

export function createProgressLine(
  stream: { write(text: string): unknown },
  options: ProgressLineOptions,
): ProgressLine {
  const now = options.now ?? (() => performance.now());
  const interval = options.isTTY ? (options.redrawMs ?? 100) : (options.plainIntervalMs ?? 2000);
  let lastDraw = now();
  let isDrawn = false;
  const draw = (text: string) => {
    if (options.isTTY) {
      stream.write(`\r${text}\x1b[K`);
      isDrawn = true;
    } else stream.write(`${text}\n`);
  };
  return {
    update(render) {
      const current = now();
      if (current - lastDraw < interval) return;
      lastDraw = current;
      draw(render());
    },
    finish(text) {
      draw(text);
      if (options.isTTY) stream.write('\n');
      isDrawn = false;
    },
    clear() {
      if (isDrawn) stream.write('\r\x1b[K');
      isDrawn = false;
    },
  };
}
