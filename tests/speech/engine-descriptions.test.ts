// The engines as descriptions run by one runner: every engine says how to get it, runs the executable its probe
// found, and hands over the WAV it wrote already parsed, so that nothing reads it twice.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../src/audio/wav.js';
import { ENGINES } from '../../src/speech/engine.js';
import { createEngine, describeMissingEngine } from '../../src/speech/select-engine.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const FAKE_ENGINES = fileURLToPath(new URL('../fixtures/path-engines/', import.meta.url));

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'briefcast-descriptions-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('describeMissingEngine', () => {
  it('tells how to get every engine, naming it', () => {
    for (const name of ENGINES) expect(describeMissingEngine(name)).toMatch(new RegExp(`^${name} is not (installed|available)\\b.*\\.$`));
  });
});

describeWithBinaries('flite').sequential('the process runner', () => {
  it('runs the executable its probe found, without looking on PATH again', async () => {
    const log = path.join(tmp, 'fake-flite.log');
    const savedPath = process.env.PATH;
    const savedLog = process.env.FAKE_ENGINE_LOG;
    const engine = createEngine('flite');
    try {
      process.env.PATH = [FAKE_ENGINES, savedPath].join(path.delimiter);
      process.env.FAKE_ENGINE_LOG = log;
      const info = await engine.probe();
      expect(info?.path).toBe(path.join(FAKE_ENGINES, 'flite'));
      // The real flite is first on PATH now: a run that searched PATH again would start it instead.
      process.env.PATH = savedPath;
      const workDir = await mkdtemp(path.join(tmp, 'probed-'));
      await engine.synthesize({ text: 'Read by the probed flite.', voice: 'slt', outputWav: path.join(workDir, 'out.wav'), workDir, timeoutMs: 30_000 });
    } finally {
      process.env.PATH = savedPath;
      if (savedLog === undefined) delete process.env.FAKE_ENGINE_LOG;
      else process.env.FAKE_ENGINE_LOG = savedLog;
    }
    expect(existsSync(log)).toBe(true);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('hands over the WAV it wrote, parsed, and leaves only that file in the work folder', async () => {
    const workDir = await mkdtemp(path.join(tmp, 'clip-'));
    const outputWav = path.join(workDir, 'out.wav');
    const { clip } = await createEngine('flite').synthesize({ text: 'The summit was a display of power.', voice: 'slt', outputWav, workDir, timeoutMs: 30_000 });
    expect(clip).toEqual(parseWav(await readFile(outputWav)));
    expect(clip!.samples.length).toBeGreaterThan(clip!.sampleRate);
    expect(await readdir(workDir)).toEqual(['out.wav']);
  });
});

describeWithBinaries('espeak-ng')('espeak-ng reads several sentences in one run', () => {
  it('hands over the WAV it cut at the breaks, parsed once, with durations that add up to it', async () => {
    const workDir = await mkdtemp(path.join(tmp, 'espeak-group-'));
    const outputWav = path.join(workDir, 'group.wav');
    const reading = await createEngine('espeak-ng').synthesizeSentences!({
      sentences: ['The summit was a display of power.', 'Xi hosted Putin in Beijing.', 'It ended on Friday.'],
      voice: 'en-us',
      outputWav,
      workDir,
      timeoutMs: 30_000,
    });
    expect(reading?.durations).toHaveLength(3);
    expect(reading!.clip).toEqual(parseWav(await readFile(outputWav)));
    const total = reading!.durations.reduce((sum, duration) => sum + duration, 0);
    expect(Math.abs(total * reading!.clip!.sampleRate - reading!.clip!.samples.length)).toBeLessThan(2);
  });
});
