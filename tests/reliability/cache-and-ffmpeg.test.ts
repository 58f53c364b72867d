// What a careless user (or a broken machine) can put where briefcast keeps its cache, and an ffmpeg that misbehaves,
// through the real CLI with real flite: a FIFO, a link to a huge file or a damaged measurement in the cache must
// neither hang the run, nor be read without bound, nor change the briefing's loudness; an ffmpeg that exits without
// reading or hangs must end in one line and exit 5 (an audio error), with nothing left behind.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeCacheRecord } from '../../src/cache-file.js';
import { EXIT_CODES } from '../../src/errors.js';
import { createSandbox, expectNothingLeft, expectOneLineError, findTmpFiles, ROOT, runCli, type Sandbox } from '../cli/cli-harness.js';
import { measureFileLoudness } from '../helpers/media-tools.js';
import { expectAllGone } from '../helpers/processes.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const FAKE_FFMPEG = path.join(ROOT, 'tests/fixtures/ffmpeg');
const fakeFfmpeg = (name: string) => path.join(FAKE_FFMPEG, name);
// Short enough to keep the hang tests fast, long enough for a real ffmpeg's probe on a busy machine.
const FFMPEG_TIMEOUT_MS = 1500;

const ARTICLE = [
  'Harbour Lights Return',
  'The old harbour lights were switched back on this week after a long repair.',
  'The Repair',
  'Engineers replaced the wiring and the lenses. The work took two years.',
].join('\n\n');

let box: Sandbox;
beforeAll(async () => {
  box = await createSandbox();
});
afterAll(async () => {
  await box?.remove();
});

