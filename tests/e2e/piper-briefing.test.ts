// --engine piper end to end, through the real CLI, real ffmpeg and tools we did not write (ffprobe, music-metadata).
// piper and its neural models cannot be installed here, so a stand-in speaks for it (tests/fixtures/piper): it
// takes piper's real command line in both generations' spellings, refuses anything else, and speaks each line with
// the real espeak-ng at the voice config's sample rate, its two English voices at very different levels.
import { copyFile, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFile } from 'music-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox, expectNothingLeft, expectOneLineError, runCli, SAMPLE, SAMPLE_CHAPTERS, type Sandbox } from '../cli/cli-harness.js';
import { measureFileLoudness, probeFile, probePacketSizes, probeStream } from '../helpers/media-tools.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/piper');
const VOICES = path.join(FIXTURES, 'voices');

interface PiperRun {
  generation: string;
  argv: string[];
  stdin: string;
  cwd: string;
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox('briefcast-piper-e2e-');
});
afterAll(async () => {
  await sandbox?.remove();
});

/** The environment of a run with the stand-in piper of one generation first on PATH and the test voices listed. */
function piperEnv(generation: 'legacy' | 'python', log: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: [path.join(FIXTURES, generation), process.env.PATH ?? ''].join(path.delimiter),
    BRIEFCAST_PIPER_VOICES: VOICES,
    XDG_DATA_HOME: sandbox.path('data'),
    FAKE_PIPER_LOG: log,
    ...extra,
  };
}

async function readRuns(log: string): Promise<PiperRun[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PiperRun);
}

for (const generation of ['legacy', 'python'] as const) {
  describeWithBinaries(
    'ffmpeg',
    'ffprobe',
    'espeak-ng',
  )(`briefing the sample with --engine piper (${generation} command line)`, () => {
    let mp3: string;
    let log: string;
    let summary: { chapters: { title: string; startMs: number; endMs: number }[]; durationMs: number };
    let segments: { text: string; spoken: string; voice: string }[];

    beforeAll(async () => {
      const dir = sandbox.path(generation);
      await mkdir(dir, { recursive: true });
      mp3 = path.join(dir, 'sample.mp3');
      log = path.join(dir, 'piper.log');
      const brief = await runCli([SAMPLE, '--engine', 'piper', '-o', mp3, '--json', '--no-cache'], sandbox, {
        env: piperEnv(generation, log),
        timeoutMs: 240_000,
      });
      expect(brief.stderr).toBe('');
      expect(brief.exitCode).toBe(0);
      summary = JSON.parse(brief.stdout) as typeof summary;
      const planned = await runCli(['script', SAMPLE, '--engine', 'piper', '--json'], sandbox, { env: piperEnv(generation, path.join(dir, 'unused.log')) });
      expect(planned.exitCode).toBe(0);
      segments = (JSON.parse(planned.stdout) as { chapters: { segments: typeof segments }[] }).chapters.flatMap((chapter) => chapter.segments);
    }, 300_000);

    it('reads with the English voices: US English narrates, the other English voice hosts as a named speaker', () => {
      expect(new Set(segments.map((segment) => segment.voice))).toEqual(new Set(['en_US-fake-medium', 'en_GB-fakeduo-low#alba']));
    });

    it('has exactly the expected chapters, contiguous, at the times the summary, the ID3 tag and chapters.json give', async () => {
      const probe = await probeFile(mp3);
      expect(probe.chapters.map((chapter) => chapter.tags?.title)).toEqual(SAMPLE_CHAPTERS);
      expect(Number(probe.chapters[0]!.start_time)).toBe(0);
      for (let i = 1; i < probe.chapters.length; i++) expect(probe.chapters[i]!.start_time).toBe(probe.chapters[i - 1]!.end_time);
      const duration = Number((await probeStream(mp3)).duration);
      expect(Math.abs(Number(probe.chapters.at(-1)!.end_time) - duration)).toBeLessThan(0.1);
      const metadata = await parseFile(mp3);
      expect(metadata.format.chapters?.map((chapter) => Math.round(chapter.start * 1000))).toEqual(summary.chapters.map((chapter) => chapter.startMs));
      const json = JSON.parse(await readFile(mp3.replace(/\.mp3$/, '.chapters.json'), 'utf8')) as { chapters: { startTime: number; title: string }[] };
      expect(json.chapters.map((chapter) => [chapter.title, chapter.startTime])).toEqual(
        metadata.format.chapters!.map((chapter) => [chapter.title, chapter.start]),
      );
    });

    it('is a 44.1 kHz mono MP3 at a constant 64 kbps, whatever rate the voices wrote (22.05 and 16 kHz)', async () => {
      expect(await probeStream(mp3)).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 1, bit_rate: '64000' });
      expect(new Set(await probePacketSizes(mp3))).toEqual(new Set([208, 209]));
    });

    it('is at -16 LUFS with true peaks at or below -1 dBTP, though its two voices came out 13 dB apart', async () => {
      const { integrated, truePeak } = await measureFileLoudness(mp3);
      expect(Math.abs(integrated + 16)).toBeLessThanOrEqual(1);
      expect(truePeak).toBeLessThanOrEqual(-1);
    });

    it('gives piper the article on stdin, never on its command line, and always names the output', async () => {
      const runs = await readRuns(log);
      expect(runs.length).toBeGreaterThan(0);
      const stdin = runs.map((run) => run.stdin).join('');
      const spelling = generation === 'legacy' ? /^--output_(file|dir)$/ : /^--output-(file|dir)$/;
      for (const run of runs) {
        expect(run.generation).toBe(generation);
        expect(run.argv.some((arg) => spelling.test(arg))).toBe(true);
        expect(run.argv.join(' ')).not.toMatch(/Putin|Beijing|summit/i);
        // Each run's folder is briefcast's own work folder, never where the user ran it.
        expect(run.cwd.startsWith(sandbox.tmp)).toBe(true);
      }
      for (const segment of segments) expect(stdin).toContain(segment.spoken.split(/\s+/).slice(0, 4).join(' '));
      expect(stdin).toContain('Beijing');
    });

    it('starts piper far fewer times than there are sentences to read', async () => {
      const runs = await readRuns(log);
      // Two of the runs measure the two voices' loudness; the article itself goes through a few.
      expect(runs.length * 3).toBeLessThanOrEqual(segments.length);
    });
  });
}

