// A one-line progress bar on stderr, drawn only when stderr is a terminal; stdout stays for results.
import type { ProgressReporter, Stage } from '../progress.js';
import { formatWarning } from './messages.js';

const WIDTH = 28;

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function renderBar(done: number, total: number, elapsedMs: number): string {
  const fraction = total ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * WIDTH);
  const eta = done ? ((elapsedMs / done) * (total - done)) / 1000 : NaN;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} segments  ETA ${formatEta(eta)}`;
}

export function createTerminalReporter(stream: NodeJS.WriteStream, options: { quiet: boolean }): ProgressReporter & { finish(): void } {
  const drawing = stream.isTTY && !options.quiet;
  let started = 0;
  let stage: Stage = 'read';
  let line = '';
  const draw = (text: string) => {
    if (!drawing) return;
    line = text;
    stream.write(`\r\x1b[2K${text}`);
  };
  return {
    stage(next) {
      stage = next;
      if (next !== 'synthesize') draw(`${next}…`);
    },
    segments(done, total) {
      if (done === 0) started = Date.now();
      if (stage === 'synthesize') draw(renderBar(done, total, Date.now() - started));
    },
    warn(message) {
      if (line) stream.write('\r\x1b[2K');
      stream.write(formatWarning(message));
      if (line) stream.write(line);
    },
    finish() {
      if (drawing && line) stream.write('\r\x1b[2K');
      line = '';
    },
  };
}
