// One writer per output folder: a batch holds <dir>/.briefcast/lock while it works, so that two runs into one
// folder cannot each rewrite the state and the feed from their own half. The lock file names its holder (host and
// pid); a run that was killed leaves its lock behind, and the next run takes it over as soon as that pid is gone.
// proper-lockfile was considered and not used: it tells a stale lock only by an mtime the holder must keep
// refreshing, so a killed run's lock blocks the folder for a while, and a long synchronous step (parsing a large
// page) can let a live lock go stale.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FolderBusyError, OutputError } from '../errors.js';
import { explainFullDisk } from '../publish/output-files.js';
import { isAlive, sweepPartials } from '../write-atomic.js';

/** How long a second run waits for the folder before it reports it busy. */
const FOLDER_WAIT_MS = 5_000;
const POLL_MS = 200;
/** A lock file still empty or garbled after this long was left by a run killed while it wrote it. */
const UNREADABLE_STALE_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

interface LockOptions {
  signal?: AbortSignal;
  waitMs?: number;
}

/**
 * Runs `work` while holding `outDir`'s lock (creating the folder), and releases it however `work` ends. A failure
 * to write the folder's own files (state, feed, page) because its disk is full is reported as that.
 */
export async function withFolderLock<T>(outDir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  try {
    const release = await lockFolder(outDir, options);
    try {
      return await work();
    } finally {
      await release();
    }
  } catch (error) {
    throw await explainFullDisk(error, { outputDir: outDir });
  }
}

/**
 * Takes `outDir`'s lock, waiting up to `waitMs` for another run to finish, else throws a FolderBusyError. Returns
 * the release. Once the folder is its own, the run sweeps the temporary files killed runs left there.
 */
export async function lockFolder(outDir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const stateDir = path.join(outDir, '.briefcast');
  try {
    await mkdir(stateDir, { recursive: true });
  } catch (error) {
    throw new OutputError(
      `Cannot create the output folder ${outDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Choose another with -o <dir>.`,
      { cause: error },
    );
  }
  const lock = path.join(stateDir, 'lock');
  const mine: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const content = `${JSON.stringify(mine)}\n`;
  const deadline = Date.now() + (options.waitMs ?? FOLDER_WAIT_MS);
  while (!(await tryCreate(lock, content))) {
    const held = await readHolder(lock);
    // Released between the two steps: try again at once.
    if (!held) continue;
    if (held.stale) {
      await breakStaleLock(lock, held.raw);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = held.holder
        ? `pid ${held.holder.pid}${held.holder.host === mine.host ? '' : ` on ${held.holder.host}`}, since ${held.holder.since}`
        : 'starting';
      throw new FolderBusyError(
        `${outDir} is busy: another briefcast run (${who}) is writing to it. Run again when it is done (if no briefcast run is working there, remove ${lock}).`,
      );
    }
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
  await sweepPartials(outDir);
  await sweepPartials(stateDir);
  return async () => {
    // Only our own lock: never one a later run took over.
    if ((await readFile(lock, 'utf8').catch(() => undefined)) === content) await rm(lock, { force: true });
  };
}

/** Creates `file` with `content` unless it exists (O_EXCL): true when it was created. */
async function tryCreate(file: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OutputError(
      `Cannot write to ${path.dirname(file)} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Choose another folder with -o <dir>.`,
      { cause: error },
    );
  }
  try {
    await handle.writeFile(content);
  } catch (error) {
    // A lock without its holder in it would hold the folder until it counts as stale.
    await handle.close();
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return true;
}

/** Who holds the lock, and whether that holder is gone; undefined when there is no lock any more. */
async function readHolder(lock: string): Promise<{ raw: string; holder?: Holder; stale: boolean } | undefined> {
  const raw = await readFile(lock, 'utf8').catch(() => undefined);
  if (raw === undefined) return undefined;
  let holder: Holder | undefined;
  try {
    holder = JSON.parse(raw) as Holder;
  } catch {
    holder = undefined;
  }
  if (!holder || !Number.isInteger(holder.pid)) {
    const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
    return { raw, stale: age > UNREADABLE_STALE_MS };
  }
  // A pid on another machine sharing the folder cannot be checked: that lock holds until it is released.
  return { raw, holder, stale: holder.host === os.hostname() && !isAlive(holder.pid) };
}

/**
 * Removes a dead run's lock. Runs that find it at once take turns through a second lock, and each removes the
 * lock only if it still holds the dead run's very content, never a lock another run has just taken.
 */
async function breakStaleLock(lock: string, stale: string): Promise<void> {
  const breaker = `${lock}.break`;
  if (!(await tryCreate(breaker, `${process.pid}\n`))) {
    const pid = Number.parseInt(await readFile(breaker, 'utf8').catch(() => ''), 10);
    const age = Date.now() - ((await stat(breaker).catch(() => undefined))?.mtimeMs ?? Date.now());
    // Held only for a few milliseconds: one left behind belongs to a run killed in between.
    if ((Number.isInteger(pid) && !isAlive(pid)) || age > UNREADABLE_STALE_MS) await rm(breaker, { force: true });
    else await sleep(10);
    return;
  }
  try {
    if ((await readFile(lock, 'utf8').catch(() => undefined)) === stale) await rm(lock, { force: true });
  } finally {
    await rm(breaker, { force: true });
  }
}
