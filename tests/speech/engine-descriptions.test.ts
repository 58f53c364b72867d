// The engines as descriptions run by one runner: every engine says how to get it, runs the executable its probe
// found, and hands over the WAV it wrote already parsed, so that nothing reads it twice.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../src/audio/wav.js';
import type { ToolResult } from '../../src/run-tool.js';
import { ENGINES } from '../../src/speech/engine.js';
import { ESPEAK_NG } from '../../src/speech/engines/espeak-ng.js';
import { FESTIVAL } from '../../src/speech/engines/festival.js';
import { FLITE } from '../../src/speech/engines/flite.js';
import { SAPI } from '../../src/speech/engines/sapi.js';
import { SAY } from '../../src/speech/engines/say.js';
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

const ok = (stdout: string, stderr = ''): ToolResult => ({ exitCode: 0, stdout, stderr });
const failed = (stderr: string): ToolResult => ({ exitCode: 1, stdout: '', stderr, failure: 'exit' });

describe('probe commands and parsers', () => {
  it('asks each engine the exact questions, festival through its companion and sapi through its script', () => {
    const paths = { executable: '/bin/x', companion: '/bin/festival', scriptPaths: { 'list-voices.ps1': 'C:\\t\\list-voices.ps1' } };
    expect(FLITE.probe.commands(paths)).toEqual([{ args: ['--version'] }, { args: ['-lv'] }]);
    expect(ESPEAK_NG.probe.commands(paths)).toEqual([{ args: ['--version'] }, { args: ['--voices'] }, { args: ['--voices=variant'] }]);
    expect(FESTIVAL.probe.commands(paths)).toEqual([
      { program: '/bin/festival', args: ['--version'] },
      { program: '/bin/festival', args: ['--pipe'], input: '(print (voice.list))\n', timeoutMs: 30_000 },
    ]);
    expect(SAY.probe.commands(paths)).toEqual([{ args: ['-v', '?'] }, { program: '/usr/bin/sw_vers', args: ['-productVersion'] }]);
    expect(SAPI.probe.commands(paths)).toEqual([
      { args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\t\\list-voices.ps1'], timeoutMs: 60_000 },
    ]);
  });

  it('reads version, voices and default voices from what the engine printed', () => {
    const paths = { executable: '/usr/bin/flite', scriptPaths: {} };
    expect(FLITE.probe.parse([ok('', '  version: flite-2.2-current Sep 2018\n'), ok('Voices available: kal awb_time slt rms\n')], paths)).toEqual({
      version: '2.2-current',
      voices: [
        { name: 'kal', language: 'en-US', gender: 'male', description: 'US English, male, diphone, 8 kHz' },
        { name: 'slt', language: 'en-US', gender: 'female', description: 'US English, female (CMU ARCTIC slt)' },
        { name: 'rms', language: 'en-US', gender: 'male', description: 'US English, male (CMU ARCTIC rms)' },
      ],
      defaultVoices: { narrator: 'slt', host: 'rms' },
    });
    expect(SAY.probe.parse([ok('Samantha  en_US    # Hello! My name is Samantha.\nDaniel  en_GB    # Hello!\n'), ok('14.5\n')], paths)).toMatchObject({
      version: 'macOS 14.5',
      defaultVoices: { narrator: 'Samantha', host: 'Daniel' },
    });
  });

  it('says why an installed engine that lists no voices cannot be used', () => {
    expect(FLITE.probe.parse([ok(''), failed('flite: cannot open voice list\n')], { executable: '/usr/bin/flite', scriptPaths: {} })).toEqual({
      problem: 'flite at /usr/bin/flite did not list its voices (flite -lv: flite: cannot open voice list). Reinstall flite or choose another --engine.',
    });
    expect(FESTIVAL.probe.parse([ok(''), ok('nil\n')], { executable: '/usr/bin/text2wave', companion: '/usr/bin/festival', scriptPaths: {} })).toEqual({
      problem:
        'festival at /usr/bin/festival has no usable voices (no voices). Install one with `sudo apt-get install festvox-kallpc16k` or choose another --engine.',
    });
    expect(SAPI.probe.parse([failed('Add-Type: cannot load System.Speech')], { executable: 'powershell.exe', scriptPaths: {} })).toEqual({
      problem:
        'sapi found no enabled voices (Add-Type: cannot load System.Speech). Add a voice in Settings > Time & Language > Speech, or choose another --engine.',
    });
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
    const { clip } = await createEngine('flite').synthesize({
      text: 'The summit was a display of power.',
      voice: 'slt',
      outputWav,
      workDir,
      timeoutMs: 30_000,
    });
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
