// Whether the processes a run started are gone: a killed or failed run must not leave an engine or ffmpeg running.
import { expect } from 'vitest';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function expectAllGone(pids: readonly number[], what = 'engine processes'): void {
  expect(pids.filter(isRunning), `${what} still running`).toEqual([]);
}
