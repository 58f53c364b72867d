// Ctrl-C and SIGTERM in the middle of a briefing, through the real CLI: exit 130 / 143 promptly, one line on
// stderr, every engine and ffmpeg process stopped, no file at the target, no .partial beside it, no work folder,
// and no half-written (.tmp) entry in the clip cache.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { SAMPLE, createSandbox, expectNothingLeft, expectOneLineError, findTmpFiles, pathWithFakeEngines, startCli, type Sandbox } from '../cli/cli-harness.js';

let box: Sandbox;
beforeAll(async () => {
  box = await createSandbox();
});
afterAll(async () => {
  await box?.remove();
});

/** Every live descendant of a process, from `ps` (Linux and macOS). */
function descendantsOf(root: number): Map<number, string> {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), name: match[3]!.trim() }));
  const found = new Map<number, string>();
  let frontier = [root];
  while (frontier.length) {
    const next = table.filter((row) => frontier.includes(row.ppid) && !found.has(row.pid));
    for (const row of next) found.set(row.pid, row.name);
    frontier = next.map((row) => row.pid);
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const readText = (file: string) => readFile(file, 'utf8').catch(() => '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `ready()` holds (polling), collecting the CLI's descendants meanwhile. */
async function waitUntil(ready: () => Promise<boolean>, pid: number, seen: Map<number, string>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    for (const [child, name] of descendantsOf(pid)) seen.set(child, name);
    if (await ready()) return;
    await sleep(50);
  }
  throw new Error(`not ready after ${limitMs} ms; processes seen: ${[...seen.values()].join(', ')}`);
}

/** True once article segments are being synthesized (after the voices' calibration). */
async function synthesisStarted(sandbox: Sandbox): Promise<boolean> {
  for (const work of (await readdir(sandbox.tmp)).filter((name) => name.startsWith('briefcast-'))) {
    const entries = await readdir(path.join(sandbox.tmp, work)).catch(() => [] as string[]);
    if (entries.some((name) => /^(segment|group)-\d/.test(name))) return true;
  }
  return false;
}

describeWithBinaries('flite', 'ffmpeg')('Ctrl-C while flite reads the sample article', () => {
  it('exits 130 at once, stops flite and ffmpeg, and leaves nothing behind', async () => {
    const run = await box.child('sigint');
    const target = run.path('out', 'sample.mp3');
    const cacheDir = run.path('clips');
    const { child, finished } = startCli([SAMPLE, '--engine', 'flite', '-j', '2', '--cache-dir', cacheDir, '-o', target, '-q'], run);
    const seen = new Map<number, string>();
    // The encoder starts with the first clip's delivery, so by then clips are landing in the cache, and one may
    // be mid-write when the signal comes.
    const seenRunning = (name: string) => [...descendantsOf(child.pid!).values()].includes(name);
    await waitUntil(async () => (await synthesisStarted(run)) && seenRunning('ffmpeg') && seenRunning('flite'), child.pid!, seen, 60_000);
    const signalledAt = Date.now();
    child.kill('SIGINT');
    const result = await finished;
    expect(Date.now() - signalledAt, 'exit promptly after Ctrl-C').toBeLessThan(5_000);
    expectOneLineError(result, EXIT_CODES.interrupted, 'Interrupted by SIGINT: nothing was written.');
    expect(result.signal).toBeNull();
    await expectNothingLeft(run, target);
    expect([...seen.keys()].filter(isAlive), 'engine and ffmpeg processes still running').toEqual([]);
    expect(await findTmpFiles(cacheDir)).toEqual([]);
  }, 120_000);
});

describeWithBinaries('ffmpeg')('SIGTERM while an engine hangs', () => {
  it('exits 143 at once and kills the hanging engine', async () => {
    const run = await box.child('sigterm');
    const input = run.path('hang.txt');
    await writeFile(input, 'Hang Drill\n\nThe first sentence reads normally.\n\nStuck Part\n\nThen hangword strikes here.\n');
    const target = run.path('out', 'hang.mp3');
    const log = run.path('engine.pids');
    const { child, finished } = startCli([input, '--engine', 'flite', '--no-cache', '-o', target, '-q'], run, {
      env: { PATH: pathWithFakeEngines(), FAKE_ENGINE_LOG: log },
    });
    const seen = new Map<number, string>();
    const hanging = async () => (await readText(log)).includes(' hangword');
    await waitUntil(hanging, child.pid!, seen, 60_000);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const result = await finished;
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expectOneLineError(result, EXIT_CODES.terminated, 'Interrupted by SIGTERM: nothing was written.');
    await expectNothingLeft(run, target);
    const enginePids = (await readText(log))
      .split('\n')
      .filter(Boolean)
      .map((line) => Number(line.split(' ')[0]));
    expect([...enginePids, ...seen.keys()].filter(isAlive)).toEqual([]);
  }, 120_000);
});

it('Ctrl-C while fetching a URL that never answers: exit 130 at once', async () => {
  const run = await box.child('sigint-fetch');
  const waiting = new Set<ServerResponse>();
  let requested!: () => void;
  const gotRequest = new Promise<void>((resolve) => (requested = resolve));
  const server = createServer((_request, response) => {
    waiting.add(response);
    requested();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article`;
    const target = run.path('out', 'fetched.mp3');
    const { child, finished } = startCli([url, '--engine', 'flite-wasm', '-o', target, '-q'], run);
    await gotRequest;
    const signalledAt = Date.now();
    child.kill('SIGINT');
    const result = await finished;
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    expectOneLineError(result, EXIT_CODES.interrupted, 'Interrupted by SIGINT: nothing was written.');
    await expectNothingLeft(run, target);
  } finally {
    for (const response of waiting) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}, 60_000);
