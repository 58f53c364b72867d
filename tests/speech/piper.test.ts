// piper's adapter: the exact argv in each generation's spelling, its voice configs, the folders it searches, how its
// output folder is read back, and the engine run through the process runner against the stand-in piper
// (tests/fixtures/piper: piper and its models cannot be installed here).
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.js';
import type { ToolResult } from '../../src/run-tool.js';
import type { EngineCall } from '../../src/speech/engines/engine-description.js';
import {
  PIPER,
  buildPiperArgs,
  detectPiperCommandLine,
  languageFromVoiceName,
  orderPiperWavs,
  parsePiperConfig,
  parsePiperVersion,
  pickPiperDefaults,
  piperVoiceStamp,
  readPiperVoices,
  resolvePiperVoice,
  toPiperSpeech,
  type PiperSetup,
} from '../../src/speech/engines/piper.js';
import { defaultPiperVoiceFolder, piperVoiceFolders } from '../../src/speech/engines/piper-folders.js';
import { createEngine, resolveVoices } from '../../src/speech/select-engine.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/piper');
const VOICES = path.join(FIXTURES, 'voices');

const SETUP = (commandLine: PiperSetup['commandLine']): PiperSetup => ({
  commandLine,
  voices: {
    'en_US-lessac-medium': {
      model: '/v/en_US-lessac-medium.onnx',
      config: '/v/en_US-lessac-medium.onnx.json',
      speakers: {},
      lengthScale: 1,
      stamp: { identity: 'lessac', files: [] },
    },
    'en_GB-vctk-medium': {
      model: '/v/en_GB-vctk-medium.onnx',
      config: '/v/en_GB-vctk-medium.onnx.json',
      speakers: { p225: 0, p239: 7 },
      lengthScale: 1.2,
      stamp: { identity: 'vctk', files: [] },
    },
  },
});
const call = (commandLine: PiperSetup['commandLine'], extra: Partial<EngineCall<PiperSetup>> = {}): EngineCall<PiperSetup> => ({
  voice: 'en_US-lessac-medium',
  textPaths: [],
  outputWav: '/w/out.wav',
  scriptPaths: {},
  setup: SETUP(commandLine),
  ...extra,
});

