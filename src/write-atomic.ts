// Every file briefcast publishes appears whole or not at all: it is written to a temporary file beside its target
// (same folder, so the rename is atomic on one file system), then renamed over it. This is the one place that
// names those temporary files and the one place that sweeps the ones a killed run left behind.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

// A fixed-length name that never repeats the target's: a temporary file must fit wherever the final name fits,
// and a target name may already be the 255 bytes a file system allows.
const PARTIAL_NAME = /^\.briefcast-([0-9a-z]+)-[0-9a-f]{8}\.partial$/;

/** A fresh temporary path in the folder of `target`; the pid in it lets a later run tell a dead run's leftovers. */
export function partialPathBeside(target: string): string {
  return path.join(path.dirname(target), `.briefcast-${process.pid.toString(36)}-${randomBytes(4).toString('hex')}.partial`);
}

/** True for a name partialPathBeside makes. */
export function isPartialName(name: string): boolean {
  return PARTIAL_NAME.test(name);
}

/** Writes `content` to `file` atomically, creating its folder; on failure nothing is left but the previous file. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = partialPathBeside(file);
  try {
    await writeFile(partial, content, { flag: 'wx' });
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw error;
  }
}

/** Removes the temporary files of runs that are no longer alive from `dir` (a run killed with -9 cannot clean up). */
export async function sweepPartials(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = PARTIAL_NAME.exec(name)?.[1];
      if (pid === undefined || isAlive(Number.parseInt(pid, 36))) return;
      await rm(path.join(dir, name), { force: true }).catch(() => {});
    }),
  );
}

/** True while process `pid` runs on this machine (for telling a dead run's leftovers). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