/** A run of its own with the article written: the CLI arguments for it, its output and its cache folder. */
async function prepareRun(name: string) {
  const run = await box.child(name);
  const input = run.path('harbour.txt');
  await writeFile(input, ARTICLE);
  const output = run.path('out', 'harbour.mp3');
  const cache = path.join(run.cache, 'briefcast');
  const brief = (extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    runCli([input, '--engine', 'flite', '-o', output, '-q', ...extra], run, { env, timeoutMs: 90_000 });
  return { run, input, output, cache, brief };
}

/** The paths of the entries in one folder of the cache. */
async function listEntries(dir: string, under: string): Promise<string[]> {
  const names = await readdir(path.join(dir, under), { recursive: true }).catch(() => [] as string[]);
  return names.map((name) => path.join(dir, under, name));
}

async function clipEntries(cache: string): Promise<string[]> {
  const names = await readdir(cache, { recursive: true });
  return names.filter((name) => name.endsWith('.clip')).map((name) => path.join(cache, name));
}

const clipCounts = (stdout: string) => /(\d+) clips synthesized, (\d+) from cache/.exec(stdout)!.slice(1).map(Number);

async function expectLoudnessOnTarget(mp3: string): Promise<void> {
  const { integrated, truePeak } = await measureFileLoudness(mp3);
  expect(Math.abs(integrated + 16), `integrated loudness ${integrated} LUFS`).toBeLessThanOrEqual(1);
  expect(truePeak).toBeLessThanOrEqual(-1);
}

describeWithBinaries('ffmpeg', 'flite', 'mkfifo').concurrent('what is not a cache entry, in the cache', () => {
  it('a FIFO, a link to a huge sparse file, a huge file and a FIFO for a voice: refused at once, made again, replaced', async () => {
    const { run, output, cache, brief } = await prepareRun('intruders');
    const first = await brief();
    expect(first.exitCode, first.stderr).toBe(0);
    const [made] = clipCounts(first.stdout);
    const clips = await clipEntries(cache);
    expect(clips).toHaveLength(made!);
    const voices = await listEntries(cache, 'voices');
    expect(voices.length).toBeGreaterThan(0);

    // Sparse: 8 GB that take no disk, and would take 8 GB of memory (or never end) read without a bound.
    const huge = run.path('huge.bin');
    await writeFile(huge, '');
    await truncate(huge, 8 * 1024 ** 3);
    const [fifo, linked, large] = clips;
    await Promise.all([fifo, linked, large, voices[0]].map((file) => rm(file!)));
    execFileSync('mkfifo', [fifo!]);
    await symlink(huge, linked!);
    await writeFile(large!, '');
    await truncate(large!, 6 * 1024 ** 3);
    execFileSync('mkfifo', [voices[0]!]);

    const second = await brief();
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toBe('');
    expect(clipCounts(second.stdout)).toEqual([3, made! - 3]);
    for (const file of [fifo, linked, large, voices[0]]) expect((await lstat(file!)).isFile(), file).toBe(true);
    expect((await stat(huge)).size).toBe(8 * 1024 ** 3);
    await expectLoudnessOnTarget(output);
    expect(await findTmpFiles(cache)).toEqual([]);
  });
});

describeWithBinaries('ffmpeg', 'flite').concurrent('a damaged voice calibration', () => {
  // Valid JSON, wrong numbers: unchecked, the first made the briefing nearly silent and the second too loud.
  const damages: [string, (record: { value: Record<string, number> }) => void][] = [
    ['a limiter loss of -55 LU (nearly silent)', (record) => void (record.value.limiterLossLu = -55)],
    ['a voice measured at -40 LUFS (far too loud)', (record) => void (record.value.integratedLufs = -40)],
    ['a sample rate no engine writes', (record) => void (record.value.sampleRate = 16_001)],
  ];
  for (const [what, damage] of damages) {
    it(`${what}: measured again, the briefing on target, the record restored`, async () => {
      const { output, cache, brief } = await prepareRun(`calibration-${damages.findIndex(([name]) => name === what)}`);
      expect((await brief()).exitCode).toBe(0);
      const voices = await listEntries(cache, 'voices');
      const originals = await Promise.all(voices.map((file) => readFile(file, 'utf8')));
      for (const file of voices) {
        const record = JSON.parse(await readFile(file, 'utf8')) as { value: Record<string, number> };
        damage(record);
        await writeFile(file, JSON.stringify(record));
      }
      const second = await brief();
      expect(second.exitCode, second.stderr).toBe(0);
      await expectLoudnessOnTarget(output);
      expect(await Promise.all(voices.map((file) => readFile(file, 'utf8').then((text) => JSON.parse(text))))).toEqual(
        originals.map((text) => JSON.parse(text)),
      );
    });
  }

  it('a record whose checksum holds but whose values are implausible: refused too', async () => {
    const { output, cache, brief } = await prepareRun('calibration-consistent');
    expect((await brief()).exitCode).toBe(0);
    for (const file of await listEntries(cache, 'voices')) {
      await writeCacheRecord(file, path.basename(file, '.json'), { sampleRate: 16_000, integratedLufs: -70, limiterLossLu: 0 });
    }
    const second = await brief();
    expect(second.exitCode, second.stderr).toBe(0);
    await expectLoudnessOnTarget(output);
    for (const file of await listEntries(cache, 'voices')) {
      const { value } = JSON.parse(await readFile(file, 'utf8')) as { value: { integratedLufs: number } };
      expect(value.integratedLufs).toBeGreaterThan(-40);
    }
  });
});

describeWithBinaries('ffmpeg', 'flite').concurrent("the encoder's measured gain", () => {
  it('is measured once per ffmpeg and settings, kept beside the voices, and measured again when damaged', async () => {
    const { run, output, cache, brief } = await prepareRun('encoder-gain');
    const log = run.path('ffmpeg.log');
    const withLog = ['--ffmpeg', fakeFfmpeg('logs-calls.sh')];
    const probes = async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line.includes('encoder-probe')).length;
    const env = { FAKE_FFMPEG_LOG: log };

    expect((await brief(withLog, env)).exitCode).toBe(0);
    expect(await probes()).toBe(2); // encode the tone, decode it
    const [record, ...others] = await listEntries(cache, 'encoders');
    expect(others).toEqual([]);
    const stored = JSON.parse(await readFile(record!, 'utf8')) as { value: { gainDb: number } };
    expect(Math.abs(stored.value.gainDb)).toBeLessThanOrEqual(3);

    // Warm: no probe at all, the same briefing loudness.
    expect((await brief(withLog, env)).exitCode).toBe(0);
    expect(await probes()).toBe(2);
    await expectLoudnessOnTarget(output);

    // Another bitrate is another encoder setting: measured for itself.
    expect((await brief([...withLog, '-b', '128'], env)).exitCode).toBe(0);
    expect(await probes()).toBe(4);
    expect(await listEntries(cache, 'encoders')).toHaveLength(2);

    // Damaged (valid JSON, a gain that would make the briefing 2.9 dB too loud): measured again and restored.
    await writeFile(record!, JSON.stringify({ ...stored, value: { gainDb: -2.9 } }));
    expect((await brief(withLog, env)).exitCode).toBe(0);
    expect(await probes()).toBe(6);
    expect(JSON.parse(await readFile(record!, 'utf8'))).toEqual(stored);
    await expectLoudnessOnTarget(output);

    // --no-cache keeps nothing and measures every time.
    expect((await brief([...withLog, '--no-cache'], env)).exitCode).toBe(0);
    expect(await probes()).toBe(8);
  });
});