describe('piper command lines', () => {
  it('asks piper only constant questions: --help, which tells the generation, and --version', () => {
    expect(PIPER.probe.commands({ executable: '/bin/piper', scriptPaths: {} })).toEqual([
      { args: ['--help'], timeoutMs: 60_000 },
      { args: ['--version'], timeoutMs: 60_000 },
    ]);
  });

  it('tells the generations apart by their --help', () => {
    // The C++ release prints its usage on stderr; Python's argparse on stdout.
    expect(detectPiperCommandLine('   -m  FILE  --model       FILE  path to onnx model file\n   -f  FILE  --output_file FILE  path')).toBe('legacy');
    expect(detectPiperCommandLine('  -m MODEL, --model MODEL\n  -f OUTPUT_FILE, --output-file OUTPUT_FILE, --output_file OUTPUT_FILE')).toBe('python');
    expect(detectPiperCommandLine('Usage: piper [OPTIONS] — a different program')).toBeUndefined();
    expect(parsePiperVersion('legacy', '1.2.0\n')).toBe('1.2.0');
    expect(parsePiperVersion('legacy', '')).toBe('unknown');
    expect(parsePiperVersion('python', 'piper: error: the following arguments are required: -m/--model')).toBe('piper-tts');
  });

  it('builds the C++ release argv: underscores, an explicit output, the text never on it', () => {
    expect(buildPiperArgs(call('legacy'), 'file')).toEqual([
      '--model',
      '/v/en_US-lessac-medium.onnx',
      '--config',
      '/v/en_US-lessac-medium.onnx.json',
      '--output_file',
      '/w/out.wav',
      '--sentence_silence',
      '0.2',
    ]);
    expect(buildPiperArgs(call('legacy', { voice: 'en_GB-vctk-medium#p239', outputDir: '/w/wavs', rateWpm: 200 }), 'folder')).toEqual([
      '--model',
      '/v/en_GB-vctk-medium.onnx',
      '--config',
      '/v/en_GB-vctk-medium.onnx.json',
      '--output_dir',
      '/w/wavs',
      '--sentence_silence',
      '0.2',
      '--speaker',
      '7',
      // The voice's own length scale (1.2) times 160/200.
      '--length_scale',
      '0.960',
    ]);
  });

  it("builds the Python package's argv: dashes", () => {
    expect(buildPiperArgs(call('python', { rateWpm: 320 }), 'file')).toEqual([
      '--model',
      '/v/en_US-lessac-medium.onnx',
      '--config',
      '/v/en_US-lessac-medium.onnx.json',
      '--output-file',
      '/w/out.wav',
      '--sentence-silence',
      '0.2',
      '--length-scale',
      '0.500',
    ]);
    expect(buildPiperArgs(call('python', { voice: 'en_GB-vctk-medium#p225', outputDir: '/w/wavs' }), 'folder')).toEqual([
      '--model',
      '/v/en_GB-vctk-medium.onnx',
      '--config',
      '/v/en_GB-vctk-medium.onnx.json',
      '--output-dir',
      '/w/wavs',
      '--sentence-silence',
      '0.2',
      '--speaker',
      '0',
    ]);
  });

  it('refuses a voice or speaker the probe did not find, and a run before any probe', () => {
    expect(() => buildPiperArgs(call('python', { voice: 'de_DE-thorsten-medium' }), 'file')).toThrow(/piper has no voice "de_DE-thorsten-medium"/);
    expect(() => resolvePiperVoice(SETUP('python'), 'en_GB-vctk-medium#p999')).toThrow(/has no speaker "p999"/);
    expect(() => resolvePiperVoice(SETUP('python'), 'toString')).toThrow(EngineError);
    expect(() => buildPiperArgs(call('python', { setup: undefined }), 'file')).toThrow(/probed/);
  });

  it('puts every text on a line of its own: a line break inside a text would make two WAVs', () => {
    expect(toPiperSpeech('One line\nand its [[rest]].\u200B')).toBe('One line and its [ [rest] ].');
    expect(PIPER.sentences!.texts(['First.', 'Second, with ümlauts.'], undefined)).toEqual(['First.\nSecond, with ümlauts.\n']);
    expect(PIPER.textInput).toBe('stdin');
  });

  it('orders an output folder by the paths the C++ release printed, else by the nanosecond names Python gives', () => {
    const names = ['300.wav', '1000.wav', '20.wav'];
    expect(orderPiperWavs({ stdout: '/w/d/1000.wav\n/w/d/20.wav\n/w/d/300.wav\n', names })).toEqual(['1000.wav', '20.wav', '300.wav']);
    expect(orderPiperWavs({ stdout: '', names: ['17000000000000000001.wav', '9000000000000000000.wav'] })).toEqual([
      '9000000000000000000.wav',
      '17000000000000000001.wav',
    ]);
    expect(orderPiperWavs({ stdout: '', names: ['output.wav', '12.wav'] })).toBeUndefined();
  });
});

