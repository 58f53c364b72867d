// Faults through the real CLI: a stand-in `flite` first on PATH (tests/fixtures/path-engines/flite) that crashes,
// hangs, writes an empty or silent file or far too little audio on the segment that holds a trigger word, and an
// ffmpeg that dies midway. Each must be retried once (engines), then fail with one line naming the segment and
// its first words, exit 4 (5 for ffmpeg), and leave nothing behind: no target, no .partial, no work folder, no
// engine process still running.
import { readFile, writeFile, mkdir, chmod } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { expectAllGone } from '../helpers/processes.js';
import { createSandbox, expectNoTemporaries, expectNothingLeft, expectOneLineError, pathWithFakeEngines, runCli, type Sandbox } from '../cli/cli-harness.js';

let box: Sandbox;
beforeAll(async () => {
  box = await createSandbox();
});
afterAll(async () => {
  await box?.remove();
});

/** An article whose second section's paragraph holds the trigger word; everything else reads normally. */
function articleWith(trigger: string): string {
  return [
    'Fault Drill',
    'The first paragraph reads normally. It has two sentences.',
    'Second Part',
    `Then ${trigger} strikes here.`,
    'A last sentence closes the article.',
  ].join('\n\n');
}

/** Runs `--engine flite` with the stand-in; returns the result and the pids of every engine run. */
async function briefWithFakeFlite(name: string, trigger: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const run = await box.child(name);
  const input = run.path(`${name}.txt`);
  const output = run.path('out', `${name}.mp3`);
  const log = run.path('engine.pids');
  await writeFile(input, articleWith(trigger));
  const result = await runCli([input, '--engine', 'flite', '--no-cache', '-j', '2', '-o', output, '-q'], run, {
    env: { PATH: pathWithFakeEngines(), FAKE_ENGINE_LOG: log, ...extraEnv },
    timeoutMs: 150_000,
  });
  const runs = existsSync(log)
    ? (await readFile(log, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' '))
    : [];
  const pids = runs.map(([pid]) => Number(pid));
  /** How many times the segment with the trigger word was read. */
  const attempts = runs.filter(([, word]) => word === trigger).length;
  return { result, output, pids, attempts, run };
}

// The stand-in engine is a Node script; the encoder is the real ffmpeg.
describeWithBinaries('ffmpeg').concurrent('a failing engine, through the CLI', () => {
  const cases = [
    ['crash', 'crashword', /exit 1: loading voice slt \| fake-flite: Segmentation fault in cst_synth/],
    ['empty file', 'emptyword', /it wrote an empty audio file \(clip\.wav\)/],
    ['silent file', 'silentword', /wrote only silence for/],
    ['far too little audio', 'shortword', /wrote 0\.10 s of audio for "Then shortword strikes here\.", too short for 28 characters/],
  ] as const;
  for (const [what, trigger, reason] of cases) {
    it(`${what}: retried once, then one line naming the segment and its first words, exit 4`, async () => {
      const { result, output, pids, attempts, run } = await briefWithFakeFlite(trigger, trigger);
      expectOneLineError(
        result,
        EXIT_CODES.engine,
        /^briefcast: flite \(voice slt\) .*"Then \w+ strikes here\.".* \(segment 7, tried twice\)\. Check the engine with `briefcast voices` or try another --engine\.$/,
      );
      expect(result.stderr).toMatch(reason);
      await expectNothingLeft(run, output);
      expect(attempts).toBe(2);
      expectAllGone(pids);
    });
  }

  it('an engine timeout that is not whole milliseconds: one line, exit 2, before any speech', async () => {
    const { result, output, pids, run } = await briefWithFakeFlite('bad-timeout', 'nothing', { BRIEFCAST_ENGINE_TIMEOUT_MS: '20s' });
    expectOneLineError(
      result,
      EXIT_CODES.usage,
      'BRIEFCAST_ENGINE_TIMEOUT_MS is "20s": it must be a whole number of milliseconds from 1 to 2147483647, the time an engine may take on a short text. Unset it for the default, 20000.',
    );
    expect(pids, 'engine runs').toEqual([]);
    await expectNothingLeft(run, output);
  });

  it('an engine that fails on everything: the error says what it was reading, the article or the test passage', async () => {
    const { result, output, run } = await briefWithFakeFlite('broken', 'nothing', { FAKE_ENGINE_BROKEN: '1' });
    // The voices are measured while the article is read, so either failure may come first.
    expectOneLineError(
      result,
      EXIT_CODES.engine,
      /^briefcast: flite \(voice (slt|rms)\) failed on "[^"]+…?": exit 1: loading voice slt \| fake-flite: Segmentation fault in cst_synth \((a test passage read to measure the voice's loudness|segment \d+), tried twice\)\. Check the engine with `briefcast voices` or try another --engine\.$/,
    );
    await expectNothingLeft(run, output);
  });

  it('a fault on the first try only: the retry succeeds and the briefing is written', async () => {
    const state = box.path('flaky-state');
    await mkdir(state, { recursive: true });
    const { result, output, attempts, run } = await briefWithFakeFlite('flaky', 'flakyword', { FAKE_ENGINE_STATE: state });
    expect(attempts).toBe(2);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(existsSync(output)).toBe(true);
    await expectNoTemporaries(run, path.dirname(output));
  });
});