describeWithBinaries('ffmpeg', 'flite').concurrent('an ffmpeg that does not do its work', () => {
  const cases: [string, string, NodeJS.ProcessEnv, RegExp][] = [
    [
      'exits at once without reading',
      'exits-without-reading.sh',
      {},
      /^briefcast: ffmpeg failed while encoding the briefing: it stopped reading the programme before its end, with no message\. Check that this ffmpeg can encode MP3/,
    ],
    [
      'reads everything and writes nothing',
      'reads-all-writes-nothing.sh',
      {},
      /^briefcast: ffmpeg failed while encoding the briefing: it exited without writing the MP3\. /,
    ],
    ['writes noise instead of an MP3', 'writes-noise.sh', {}, /^briefcast: ffmpeg failed while encoding the briefing: what it wrote is not MP3 audio\. /],
    ['crashes without a word', 'crashes.sh', {}, /^briefcast: ffmpeg failed while encoding a test tone: it was killed by SIGSEGV\. /],
    [
      'hangs from the start (the encoder probe)',
      'hangs.sh',
      {},
      /^briefcast: ffmpeg did not respond for 1\.5 s while encoding a test tone, so it was stopped\. Check that FFMPEG_PATH or --ffmpeg names a working ffmpeg\.$/,
    ],
    [
      'hangs without reading the programme',
      'hangs-encoding.sh',
      {},
      /^briefcast: ffmpeg did not respond for 1\.5 s while encoding the briefing, so it was stopped\. /,
    ],
    [
      'hangs after reading the whole programme',
      'hangs-encoding.sh',
      { HANG_AFTER_INPUT: '1' },
      /^briefcast: ffmpeg did not respond for 1\.5 s while encoding the briefing, so it was stopped\. /,
    ],
  ];
  for (const [what, fake, extraEnv, message] of cases) {
    it(`${what}: one line, exit 5, within its deadline, nothing left and nothing running`, async () => {
      const { run, output, brief } = await prepareRun(`ffmpeg-${cases.findIndex(([name]) => name === what)}`);
      const log = run.path('ffmpeg.log');
      const result = await brief(['--no-cache', '--ffmpeg', fakeFfmpeg(fake)], {
        FAKE_FFMPEG_LOG: log,
        BRIEFCAST_FFMPEG_TIMEOUT_MS: String(FFMPEG_TIMEOUT_MS),
        ...extraEnv,
      });
      expectOneLineError(result, EXIT_CODES.audio, message);
      expect(result.ms).toBeLessThan(60_000);
      await expectNothingLeft(run, output);
      const pids = existsSync(log)
        ? (await readFile(log, 'utf8'))
            .split('\n')
            .filter(Boolean)
            .map((line) => Number(line.split(' ')[0]))
        : [];
      if (fake.startsWith('hangs')) expect(pids.length).toBeGreaterThan(0);
      // SIGTERM, then SIGKILL 2 s later at the latest.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expectAllGone(pids, 'ffmpeg processes');
    });
  }
});