describe('piper voices', () => {
  it('reads language, rate, speakers and length scale from a config', () => {
    const config = JSON.stringify({
      audio: { sample_rate: 16000 },
      espeak: { voice: 'en-gb-x-rp' },
      language: { code: 'en_GB' },
      inference: { length_scale: 1.1 },
      speaker_id_map: { alba: 0, jenny: 1 },
    });
    expect(parsePiperConfig(config, 'x')).toEqual({ language: 'en-GB', sampleRate: 16000, speakers: { alba: 0, jenny: 1 }, lengthScale: 1.1 });
    // A self-trained voice has no "language": espeak.voice, else the file name.
    expect(parsePiperConfig('{"espeak":{"voice":"fr"}}', 'x')).toEqual({ language: 'fr', speakers: {}, lengthScale: 1 });
    expect(parsePiperConfig('{}', 'de_DE-thorsten-medium')).toEqual({ language: 'de-DE', speakers: {}, lengthScale: 1 });
    expect(parsePiperConfig('{}', 'my-voice')).toEqual({ speakers: {}, lengthScale: 1 });
    expect(languageFromVoiceName('pt_BR-faber-medium')).toBe('pt-BR');
    expect(languageFromVoiceName('cy_GB-gwryw-medium')).toBe('cy-GB');
    expect(languageFromVoiceName('my-voice')).toBeUndefined();
  });

  it('says what is wrong with an invalid config', () => {
    expect(parsePiperConfig('{"audio": ', 'x')).toEqual({ problem: expect.stringMatching(/^is not valid JSON \(/) });
    expect(parsePiperConfig('[1]', 'x')).toEqual({ problem: 'is not a JSON object' });
    expect(parsePiperConfig('{"audio":{"sample_rate":"22050"}}', 'x')).toEqual({ problem: 'audio.sample_rate "22050" is not a sample rate' });
    expect(parsePiperConfig('{"speaker_id_map":{"a":"0"}}', 'x')).toEqual({ problem: 'speaker_id_map is not a map of speaker names to numbers' });
  });

  it('lists good voices with their speakers, and fails on a broken one, naming the file and the fix', () => {
    const pair = (name: string, configText?: string, problem?: string) => ({
      name,
      model: `/v/${name}.onnx`,
      config: `/v/${name}.onnx.json`,
      ...(configText === undefined ? {} : { configText }),
      ...(problem === undefined ? {} : { problem }),
    });
    const found = readPiperVoices([
      pair('en_US-amy-low', '{"audio":{"sample_rate":16000},"language":{"code":"en_US"}}'),
      pair('en_GB-duo-low', '{"espeak":{"voice":"en-gb"},"speaker_id_map":{"b":1,"a":0}}'),
      // The same name in a later folder: the first one wins.
      { ...pair('en_US-amy-low', '{"language":{"code":"fr_FR"}}'), model: '/w/en_US-amy-low.onnx' },
    ]);
    expect(found).toEqual({
      voices: [
        { name: 'en_US-amy-low', language: 'en-US', description: 'piper voice in /v, 16000 Hz' },
        { name: 'en_GB-duo-low', language: 'en-GB', description: 'piper voice in /v, 2 speakers', speakers: ['a', 'b'] },
      ],
      models: {
        'en_US-amy-low': { model: '/v/en_US-amy-low.onnx', config: '/v/en_US-amy-low.onnx.json', speakers: {}, lengthScale: 1, stamp: expect.anything() },
        'en_GB-duo-low': {
          model: '/v/en_GB-duo-low.onnx',
          config: '/v/en_GB-duo-low.onnx.json',
          speakers: { b: 1, a: 0 },
          lengthScale: 1,
          stamp: expect.anything(),
        },
      },
    });
    expect(readPiperVoices([pair('en_US-amy-low', '{oops')])).toEqual({
      problem: expect.stringMatching(
        /^piper voice en_US-amy-low cannot be used: its config \/v\/en_US-amy-low\.onnx\.json is not valid JSON \(.*\)\. Download it again with `python3 -m piper\.download_voices en_US-amy-low --download-dir \/v`, or remove it from \/v\.$/,
      ),
    });
    expect(readPiperVoices([pair('en_US-amy-low', undefined, '/v/en_US-amy-low.onnx cannot be read (ENOENT)')])).toEqual({
      problem: expect.stringMatching(/^piper voice en_US-amy-low cannot be used: \/v\/en_US-amy-low\.onnx cannot be read \(ENOENT\)\. Download it again/),
    });
  });

  it("stamps each voice with its model's size and time and its config's text, so a replaced model is another voice", () => {
    const configText = '{"language":{"code":"en_US"}}';
    const model = { path: '/v/en_US-amy-low.onnx', size: 63_201_294, mtimeMs: 1_700_000_000_000 };
    const configFile = { path: '/v/en_US-amy-low.onnx.json', size: configText.length, mtimeMs: 1_700_000_000_000 };
    const stampOf = (modelFile: typeof model, text = configText) => {
      const found = readPiperVoices([
        { name: 'en_US-amy-low', model: model.path, config: configFile.path, configText: text, modelFile, configFile: { ...configFile, size: text.length } },
      ]);
      if ('problem' in found) throw new Error(found.problem);
      return found.models['en_US-amy-low']!.stamp;
    };
    const first = stampOf(model);
    expect(first.files).toEqual([model, configFile]);
    expect(first.identity).toMatch(/^[0-9a-f]{32}$/);
    expect(stampOf({ ...model }).identity).toBe(first.identity);
    // Retrained: the same size (the same architecture), written anew.
    expect(stampOf({ ...model, mtimeMs: model.mtimeMs + 1000 }).identity).not.toBe(first.identity);
    expect(stampOf({ ...model, size: model.size + 2 }).identity).not.toBe(first.identity);
    expect(stampOf(model, '{"language":{"code":"en_US"},"inference":{"length_scale":1.1}}').identity).not.toBe(first.identity);
    // Every speaker of a voice is its files; a name the probe did not find has no stamp.
    const setup = SETUP('python');
    expect(piperVoiceStamp(setup, 'en_GB-vctk-medium#p239')).toEqual({ identity: 'vctk', files: [] });
    expect(piperVoiceStamp(setup, 'de_DE-nobody-low')).toBeUndefined();
    expect(piperVoiceStamp(undefined, 'en_GB-vctk-medium')).toBeUndefined();
  });

  it('narrates in US English and hosts with another voice of that language, else another speaker', () => {
    const amy = { name: 'en_US-amy-low', language: 'en-US' };
    const alan = { name: 'en_GB-alan-low', language: 'en-GB' };
    const siwis = { name: 'fr_FR-siwis-medium', language: 'fr-FR' };
    const duo = { name: 'en_GB-duo-low', language: 'en-GB', speakers: ['a', 'b'] };
    expect(pickPiperDefaults([siwis, alan, amy])).toEqual({ narrator: 'en_US-amy-low', host: 'en_GB-alan-low' });
    expect(pickPiperDefaults([siwis, duo])).toEqual({ narrator: 'en_GB-duo-low#a', host: 'en_GB-duo-low#b' });
    expect(pickPiperDefaults([siwis])).toEqual({ narrator: 'fr_FR-siwis-medium', host: 'fr_FR-siwis-medium' });
  });

  it('resolves "<voice>#<speaker>" through the listed speakers, case-insensitively', () => {
    const info = {
      name: 'piper' as const,
      path: '/bin/piper',
      version: '1.2.0',
      voices: [{ name: 'en_GB-duo-low', language: 'en-GB', speakers: ['alba', 'jenny'] }],
      defaultVoices: { narrator: 'en_GB-duo-low#alba', host: 'en_GB-duo-low#jenny' },
    };
    expect(resolveVoices(info, 'en_gb-duo-low#JENNY')).toEqual({ narrator: 'en_GB-duo-low#jenny', host: 'en_GB-duo-low#alba' });
    expect(() => resolveVoices(info, 'en_GB-duo-low#nobody')).toThrow(/piper has no voice "en_GB-duo-low#nobody" \(--voice\)/);
  });

  it('searches BRIEFCAST_PIPER_VOICES, then the data folder', () => {
    const env = { BRIEFCAST_PIPER_VOICES: ['/a', '', '/b'].join(path.delimiter), XDG_DATA_HOME: '/data' };
    expect(piperVoiceFolders(env, 'linux')).toEqual(['/a', '/b', '/data/briefcast/piper-voices']);
    expect(defaultPiperVoiceFolder({}, 'linux')).toBe(path.join(os.homedir(), '.local', 'share', 'briefcast', 'piper-voices'));
  });

  it('says how to get a voice when piper has none, and what it is when --help is not piper', () => {
    const ok = (stdout: string, stderr = ''): ToolResult => ({ exitCode: 0, stdout, stderr });
    const paths = { executable: '/bin/piper', scriptPaths: {}, voiceFolders: ['/a', '/data/voices'] };
    expect(PIPER.probe.parse([ok('', '--model FILE --output_file FILE'), ok('1.2.0\n')], paths, [])).toEqual({
      problem:
        'piper (/bin/piper) has no voice installed. Fetch one with `python3 -m piper.download_voices en_US-lessac-medium --download-dir /data/voices` (or put en_US-lessac-medium.onnx and en_US-lessac-medium.onnx.json from huggingface.co/rhasspy/piper-voices in /data/voices, or in a folder listed in BRIEFCAST_PIPER_VOICES).',
    });
    expect(PIPER.probe.parse([ok('usage: piper-game [--level N]'), ok('')], paths, [])).toEqual({
      problem: expect.stringMatching(/does not answer --help as piper does/),
    });
  });
});

describeWithBinaries('espeak-ng')('piper through the process runner (stand-in piper)', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'briefcast-piper-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  for (const generation of ['legacy', 'python'] as const) {
    it(`${generation}: one run writes a WAV per sentence, read back in order, at the config's rate`, async () => {
      const log = path.join(tmp, `${generation}.log`);
      const env = { BRIEFCAST_PIPER_VOICES: VOICES, XDG_DATA_HOME: path.join(tmp, 'no-data') };
      const engine = createEngine('piper', { executablePath: path.join(FIXTURES, generation, 'piper'), env });
      const info = await engine.probe();
      expect(info).toMatchObject({ name: 'piper', version: generation === 'legacy' ? '1.2.0' : 'piper-tts' });
      expect(info!.voices.map((voice) => [voice.name, voice.language])).toEqual([
        ['en_GB-fakeduo-low', 'en-GB'],
        ['en_US-fake-medium', 'en-US'],
        ['fr_FR-fake-medium', 'fr-FR'],
      ]);
      const workDir = await mkdtemp(path.join(tmp, `${generation}-`));
      const sentences = ['The summit was short.', 'Xi hosted Putin in Beijing, and the talks ran late into the night.', 'Ça a duré.'];
      const saved = process.env.FAKE_PIPER_LOG;
      process.env.FAKE_PIPER_LOG = log;
      try {
        const reading = await engine.synthesizeSentences!({
          sentences,
          voice: 'en_GB-fakeduo-low#jenny',
          outputWav: path.join(workDir, 'o.wav'),
          workDir,
          timeoutMs: 60_000,
        });
        expect(reading!.durations).toHaveLength(3);
        expect(reading!.clip!.sampleRate).toBe(16000);
        const total = reading!.durations.reduce((sum, seconds) => sum + seconds, 0);
        expect(Math.round(total * 16000)).toBe(reading!.clip!.samples.length);
        // The long sentence takes longest: the durations belong to their texts, in order.
        expect(reading!.durations[1]).toBeGreaterThan(reading!.durations[0]! * 1.5);
        expect(reading!.durations[1]).toBeGreaterThan(reading!.durations[2]!);
      } finally {
        if (saved === undefined) delete process.env.FAKE_PIPER_LOG;
        else process.env.FAKE_PIPER_LOG = saved;
      }
      const runs = (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { argv: string[]; stdin: string; cwd: string });
      expect(runs).toHaveLength(1);
      expect(runs[0]!.stdin).toBe(`${sentences.join('\n')}\n`);
      expect(runs[0]!.argv.join(' ')).not.toMatch(/summit|Beijing|duré/);
      expect(runs[0]!.argv).toContain('1');
      // The output folder is gone, and nothing landed in the working folder either.
      expect(await readdir(workDir)).toEqual([]);
    }, 60_000);
  }

  it('reports a voice whose model went missing, and a config that is not JSON, before running piper', async () => {
    const voices = path.join(tmp, 'broken-voices');
    await mkdir(voices, { recursive: true });
    await copyFile(path.join(VOICES, 'en_US-fake-medium.onnx.json'), path.join(voices, 'en_US-gone-medium.onnx.json'));
    const engine = () => createEngine('piper', { executablePath: path.join(FIXTURES, 'python', 'piper'), env: { BRIEFCAST_PIPER_VOICES: voices } });
    await expect(engine().probe()).rejects.toThrow(
      /^piper voice en_US-gone-medium cannot be used: .*en_US-gone-medium\.onnx cannot be read \(ENOENT\)\. Download it again/,
    );
    await rm(path.join(voices, 'en_US-gone-medium.onnx.json'));
    await writeFile(path.join(voices, 'en_US-bad-medium.onnx'), 'model');
    await writeFile(path.join(voices, 'en_US-bad-medium.onnx.json'), '{"audio": {');
    await expect(engine().probe()).rejects.toThrow(/^piper voice en_US-bad-medium cannot be used: its config .*en_US-bad-medium\.onnx\.json is not valid JSON/);
  });

  it('refuses a PIPER_PATH that is no program, saying so', async () => {
    const engine = createEngine('piper', { env: { PIPER_PATH: path.join(tmp, 'nothing-here'), BRIEFCAST_PIPER_VOICES: VOICES } });
    await expect(engine.probe()).rejects.toThrow(/^PIPER_PATH is ".*nothing-here", which is not an executable file\. Point it at the piper program/);
  });
});
