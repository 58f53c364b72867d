// briefcast batch --watch: brief new and changed articles as they appear. A file is read only once it has
// stopped changing (same size and time for about a second), so an article still being copied or saved is
// never briefed half-written. File-system events make it prompt; a slow rescan catches what events miss
// (network drives, editors that replace files).
import { statSync, watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findArticles } from './find-articles.js';
import { hasGlobMagic, isDeepGlob, splitGlob } from './glob-pattern.js';
import { runBatch, type BatchOptions, type BatchReport } from './run-batch.js';

export const STABLE_MS = 1000;
const DEBOUNCE_MS = 300;
const RESCAN_MS = 2000;

export interface FileSnapshot {
  /** size and modification time, as one comparable string. */
  key: string;
  mtimeMs: number;
}

export interface Observation {
  key: string;
  /** When this key was first seen. */
  seenAt: number;
}

/**
 * A file is ready when it has not changed for `stableMs`: its modification time is that old, or it has shown the
 * same size and time since a look at least that long ago (which also covers a clock that runs ahead).
 */
export function isStable(previous: Observation | undefined, current: FileSnapshot, nowMs: number, stableMs = STABLE_MS): boolean {
  if (nowMs - current.mtimeMs >= stableMs) return true;
  return previous !== undefined && previous.key === current.key && nowMs - previous.seenAt >= stableMs;
}

export interface WatchOptions extends BatchOptions {
  signal: AbortSignal;
  /** After each batch run. */
  onReport(report: BatchReport): void;
  /** A run that failed as a whole (no engine, output folder unwritable); watching goes on. */
  onError(error: unknown): void;
  stableMs?: number;
  rescanMs?: number;
}

/** The folders to watch for the inputs, and whether each needs watching below its top level. */
export function watchTargets(inputs: readonly string[], cwd: string, isDirectory: (dir: string) => boolean): { dir: string; recursive: boolean }[] {
  const targets = new Map<string, boolean>();
  for (const input of inputs) {
    if (hasGlobMagic(input)) {
      const { base, rest } = splitGlob(input);
      const dir = path.resolve(cwd, base);
      targets.set(dir, (targets.get(dir) ?? false) || isDeepGlob(rest));
    } else {
      // A folder is watched itself; a file through its folder (editors replace files, which ends a watch on the file).
      const resolved = path.resolve(cwd, input);
      const dir = isDirectory(resolved) ? resolved : path.dirname(resolved);
      targets.set(dir, targets.get(dir) ?? false);
    }
  }
  return [...targets].map(([dir, recursive]) => ({ dir, recursive }));
}

/** Runs until options.signal aborts; then stops its watchers and timers and waits for a running batch to stop. */
export async function watchArticles(options: WatchOptions): Promise<void> {
  const { signal } = options;
  const cwd = options.cwd ?? process.cwd();
  const outDir = path.resolve(cwd, options.outDir);
  const stableMs = options.stableMs ?? STABLE_MS;
  const handled = new Map<string, string>();
  const observed = new Map<string, Observation>();
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const schedule = (delayMs: number) => {
    if (signal.aborted) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void scan();
    }, delayMs);
  };

  const scan = async (): Promise<void> => {
    if (signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      const found = await findArticles(options.inputs, { cwd, outDir });
      const nowMs = Date.now();
      const stable = new Map<string, string>();
      let changed = false;
      let waiting = false;
      for (const file of found.files) {
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile()) continue;
        const snapshot = { key: `${info.size}:${info.mtimeMs}`, mtimeMs: info.mtimeMs };
        const previous = observed.get(file);
        if (!isStable(previous, snapshot, nowMs, stableMs)) {
          if (previous?.key !== snapshot.key) observed.set(file, { key: snapshot.key, seenAt: nowMs });
          waiting = true;
          continue;
        }
        stable.set(file, snapshot.key);
        if (handled.get(file) !== snapshot.key) changed = true;
      }
      if (waiting) schedule(stableMs);
      if (!changed) return;
      try {
        // Unchanged stable files are in the run too (they cost a hash each) so that the digest covers them all.
        const report = await runBatch({ ...options, only: (file) => stable.has(file), allowMissing: true });
        for (const item of report.items) if (item.source && stable.has(item.source)) handled.set(item.source, stable.get(item.source)!);
        options.onReport(report);
      } catch (error) {
        if (signal.aborted) return;
        // Do not retry these files until they change again: the same error would repeat every rescan.
        for (const [file, key] of stable) handled.set(file, key);
        options.onError(error);
      }
    })();
    try {
      await running;
    } finally {
      running = undefined;
      if (again && !signal.aborted) {
        again = false;
        schedule(0);
      }
    }
  };

  const isDirectory = (dir: string) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
  for (const target of watchTargets(options.inputs, cwd, isDirectory)) {
    try {
      const watcher = watch(target.dir, { recursive: target.recursive, persistent: true }, () => schedule(DEBOUNCE_MS));
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // A folder that does not exist yet (or is a file): the rescan still finds what appears there.
    }
  }
  const rescan = setInterval(() => schedule(0), options.rescanMs ?? RESCAN_MS);

  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
    schedule(0);
  });
  clearInterval(rescan);
  if (timer) clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running?.catch(() => {});
}
