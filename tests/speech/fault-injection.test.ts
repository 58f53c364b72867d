// Fake engine executables (tests/fixtures/engines) in place of the real ones: how each adapter reports
// a crash, a hang, an empty or missing output, and what exactly it puts on the command line.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.js';
import type { EngineName, SynthesisRequest } from '../../src/speech/engine.js';
import { createEngine } from '../../src/speech/select-engine.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/engines/', import.meta.url));
const fake = (name: string) => path.join(FIXTURES, name);
const TEXT = 'Chinese President Xi Jinping and Russian President Vladimir Putin met.';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'briefcast-faults-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function request(overrides: Partial<SynthesisRequest> = {}): Promise<SynthesisRequest> {
  const workDir = await mkdtemp(path.join(tmp, 'req-'));
  return { text: TEXT, voice: 'slt', outputWav: path.join(workDir, 'out.wav'), workDir, timeoutMs: 10_000, ...overrides };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe.concurrent('a failing engine becomes one EngineError naming engine, voice and text', () => {
  it('crash: exit 1 with the tail of stderr', async () => {
    const error = await failureOf(createEngine('flite', { executablePath: fake('exit-1.sh') }).synthesize(await request()));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toBe(
      'flite (voice slt) failed on "Chinese President Xi Jinping and…": exit 1: loading voice | fake-engine: Segmentation fault in cst_synth',
    );
  });

  it('empty output file', async () => {
    const error = await failureOf(createEngine('espeak-ng', { executablePath: fake('empty-output.sh') }).synthesize(await request({ voice: 'en-us' })));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toBe('espeak-ng (voice en-us) failed on "Chinese President Xi Jinping and…": it wrote an empty audio file (out.wav).');
  });

  it('no output file, and a stale one from an earlier attempt does not count', async () => {
    const req = await request();
    await writeFile(req.outputWav, 'RIFF....WAVE' + 'x'.repeat(100));
    const error = await failureOf(createEngine('flite', { executablePath: fake('no-output.sh') }).synthesize(req));
    expect(error.message).toBe('flite (voice slt) failed on "Chinese President Xi Jinping and…": it wrote no audio file (out.wav).');
  });

  it('output that is not a WAV', async () => {
    const error = await failureOf(createEngine('festival', { executablePath: fake('not-a-wav.sh') }).synthesize(await request({ voice: 'kal_diphone' })));
    expect(error.message).toBe('festival (voice kal_diphone) failed on "Chinese President Xi Jinping and…": it wrote a file that is not a WAV (out.wav).');
  });

  it('hang: stopped after timeoutMs', async () => {
    const started = Date.now();
    const error = await failureOf(createEngine('flite', { executablePath: fake('hang.sh') }).synthesize(await request({ timeoutMs: 400 })));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toBe(
      'flite (voice slt) failed on "Chinese President Xi Jinping and…": no result after 0.4 s, so it was stopped. Try a shorter text or another --engine.',
    );
  });

  it('hang: an abort stops it and rejects with the abort reason', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = createEngine('espeak-ng', { executablePath: fake('hang.sh') }).synthesize(await request({ voice: 'en-us', signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('interrupted by test')), 200);
    const error = await failureOf(pending);
    expect(error.message).toBe('interrupted by test');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('missing executable: says so and how to install the engine', async () => {
    const engine = createEngine('flite', { executablePath: path.join(tmp, 'no-such-flite') });
    expect(await engine.probe()).toBeNull();
    const error = await failureOf(engine.synthesize(await request()));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toMatch(
      /^flite \(voice slt\) failed on "Chinese President Xi Jinping and…": .*no-such-flite could not be started \(not found or not executable\)\. flite is not installed\. Install it with `sudo apt-get install flite`/,
    );
  });

  it('nothing speakable: refused before the engine runs', async () => {
    const error = await failureOf(createEngine('flite', { executablePath: fake('exit-1.sh') }).synthesize(await request({ text: '习近平 — 普京' })));
    expect(error.message).toBe(
      'flite (voice slt) failed on "习近平 — 普京": nothing in it is text flite can read. Remove the segment or use --engine espeak-ng for non-Latin text.',
    );
  });
});

describeWithBinaries('sox').concurrent('festival exit status 0 with a Scheme error', () => {
  it('counts as a failure even though a WAV was written', async () => {
    const error = await failureOf(createEngine('festival', { executablePath: fake('siod-error.sh') }).synthesize(await request({ voice: 'kal_diphone' })));
    expect(error.message).toBe('festival (voice kal_diphone) failed on "Chinese President Xi Jinping and…": SIOD ERROR: unbound variable : voice_broken');
  });
});

describe.concurrent('flite-wasm failures', () => {
  it('a module that is not WebAssembly', async () => {
    const notWasm = path.join(tmp, 'not.wasm');
    await writeFile(notWasm, 'not wasm at all');
    const error = await failureOf(createEngine('flite-wasm', { executablePath: notWasm }).synthesize(await request()));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toMatch(/^flite-wasm \(voice slt\) failed on "Chinese President Xi Jinping and…": cannot load .*not\.wasm: /);
  });

  it('a timeout terminates the worker', async () => {
    const long = Array.from({ length: 60 }, () => TEXT).join(' ');
    const started = Date.now();
    const error = await failureOf(createEngine('flite-wasm').synthesize(await request({ text: long, timeoutMs: 50 })));
    expect(error.message).toMatch(/^flite-wasm \(voice slt\) failed on "Chinese President Xi Jinping and…": no result after 0\.1 s, so it was stopped\./);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an abort terminates the worker and rejects with the abort reason', async () => {
    const controller = new AbortController();
    const long = Array.from({ length: 60 }, () => TEXT).join(' ');
    const pending = createEngine('flite-wasm').synthesize(await request({ text: long, signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('stop now')), 30);
    expect((await failureOf(pending)).message).toBe('stop now');
  });
});

const ARGV_CASES: { engine: EngineName; voice: string; expectedText: string }[] = [
  { engine: 'flite', voice: 'slt', expectedText: '-o /etc/passwd "Cafe" costs 5 euros; (system "id")\n' },
  { engine: 'espeak-ng', voice: 'en-gb+f3', expectedText: '-o /etc/passwd “Café” costs €5; (system "id")\n' },
  { engine: 'festival', voice: 'kal_diphone', expectedText: '-o /etc/passwd "Cafe" costs 5 euros; (system "id")\n' },
];

describeWithBinaries('sox').concurrent('what reaches the command line', () => {
  for (const { engine, voice, expectedText } of ARGV_CASES) {
    it(`${engine}: the text only in an absolute-path UTF-8 file, never in argv`, async () => {
      const req = await request({ text: '-o /etc/passwd “Café” costs €5; (system "id")', voice });
      await createEngine(engine, { executablePath: fake('record-argv.sh') }).synthesize(req);
      const argv = (await readFile(`${req.outputWav}.argv`, 'utf8')).split('\n').slice(0, -1);
      expect(argv.join(' ')).not.toMatch(/passwd|Caf|system/);
      // festival's voice is inside the -eval expression.
      expect(argv.some((arg) => arg === voice || arg === `(voice_${voice})`)).toBe(true);
      const paths = argv.filter((arg) => arg.includes(path.sep));
      expect(paths.length).toBeGreaterThanOrEqual(2);
      for (const file of paths) expect(path.isAbsolute(file)).toBe(true);
      expect(paths).toContain(path.resolve(req.outputWav));
      expect(await readFile(`${req.outputWav}.text`, 'utf8')).toBe(expectedText);
    });
  }
});
