// Real synthesis with every engine installed here, read back with ffprobe and sox.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.js';
import type { EngineInfo, EngineName, SpeechEngine } from '../../src/speech/engine.js';
import { FLITE_WASM_VOICES, locateFliteWasm, runFliteWasm } from '../../src/speech/engines/flite-wasm.js';
import { createEngine } from '../../src/speech/select-engine.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { readBackWav } from './audio-readback.js';

const READBACK = ['ffprobe', 'sox'];

const CASES: { engine: EngineName; binaries: string[] }[] = [
  { engine: 'flite', binaries: ['flite'] },
  { engine: 'espeak-ng', binaries: ['espeak-ng'] },
  { engine: 'festival', binaries: ['festival', 'text2wave'] },
  { engine: 'flite-wasm', binaries: [] },
];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'briefcast-engines-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function synthesize(engine: SpeechEngine, voice: string, text: string, name: string, rateWpm?: number): Promise<string> {
  const workDir = await mkdtemp(path.join(tmp, `${engine.name}-${name}-`));
  const outputWav = path.join(workDir, 'out.wav');
  await engine.synthesize({ text, voice, outputWav, workDir, timeoutMs: 30_000, ...(rateWpm === undefined ? {} : { rateWpm }) });
  return outputWav;
}

for (const { engine: name, binaries } of CASES) {
  describeWithBinaries(...binaries, ...READBACK).concurrent(`${name} (real engine)`, () => {
    const engine = createEngine(name);
    let info: EngineInfo;

    beforeAll(async () => {
      const probed = await engine.probe();
      if (!probed) throw new Error(`${name} is not installed here`);
      info = probed;
    });

    it('reports its path, version and voices, with distinct default voices', () => {
      expect(path.isAbsolute(info.path)).toBe(true);
      expect(info.version).not.toBe('unknown');
      expect(info.voices.length).toBeGreaterThan(0);
      const names = info.voices.map((voice) => voice.name);
      expect(names).toContain(info.defaultVoices.narrator.split('+')[0]);
      expect(names).toContain(info.defaultVoices.host.split('+')[0]);
      expect(info.defaultVoices.host).not.toBe(info.defaultVoices.narrator);
      expect(names).not.toContain('awb_time');
    });

    it('speaks a sentence with the narrator voice, plausibly long and not silent, and slower at a lower rate', async () => {
      const text = 'The quick brown fox jumps over the lazy dog.';
      const [normal, slow] = await Promise.all([
        synthesize(engine, info.defaultVoices.narrator, text, 'narrator'),
        synthesize(engine, info.defaultVoices.narrator, text, 'slow', 90),
      ]);
      const [normalFacts, slowFacts] = await Promise.all([readBackWav(normal), readBackWav(slow)]);
      expect(normalFacts.durationSeconds).toBeGreaterThan(1.2);
      expect(normalFacts.durationSeconds).toBeLessThan(8);
      expect(normalFacts.rms).toBeGreaterThan(0.01);
      expect(slowFacts.durationSeconds).toBeGreaterThan(normalFacts.durationSeconds * 1.4);
    });

    it('speaks with the host voice, reading a text that starts with "-" as text, not options', async () => {
      const wav = await synthesize(engine, info.defaultVoices.host, '-v --help -o out.wav. A leading dash is only text.', 'host');
      const facts = await readBackWav(wav);
      expect(facts.durationSeconds).toBeGreaterThan(1.5);
      expect(facts.rms).toBeGreaterThan(0.01);
    });

    it('refuses a voice name that could be read as an option', async () => {
      await expect(synthesize(engine, '-lv', 'Hello there.', 'option-voice')).rejects.toThrow(EngineError);
    });
  });
}

describeWithBinaries('festival', 'text2wave', ...READBACK).concurrent('festival keeps article text out of Scheme', () => {
  it('speaks (system "touch …") instead of running it', async () => {
    const marker = path.join(tmp, 'pwned');
    const text = `(system "touch ${marker}") (quit) Done.`;
    const wav = await synthesize(createEngine('festival'), 'kal_diphone', text, 'injection');
    expect(existsSync(marker)).toBe(false);
    const facts = await readBackWav(wav);
    // It was read aloud: "system touch tmp ... pwned quit done" takes seconds.
    expect(facts.durationSeconds).toBeGreaterThan(2);
  });

  it('rejects a voice name that would smuggle Scheme into -eval, before running festival', async () => {
    const marker = path.join(tmp, 'pwned-voice');
    const voice = `kal_diphone) (system "touch ${marker}"`;
    await expect(synthesize(createEngine('festival'), voice, 'Hello.', 'voice-injection')).rejects.toThrow(/not a valid festival voice name/);
    expect(existsSync(marker)).toBe(false);
  });

  it("fails with festival's own error for a voice that is not installed", async () => {
    await expect(synthesize(createEngine('festival'), 'no_such_voice', 'Hello there.', 'missing-voice')).rejects.toThrow(
      /^festival \(voice no_such_voice\) failed on "Hello there\.": SIOD ERROR: unbound variable : voice_no_such_voice$/,
    );
  });
});

describe('flite-wasm module', () => {
  it('lists the same voices as flite -lv, plus awb_time which we leave out', async () => {
    const found = locateFliteWasm();
    expect(found).toBeDefined();
    const ioDir = await mkdtemp(path.join(tmp, 'wasm-lv-'));
    const run = await runFliteWasm(['flite', '-lv'], ioDir, { wasmPath: found!.wasmPath, timeoutMs: 30_000 });
    expect(run.exitCode).toBe(0);
    const listed = /Voices available:(.*)/.exec(run.output)?.[1]?.trim().split(/\s+/) ?? [];
    expect([...listed].sort()).toEqual([...FLITE_WASM_VOICES, 'awb_time'].sort());
  });

  it('refuses a voice the module does not have instead of falling back silently', async () => {
    await expect(synthesize(createEngine('flite-wasm'), 'kal8', 'Hello.', 'unknown')).rejects.toThrow(/flite-wasm has no voice "kal8"/);
  });
});
