// Sentences read in one flite run and cut at the utterance ends flite reports must match reading them one by one.
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/speech/select-engine.js';
import { parseFliteUtteranceDurations } from '../../src/speech/engines/flite.js';
import { buildEspeakSentencesSsml, durationsBetweenBreaks } from '../../src/speech/engines/espeak-ng.js';
import { groupSegments, synthesizeClips } from '../../src/speech/synthesize-clips.js';
import { ClipCache } from '../../src/speech/clip-cache.js';
import { parseWav, type PcmClip } from '../../src/audio/wav.js';
import { findSoundRange } from '../../src/audio/pcm.js';
import type { Segment } from '../../src/types.js';
import type { SpeechEngine } from '../../src/speech/engine.js';

const body = (text: string, voice = 'slt'): Segment => ({ role: 'body', voice, text, spoken: text, pauseAfterMs: 250 });

describe('groupSegments', () => {
  it('groups whole sentences of one voice, reaching over the other voice, and keeps cut pieces alone', () => {
    const segments = [body('One.', 'rms'), body('Two.'), body('Three?'), body('a piece of a long sentence,'), body('its end.'), body('Five!', 'rms')];
    expect(groupSegments(segments, true)).toEqual([[0, 5], [1, 2, 4], [3]]);
    expect(groupSegments(segments, false)).toEqual([[0], [1], [2], [3], [4], [5]]);
  });

  it('reaches a bounded number of segments ahead, and keeps every segment in exactly one group', () => {
    // An intro every 20 narrator sentences, as in a long article: intros group only with intros near them.
    const segments = Array.from({ length: 400 }, (_, i) => (i % 20 === 0 ? body(`Next, part ${i}.`, 'rms') : body(`Sentence ${i}.`)));
    const groups = groupSegments(segments, true);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(segments.map((_, i) => i));
    for (const group of groups) {
      expect(group[group.length - 1]! - group[0]!).toBeLessThan(48);
      expect(new Set(group.map((i) => segments[i]!.voice)).size).toBe(1);
    }
    expect(groups.map((group) => group[0])).toEqual([...groups.map((group) => group[0]!)].sort((a, b) => a - b));
    // Fewer engine runs than intros: each run of the host voice reads several of them.
    expect(groups.filter((group) => segments[group[0]!]!.voice === 'rms').length).toBeLessThan(20 / 2);
  });

  it('groups headings and pieces of sentences too for an engine that reads every text as its own utterance', () => {
    const heading = (text: string, voice = 'rms'): Segment => ({ role: 'heading', voice, text, spoken: text, pauseAfterMs: 500 });
    const segments = [
      heading('Strategic Ties'),
      body('The summit, which drew wide attention,'),
      body('ended on Friday.'),
      heading('What Comes Next'),
      body('Talks resume in May.'),
    ];
    expect(groupSegments(segments, true)).toEqual([[0], [1], [2, 4], [3]]);
    expect(groupSegments(segments, true, true)).toEqual([
      [0, 3],
      [1, 2, 4],
    ]);
  });

  it('keeps a group within its character budget', () => {
    const long = 'word '.repeat(200).trim() + '.';
    const groups = groupSegments(
      Array.from({ length: 10 }, () => body(long)),
      true,
    );
    for (const group of groups) expect(group.length * long.length).toBeLessThanOrEqual(2400);
    expect(groups.length).toBeGreaterThan(1);
  });

  it('makes the last groups smaller, so the engine runs end together', () => {
    const sentence = 'A sentence of about one hundred characters, give or take, to fill the groups with something real.';
    const groups = groupSegments(
      Array.from({ length: 120 }, () => body(sentence)),
      true,
    );
    const sizes = groups.map((group) => group.length);
    expect(sizes[0]).toBe(16);
    expect(sizes[sizes.length - 1]!).toBeLessThanOrEqual(4);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeLessThanOrEqual(sizes[i - 1]!);
  });
});

describe('parseFliteUtteranceDurations', () => {
  it('reads the last end time of each utterance line', () => {
    expect(parseFliteUtteranceDurations('pau:0.184 dh:0.241 pau:5.024 \npau:0.159 z:0.198 pau:2.621 \n')).toEqual([5.024, 2.621]);
  });
});