// Alone, not beside the other runs: with the short timeout, a busy machine must not make the healthy segments late.
describeWithBinaries('ffmpeg')('an engine that hangs, through the CLI', () => {
  it('hang: stopped after a timeout scaled to the text, retried once, exit 4', async () => {
    // BRIEFCAST_ENGINE_TIMEOUT_MS shortens the wait from 20 s to 5 s for a short text.
    const { result, output, pids, attempts, run } = await briefWithFakeFlite('hang', 'hangword', { BRIEFCAST_ENGINE_TIMEOUT_MS: '5000' });
    expectOneLineError(
      result,
      EXIT_CODES.engine,
      'flite (voice slt) failed on "Then hangword strikes here.": no result after 5.7 s, so it was stopped. Try a shorter text or another --engine (segment 7, tried twice). Check the engine with `briefcast voices` or try another --engine.',
    );
    // Two attempts of 5.7 s each (5 s, and as much again per 200 characters), then it gives up.
    expect(attempts).toBe(2);
    expect(result.ms).toBeGreaterThan(11_000);
    await expectNothingLeft(run, output);
    expectAllGone(pids);
  });
});

describeWithBinaries('ffmpeg').concurrent('ffmpeg failing midway', () => {
  it('fails fast with the last lines of its stderr, exit 5, nothing left', async () => {
    // Reads some of the programme, then dies the way a broken encoder does.
    const run = await box.child('ffmpeg-dies');
    const fakeFfmpeg = run.path('bin', 'ffmpeg-dies');
    await mkdir(run.path('bin'), { recursive: true });
    await writeFile(
      fakeFfmpeg,
      [
        '#!/bin/sh',
        'head -c 300000 > /dev/null',
        'echo "Input #0, f32le, from \'pipe:0\':" >&2',
        'echo "[libmp3lame @ 0x5581] lame: output buffer too small" >&2',
        'echo "Error while encoding: Invalid argument" >&2',
        'exit 1',
        '',
      ].join('\n'),
    );
    await chmod(fakeFfmpeg, 0o755);
    const input = run.path('ffmpeg-dies.txt');
    await writeFile(input, articleWith('nothing'));
    const output = run.path('out', 'ffmpeg-dies.mp3');
    const result = await runCli([input, '--engine', 'flite', '--no-cache', '-o', output, '-q'], run, {
      env: { PATH: pathWithFakeEngines(), FFMPEG_PATH: fakeFfmpeg },
    });
    expectOneLineError(
      result,
      EXIT_CODES.audio,
      /^briefcast: ffmpeg failed while encoding .*: Input #0, f32le, from 'pipe:0': \| \[libmp3lame @ 0x5581\] lame: output buffer too small \| Error while encoding: Invalid argument\. Check that this ffmpeg can encode MP3 \(libmp3lame\), or point FFMPEG_PATH at another\.$/,
    );
    await expectNothingLeft(run, output);
  });
});