describeWithBinaries('espeak-ng')('piper voices, choice and failures (stand-in piper)', () => {
  const empty = () => sandbox.child(`empty-${Math.random().toString(36).slice(2)}`);

  it('`briefcast voices` lists piper first with each voice, its language and speakers', async () => {
    const result = await runCli(['voices'], sandbox, { env: piperEnv('legacy', sandbox.path('voices.log')) });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`piper 1.2.0  (${path.join(FIXTURES, 'legacy', 'piper')})`);
    expect(lines[1]).toBe('  narrator: en_US-fake-medium, host: en_GB-fakeduo-low#alba');
    expect(lines[2]).toBe('  voices: en_GB-fakeduo-low (en-GB; 2 speakers as #alba, #jenny), en_US-fake-medium (en-US), fr_FR-fake-medium (fr-FR)');
  });

  it('with no voice installed: `voices` prints the command that fetches one, auto passes piper over, --engine piper fails in one line', async () => {
    const place = await empty();
    const env = { ...piperEnv('python', place.path('log')), BRIEFCAST_PIPER_VOICES: place.path('none'), XDG_DATA_HOME: place.path('data') };
    const folder = path.join(place.path('data'), 'briefcast', 'piper-voices');
    const hint = `piper (${path.join(FIXTURES, 'python', 'piper')}) has no voice installed. Fetch one with \`python3 -m piper.download_voices en_US-lessac-medium --download-dir ${folder}\``;
    const voices = await runCli(['voices'], place, { env });
    expect(voices.stdout).toContain(`piper (not usable): ${hint}`);
    // Not listed as an engine that can read: only as one that needs a voice.
    expect(voices.stdout).not.toMatch(/^piper \S+ {2}\(/m);

    const auto = await runCli(['script', SAMPLE, '--json'], place, { env });
    expect(auto.exitCode).toBe(0);
    expect(auto.stdout).not.toContain('fake');

    const target = place.path('out.mp3');
    const forced = await runCli([SAMPLE, '--engine', 'piper', '-o', target], place, { env });
    expectOneLineError(
      forced,
      4,
      `${hint} (or put en_US-lessac-medium.onnx and en_US-lessac-medium.onnx.json from huggingface.co/rhasspy/piper-voices in ${folder}, or in a folder listed in BRIEFCAST_PIPER_VOICES).`,
    );
    await expectNothingLeft(place, target);
    expect(await readRuns(place.path('log'))).toEqual([]);
  });

  it('auto chooses piper and its US English voice when a voice is installed; PIPER_PATH finds a piper off PATH', async () => {
    const env = { BRIEFCAST_PIPER_VOICES: VOICES, XDG_DATA_HOME: sandbox.path('data'), PIPER_PATH: path.join(FIXTURES, 'python', 'piper') };
    const auto = await runCli(['script', SAMPLE, '--json'], sandbox, { env });
    expect(auto.exitCode).toBe(0);
    const voices = (JSON.parse(auto.stdout) as { chapters: { segments: { voice: string }[] }[] }).chapters.flatMap((chapter) =>
      chapter.segments.map((s) => s.voice),
    );
    expect(voices).toContain('en_US-fake-medium');
  });

  it('a model replaced under the same name (retrained, same size) or a changed config is another voice: its clips are synthesized again', async () => {
    // The stand-in reads no model, so the audio is the same either way: what is checked is that the clip cache does
    // not hand back the old model's clips. A real piper would speak differently with the new model.
    const place = await empty();
    const voices = place.path('voices');
    await mkdir(voices);
    for (const file of await readdir(VOICES)) await copyFile(path.join(VOICES, file), path.join(voices, file));
    const article = place.path('note.md');
    await writeFile(article, '# Tides\n\nThe tide turns twice a day. Fishermen read it by the moon.\n\nThe harbour empties at low water.\n');
    const env = { ...piperEnv('python', place.path('log')), BRIEFCAST_PIPER_VOICES: voices };
    const brief = async () => {
      const result = await runCli([article, '--engine', 'piper', '-o', place.path('out.mp3'), '--cache-dir', place.path('cache')], place, {
        env,
        timeoutMs: 120_000,
      });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const [, synthesized, cached] = /; (\d+) clips synthesized, (\d+) from cache\)$/m.exec(result.stdout) ?? [];
      return { synthesized: Number(synthesized), cached: Number(cached) };
    };
    const first = await brief();
    expect(first.synthesized).toBeGreaterThan(0);
    expect(await brief()).toEqual({ synthesized: 0, cached: first.synthesized });

    // The narrator's model retrained: other bytes of the same length, written later.
    const model = path.join(voices, 'en_US-fake-medium.onnx');
    const old = await readFile(model);
    await writeFile(model, Buffer.from(old.map((byte) => byte ^ 0xff)));
    const later = new Date(Date.now() + 60_000);
    await utimes(model, later, later);
    const retrained = await brief();
    // The narrator's clips again; the host (the other voice, untouched) still comes from the cache.
    expect(retrained.synthesized).toBeGreaterThan(0);
    expect(retrained.cached).toBeGreaterThan(0);
    expect(retrained.synthesized + retrained.cached).toBe(first.synthesized);

    const config = path.join(voices, 'en_US-fake-medium.onnx.json');
    const settings = JSON.parse(await readFile(config, 'utf8')) as { inference?: Record<string, number> };
    await writeFile(config, JSON.stringify({ ...settings, inference: { ...settings.inference, noise_scale: 0.5 } }));
    expect(await brief()).toEqual(retrained);
  }, 300_000);

  it("batch briefs an episode again when its voice's model is replaced under the same name, and only then", async () => {
    const place = await empty();
    const voices = place.path('voices');
    await mkdir(voices);
    for (const file of await readdir(VOICES)) await copyFile(path.join(VOICES, file), path.join(voices, file));
    await mkdir(place.path('in'));
    await writeFile(place.path('in', 'tides.md'), '# Tides\n\nThe tide turns twice a day. Fishermen read it by the moon.\n');
    await writeFile(place.path('in', 'marees.md'), '# Les marées\n\nLa marée monte deux fois par jour. Les pêcheurs la lisent à la lune.\n');
    const env = { ...piperEnv('legacy', place.path('log')), BRIEFCAST_PIPER_VOICES: voices };
    const batch = async () => {
      const result = await runCli(['batch', 'in', '-o', 'out', '--engine', 'piper', '--json'], place, { env, timeoutMs: 120_000 });
      expect(result.exitCode, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { items: { input: string; status: string }[] }).items.map((item) => [item.input, item.status]);
    };
    expect(await batch()).toEqual([
      ['in/marees.md', 'made'],
      ['in/tides.md', 'made'],
    ]);
    expect(await batch()).toEqual([
      ['in/marees.md', 'up to date'],
      ['in/tides.md', 'up to date'],
    ]);
    // The French voice retrained: the French episode is briefed again; the English one, read by other voices, is not.
    const model = path.join(voices, 'fr_FR-fake-medium.onnx');
    await writeFile(model, Buffer.from((await readFile(model)).map((byte) => byte ^ 0xff)));
    const later = new Date(Date.now() + 60_000);
    await utimes(model, later, later);
    expect(await batch()).toEqual([
      ['in/marees.md', 'made'],
      ['in/tides.md', 'up to date'],
    ]);
  }, 300_000);

  it('batch --engine auto: a piper voice installed since the last run is found, and the episodes it now reads are briefed again', async () => {
    const place = await empty();
    const voices = place.path('voices');
    await mkdir(voices);
    await mkdir(place.path('in'));
    await writeFile(place.path('in', 'tides.md'), '# Tides\n\nThe tide turns twice a day. Fishermen read it by the moon.\n');
    const env = { ...piperEnv('legacy', place.path('log')), BRIEFCAST_PIPER_VOICES: voices, XDG_DATA_HOME: place.path('data') };
    const batch = async () => {
      const result = await runCli(['batch', 'in', '-o', 'out', '--json'], place, { env, timeoutMs: 120_000 });
      expect(result.exitCode, result.stderr).toBe(0);
      const state = JSON.parse(await readFile(place.path('out', '.briefcast', 'state.json'), 'utf8')) as {
        engine: { engines: Record<string, { spokenBy: { name: string } }> };
      };
      const [item] = (JSON.parse(result.stdout) as { items: { status: string }[] }).items;
      return [item!.status, state.engine.engines.en!.spokenBy.name];
    };
    // No piper voice yet: auto passes piper over.
    const [made, before] = await batch();
    expect(made).toBe('made');
    expect(before).not.toBe('piper');
    expect(await batch()).toEqual(['up to date', before]);
    for (const file of ['en_US-fake-medium.onnx', 'en_US-fake-medium.onnx.json']) await copyFile(path.join(VOICES, file), path.join(voices, file));
    expect(await batch()).toEqual(['made', 'piper']);
    expect(await batch()).toEqual(['up to date', 'piper']);
  }, 300_000);

  it('an unknown voice fails in one clear line, before any speech', async () => {
    const place = await empty();
    const target = place.path('out.mp3');
    const result = await runCli([SAMPLE, '--engine', 'piper', '--voice', 'de_DE-nobody-low', '-o', target], place, {
      env: piperEnv('python', place.path('log')),
    });
    expectOneLineError(
      result,
      4,
      'piper has no voice "de_DE-nobody-low" (--voice). Valid voices include en_GB-fakeduo-low, en_US-fake-medium, fr_FR-fake-medium. Run `briefcast voices` to list them all.',
    );
    await expectNothingLeft(place, target);
    expect(await readRuns(place.path('log'))).toEqual([]);
  });

  it('a missing model and an invalid config each fail in one line naming the file and the fix, writing nothing', async () => {
    const place = await empty();
    const voices = place.path('voices');
    await mkdir(voices);
    // A download that stopped halfway: the config without its model.
    await copyFile(path.join(VOICES, 'en_US-fake-medium.onnx.json'), path.join(voices, 'en_US-half-medium.onnx.json'));
    const target = place.path('out.mp3');
    const env = { ...piperEnv('legacy', place.path('log')), BRIEFCAST_PIPER_VOICES: voices };
    const missing = await runCli([SAMPLE, '--engine', 'piper', '-o', target], place, { env });
    expectOneLineError(
      missing,
      4,
      `piper voice en_US-half-medium cannot be used: ${path.join(voices, 'en_US-half-medium.onnx')} cannot be read (ENOENT). Download it again with \`python3 -m piper.download_voices en_US-half-medium --download-dir ${voices}\`, or remove it from ${voices}.`,
    );
    await expectNothingLeft(place, target);

    await writeFile(path.join(voices, 'en_US-half-medium.onnx'), 'model');
    await writeFile(path.join(voices, 'en_US-half-medium.onnx.json'), '{"audio": {"sample_rate": 22050},');
    const invalid = await runCli([SAMPLE, '--engine', 'piper', '-o', target], place, { env });
    expectOneLineError(
      invalid,
      4,
      /^briefcast: piper voice en_US-half-medium cannot be used: its config .*en_US-half-medium\.onnx\.json is not valid JSON \(.*\)\. Download it again with/,
    );
    await expectNothingLeft(place, target);
    expect(await readRuns(place.path('log'))).toEqual([]);
  });

  it('piper crashing fails in one line with what it said, writing nothing', async () => {
    const place = await empty();
    const target = place.path('out.mp3');
    const result = await runCli([SAMPLE, '--engine', 'piper', '-o', target], place, {
      env: piperEnv('python', place.path('log'), { FAKE_PIPER_FAULT: 'crash' }),
      timeoutMs: 120_000,
    });
    expectOneLineError(
      result,
      4,
      /^briefcast: piper \(voice [^)]+\) failed on ".*": exit 1: .*onnxruntime: Non-zero status code .*tried twice\)\. Check the engine with `briefcast voices` or try another --engine\.$/,
    );
    await expectNothingLeft(place, target);
    expect((await readRuns(place.path('log'))).length).toBeGreaterThan(0);
  });

  it('piper hanging is stopped and fails in one line, writing nothing', async () => {
    const place = await empty();
    const target = place.path('out.mp3');
    const result = await runCli([SAMPLE, '--engine', 'piper', '-o', target], place, {
      env: piperEnv('legacy', place.path('log'), { FAKE_PIPER_FAULT: 'hang', BRIEFCAST_ENGINE_TIMEOUT_MS: '1000' }),
      timeoutMs: 120_000,
    });
    expectOneLineError(result, 4, /^briefcast: piper \(voice [^)]+\) failed on ".*": no result after [\d.]+ s, so it was stopped\. .*tried twice\)/);
    await expectNothingLeft(place, target);
  });
});