describe('espeak-ng sentences as SSML', () => {
  it('escapes the text, so markup in an article is read, never obeyed', () => {
    const ssml = buildEspeakSentencesSsml(['Tom & Jerry.', 'A <break time="9s"/> here.'], undefined);
    expect(ssml).toBe('<speak>Tom &amp; Jerry.\n<break time="2500ms"/>\nA &lt;break time="9s"/&gt; here.</speak>');
  });

  it('asks for longer breaks at faster rates, which espeak-ng shortens in proportion', () => {
    expect(buildEspeakSentencesSsml(['One.', 'Two.'], 350)).toContain('<break time="5000ms"/>');
    expect(buildEspeakSentencesSsml(['One.', 'Two.'], 100)).toContain('<break time="2500ms"/>');
  });

  it('cuts at the middle of each long silence, and gives up when the count is off', () => {
    const rate = 1000;
    const sound = (seconds: number) => new Array<number>(seconds * rate).fill(5000);
    const silence = (seconds: number) => new Array<number>(seconds * rate).fill(0);
    const samples = Int16Array.from([...sound(1), ...silence(0.5), ...sound(1), ...silence(2), ...sound(3), ...silence(0.2)]);
    expect(durationsBetweenBreaks(samples, rate, 2)).toEqual([3.5, 4.2]);
    expect(durationsBetweenBreaks(samples, rate, 3)).toBeUndefined();
    expect(durationsBetweenBreaks(samples, rate, 1)).toBeUndefined();
  });
});

