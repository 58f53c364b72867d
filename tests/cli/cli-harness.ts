// Runs the built CLI (dist/cli.js) as a user would, in a sandbox of its own: a private TMPDIR and cache, so that a
// test can tell that a failed or interrupted run left nothing behind (no target, no .partial, no briefcast-* folder).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { isPartialName } from '../../src/write-atomic.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');
export const SAMPLE = path.join(ROOT, 'examples/xi-putin-beijing-summit.txt');
/** The sample's chapters, in order: its title's, then one per headed section. */
export const SAMPLE_CHAPTERS = [
  'Xi and Putin Strengthen Strategic Ties in Beijing Meeting',
  'A Show of Power and Symbolism',
  'Strategic and Economic Cooperation',
  'Geopolitical Implications and Western Response',
];
/** A stand-in `flite` (tests/fixtures/path-engines/flite) that the CLI finds first on PATH. */
export const FAKE_ENGINES = path.join(ROOT, 'tests/fixtures/path-engines');

export interface CliResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
}

export interface Sandbox {
  dir: string;
  /** TMPDIR of the runs: must hold no briefcast-* folder after any run. */
  tmp: string;
  /** XDG_CACHE_HOME of the runs. */
  cache: string;
  env: NodeJS.ProcessEnv;
  path(...parts: string[]): string;
  /** A sandbox of its own inside this one, for a test that runs alongside others ("nothing left" is per run). */
  child(name: string): Promise<Sandbox>;
  remove(): Promise<void>;
}

/** A fresh folder for one test file's runs; `name` may hold the characters file names must survive. */
export async function createSandbox(name = 'briefcast-test-'): Promise<Sandbox> {
  return sandboxIn(await mkdtemp(path.join(os.tmpdir(), name)));
}

async function sandboxIn(dir: string): Promise<Sandbox> {
  const tmp = path.join(dir, 'tmp');
  const cache = path.join(dir, 'cache');
  await mkdir(tmp, { recursive: true });
  await mkdir(cache, { recursive: true });
  // CI=true would not change the product; it is dropped so the child's behaviour does not depend on it.
  const { CI: _ci, FFMPEG_PATH: _ffmpeg, ...inherited } = process.env;
  return {
    dir,
    tmp,
    cache,
    env: { ...inherited, TMPDIR: tmp, XDG_CACHE_HOME: cache, NO_COLOR: '1' },
    path: (...parts) => path.join(dir, ...parts),
    child: (name) => sandboxIn(path.join(dir, name)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string | Buffer;
  timeoutMs?: number;
}

/** Starts the CLI; the caller waits with `finished`. */
export function startCli(args: readonly string[], sandbox: Sandbox, options: RunOptions = {}): { child: ChildProcess; finished: Promise<CliResult> } {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? sandbox.dir,
    env: { ...sandbox.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin!.on('error', () => {});
  child.stdin!.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const finished = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return { child, finished };
}

export function runCli(args: readonly string[], sandbox: Sandbox, options: RunOptions = {}): Promise<CliResult> {
  return startCli(args, sandbox, options).finished;
}

/** The one line a failed run prints: `briefcast: …`, no stack trace, nothing on stdout. */
export function expectOneLineError(result: CliResult, exitCode: number, message: RegExp | string): void {
  expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode, stdout: '' });
  const lines = result.stderr.split('\n');
  expect(lines.at(-1), 'stderr ends with a newline').toBe('');
  expect(lines.slice(0, -1), `one line on stderr, got:\n${result.stderr}`).toHaveLength(1);
  const line = lines[0]!;
  expect(line.startsWith('briefcast: ')).toBe(true);
  expect(line).not.toMatch(/^\s+at |Error:|node:internal|\(file:\/\/|\.js:\d+:\d+/);
  if (typeof message === 'string') expect(line).toBe(`briefcast: ${message}`);
  else expect(line).toMatch(message);
}

/** Nothing of a failed run is left: no target, no temporary file beside it, no work folder in TMPDIR. */
export async function expectNothingLeft(sandbox: Sandbox, target?: string): Promise<void> {
  if (target !== undefined) expect(existsSync(target), `${target} must not exist`).toBe(false);
  await expectNoTemporaries(sandbox, target === undefined ? undefined : path.dirname(target));
}

/** No .partial file in `folder` (where the MP3 goes) and no briefcast-* work folder in the run's TMPDIR. */
export async function expectNoTemporaries(sandbox: Sandbox, folder?: string): Promise<void> {
  if (folder !== undefined) {
    const beside = await readdir(folder).catch(() => [] as string[]);
    expect(beside.filter((name) => name.endsWith('.partial'))).toEqual([]);
  }
  expect((await readdir(sandbox.tmp)).filter((name) => name.startsWith('briefcast-'))).toEqual([]);
}

/** Every temporary file under a folder (a half-written cache entry). */
export async function findTmpFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((name) => name.endsWith('.tmp') || isPartialName(path.basename(name)));
}

/** PATH with the fake engines first, so `--engine flite` runs tests/fixtures/path-engines/flite. */
export function pathWithFakeEngines(): string {
  return [FAKE_ENGINES, process.env.PATH ?? ''].join(path.delimiter);
}
