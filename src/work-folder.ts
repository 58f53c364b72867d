// The run's private folder for engine files and the encoded programme, in the system's temporary folder (TMPDIR).
// Its name carries the host and the pid, so that a later run can tell the folder of a run that was killed (and so
// could not remove it) and remove it.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OutputError } from './errors.js';
import { describeWriteFailure } from './publish/output-files.js';
import { isAlive } from './write-atomic.js';

// A pid means nothing on another machine sharing the folder (or in another container): only this host's are judged.
const HOST = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 6);
const WORK_FOLDER = /^briefcast-run-([0-9a-f]{6})-([0-9a-z]+)-[A-Za-z0-9]{6}$/;

/** Makes the run's work folder, after removing those of dead runs; a missing or unwritable TMPDIR is told as such. */
export async function makeWorkFolder(): Promise<string> {
  const tmp = os.tmpdir();
  await sweepWorkFolders(tmp);
  try {
    return await mkdtemp(path.join(tmp, `briefcast-run-${HOST}-${process.pid.toString(36)}-`));
  } catch (error) {
    const variable = ['TMPDIR', 'TMP', 'TEMP'].find((name) => process.env[name]);
    const named = variable ? ` (${variable})` : '';
    const other = `point ${variable ?? 'TMPDIR'} at a folder that can be written`;
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be written (${describeWriteFailure(error, tmp)})`;
    const fix = code === 'ENOENT' ? `Create it, or ${other}.` : `${other[0]!.toUpperCase()}${other.slice(1)}.`;
    throw new OutputError(`The temporary folder ${tmp}${named} ${problem}: briefcast keeps its work files there. ${fix}`, { cause: error });
  }
}

async function sweepWorkFolders(tmp: string): Promise<void> {
  const names = await readdir(tmp).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const [, host, pid] = WORK_FOLDER.exec(name) ?? [];
      if (host !== HOST || pid === undefined || isAlive(Number.parseInt(pid, 36))) return;
      await rm(path.join(tmp, name), { recursive: true, force: true }).catch(() => {});
    }),
  );
}