describe('festival reads several sentences in one run', () => {
  it('reports one duration per sentence, summing to the WAV it wrote, and speaks Scheme-looking text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-festival-group-'));
    const marker = path.join(dir, 'pwned');
    try {
      const festival = createEngine('festival');
      const outputWav = path.join(dir, 'group.wav');
      const durations = (
        await festival.synthesizeSentences!({
          sentences: ['The summit was a display of power.', `(system "touch ${marker}")`, 'It ended on Friday.'],
          voice: 'kal_diphone',
          outputWav,
          workDir: dir,
        })
      )?.durations;
      expect(durations).toHaveLength(3);
      const clip = parseWav(await readFile(outputWav));
      const total = durations!.reduce((sum, d) => sum + d, 0);
      expect(Math.abs(total * clip.sampleRate - clip.samples.length)).toBeLessThan(2);
      await expect(access(marker)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('flite-wasm reads several sentences in one run', () => {
  it('reports one utterance per sentence, summing to the WAV it wrote', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-wasm-group-'));
    try {
      const outputWav = path.join(dir, 'group.wav');
      const durations = (
        await createEngine('flite-wasm').synthesizeSentences!({
          sentences: ['One short sentence.', 'And then another one.'],
          voice: 'slt',
          outputWav,
          workDir: dir,
        })
      )?.durations;
      expect(durations).toHaveLength(2);
      const clip = parseWav(await readFile(outputWav));
      const total = durations!.reduce((sum, d) => sum + d, 0);
      expect(Math.abs(total * clip.sampleRate - clip.samples.length) / clip.sampleRate).toBeLessThan(0.01);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('grouped synthesis with real flite and espeak-ng', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-group-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const sentences = [
    'The summit was a deliberate display of power.',
    'Xi hosted Putin for a military parade in Beijing.',
    'Analysts called it a challenge to the U.S.-led order.',
  ];

  async function clipsWith(engine: SpeechEngine, workDir: string): Promise<PcmClip[]> {
    const clips: PcmClip[] = [];
    const voice = engine.name === 'espeak-ng' ? 'en-us' : 'slt';
    await synthesizeClips(
      sentences.map((text) => body(text, voice)),
      engine,
      {
        ffmpeg: 'ffmpeg',
        workDir,
        jobs: 1,
        engineVersion: 'test',
        onClip: async (index, clip) => {
          clips[index] = clip;
        },
      },
    );
    return clips;
  }

  it.each(['flite', 'festival'] as const)('%s: reads a heading and a piece of a sentence in one run exactly as alone', async (name) => {
    const engine = createEngine(name);
    const voice = name === 'flite' ? 'rms' : 'kal_diphone';
    const texts = [
      'Strategic and Economic Cooperation',
      'In a meeting that drew attention from capitals around the world, analysts',
      'said the talks had gone well.',
    ];
    expect(engine.groupsAnySegment).toBe(true);
    let runs = 0;
    const counting: SpeechEngine = {
      ...engine,
      synthesize: async (r) => {
        runs++;
        return engine.synthesize(r);
      },
      synthesizeSentences: async (r) => {
        runs++;
        return engine.synthesizeSentences!(r);
      },
    };
    const clips: PcmClip[] = [];
    await synthesizeClips(
      texts.map((text) => body(text, voice)),
      counting,
      {
        ffmpeg: 'ffmpeg',
        workDir: path.join(dir, `any-${name}`),
        jobs: 1,
        engineVersion: 'test',
        onClip: async (index, clip) => {
          clips[index] = clip;
        },
      },
    );
    expect(runs).toBe(1);
    for (const [i, text] of texts.entries()) {
      const alone = path.join(dir, `any-${name}-${i}.wav`);
      await engine.synthesize({ text, voice, outputWav: alone, workDir: dir });
      const [start, end] = findSoundRange(parseWav(await readFile(alone)).samples, clips[i]!.sampleRate);
      // The same utterance, cut from the group's WAV at its reported end instead of read from a file of its own.
      expect(Math.abs(clips[i]!.samples.length - (end - start))).toBeLessThanOrEqual(clips[i]!.sampleRate * 0.01);
    }
  });

  it('flite: reads what is spoken, not what is written, and caches the clips by what is spoken', async () => {
    const engine = createEngine('flite');
    const read: string[] = [];
    const recording: SpeechEngine = {
      ...engine,
      synthesize: async (r) => {
        read.push(r.text);
        return engine.synthesize(r);
      },
      synthesizeSentences: async (r) => {
        read.push(...r.sentences);
        return engine.synthesizeSentences!(r);
      },
    };
    const segments = (written: readonly string[]): Segment[] => [
      { role: 'heading', voice: 'rms', text: written[0]!, spoken: 'Shee and Poo-tin', pauseAfterMs: 500 },
      { role: 'body', voice: 'slt', text: written[1]!, spoken: 'They met on the third of May.', pauseAfterMs: 250 },
    ];
    const cache = new ClipCache(path.join(dir, 'spoken-cache'));
    const run = (written: readonly string[]) =>
      synthesizeClips(segments(written), recording, {
        ffmpeg: 'ffmpeg',
        workDir: path.join(dir, 'spoken'),
        jobs: 1,
        engineVersion: 'test',
        cache,
        onClip: async () => {},
      });
    await run(['Xi and Putin', 'They met on 3 May.']);
    expect(read.sort()).toEqual(['Shee and Poo-tin', 'They met on the third of May.']);
    expect(cache).toMatchObject({ hits: 0, misses: 2 });
    // The same reading written otherwise (a transcript's typography): nothing is read again.
    await run(['Xi & Putin', 'They met on 3 May']);
    expect(read).toHaveLength(2);
    expect(cache).toMatchObject({ hits: 2, misses: 2 });
  });

  it.each(['flite', 'espeak-ng'] as const)('%s: cuts one run into the same sentences as separate runs give', async (name) => {
    const engine = createEngine(name);
    const oneByOne: SpeechEngine = { name: engine.name, maxChars: engine.maxChars, probe: () => engine.probe(), synthesize: (r) => engine.synthesize(r) };
    let grouped = 0;
    const counting: SpeechEngine = {
      ...oneByOne,
      synthesizeSentences: async (r) => {
        const durations = await engine.synthesizeSentences!(r);
        if (durations) grouped++;
        return durations;
      },
    };
    const together = await clipsWith(counting, path.join(dir, `together-${name}`));
    const separate = await clipsWith(oneByOne, path.join(dir, `separate-${name}`));
    expect(grouped).toBe(1);
    expect(together).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const a = together[i]!.samples.length;
      const b = separate[i]!.samples.length;
      // The same words by the same voice: the lengths agree closely (prosody at utterance edges differs a little).
      expect(Math.abs(a - b) / b).toBeLessThan(0.1);
    }
  });
});
