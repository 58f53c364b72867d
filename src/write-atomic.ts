// Every file briefcast publishes appears whole or not at all: it is written to a temporary file beside its target
// (same folder, so the rename is atomic on one file system), then renamed over it. This is the one place that
// names those temporary files and the one place that sweeps the ones a killed run left behind.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// A fixed-length name that never repeats the target's: a temporary file must fit wherever the final name fits,
// and a target name may already be the 255 bytes a file system allows. After the pid, four hex digits name the
// machine (older names lack them): in a folder that workers on several machines share, a pid says nothing about
// another machine's processes, so each machine sweeps only its own leftovers.
const PARTIAL_NAME = /^\.briefcast-([0-9a-z]+)-([0-9a-f]{4})?[0-9a-f]{8}\.partial$/;

/** This machine's four hex digits in temporary names. */
const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 4);

/** A fresh temporary path in the folder of `target`; the machine and pid in it let a later run tell a dead run's leftovers. */
export function partialPathBeside(target: string): string {
  return path.join(path.dirname(target), `.briefcast-${process.pid.toString(36)}-${HOST_TAG}${randomBytes(4).toString('hex')}.partial`);
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

/** Removes the temporary files of this machine's runs that are no longer alive from `dir` (a run killed with -9 cannot clean up). */
export async function sweepPartials(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const [, pid, host] = PARTIAL_NAME.exec(name) ?? [];
      if (pid === undefined || (host !== undefined && host !== HOST_TAG) || isAlive(Number.parseInt(pid, 36))) return;
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
