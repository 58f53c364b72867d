// --timings: wall and CPU time per pipeline stage, printed on stderr after the run. CPU includes the engines
// and ffmpeg (children the process has waited for) where the system reports it (/proc on Linux).
import { readFileSync } from 'node:fs';
import type { ProgressReporter, Stage } from '../progress.js';

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds used so far by this process and its finished children. */
export function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  if (process.platform === 'linux') {
    try {
      // Fields after the command name: cutime and cstime are the 14th and 15th (0-based, after "pid (comm)").
      const stat = readFileSync('/proc/self/stat', 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      children = (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      children = 0;
    }
  }
  return (own.user + own.system) / 1e6 + children;
}

interface StageTime {
  stage: Stage;
  wallMs: number;
  cpuSeconds: number;
}

export function withTimings(inner: ProgressReporter): ProgressReporter & { report(): string } {
  const times: StageTime[] = [];
  let current: { stage: Stage; startedAt: number; cpuAtStart: number } | undefined;
  const close = () => {
    if (!current) return;
    times.push({ stage: current.stage, wallMs: performance.now() - current.startedAt, cpuSeconds: cpuSeconds() - current.cpuAtStart });
    current = undefined;
  };
  return {
    stage(stage) {
      close();
      current = { stage, startedAt: performance.now(), cpuAtStart: cpuSeconds() };
      inner.stage(stage);
    },
    segments: (done, total) => inner.segments(done, total),
    warn: (message) => inner.warn(message),
    report() {
      close();
      const rows = times.map((t) => `  ${t.stage.padEnd(11)} ${(t.wallMs / 1000).toFixed(2).padStart(8)} s wall ${t.cpuSeconds.toFixed(2).padStart(8)} s CPU`);
      const wall = times.reduce((sum, t) => sum + t.wallMs, 0) / 1000;
      const cpu = times.reduce((sum, t) => sum + t.cpuSeconds, 0);
      return [
        `timings (synthesize includes the streaming encode; CPU includes engines and ffmpeg):`,
        ...rows,
        `  ${'total'.padEnd(11)} ${wall.toFixed(2).padStart(8)} s wall ${cpu.toFixed(2).padStart(8)} s CPU`,
      ].join('\n');
    },
  };
}
