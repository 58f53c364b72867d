// Our WAV reader, resampler and loudness meter, checked against ffmpeg and sox (tools we did not write).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../src/run-tool.js';
import { parseWav, WavFormatError } from '../../src/audio/wav.js';
import { resample } from '../../src/audio/resample.js';
import { estimateLimiterLoss, measureClipLoudness, VoiceLoudness } from '../../src/audio/loudness.js';
import { findSoundRange, msToSamples, samplesToMs } from '../../src/audio/pcm.js';
import { measureFileLoudness } from '../helpers/media-tools.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-audio-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ffmpeg(args: string[]): Promise<void> {
  const result = await runTool('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  if (result.failure) throw new Error(`ffmpeg failed: ${result.stderr}`);
}

describe('parseWav', () => {
  it.each([
    ['pcm_s16le', 16000, 1],
    ['pcm_s16le', 22050, 2],
    ['pcm_u8', 8000, 1],
    ['pcm_f32le', 48000, 1],
    ['pcm_s24le', 32000, 1],
  ])('reads %s at %i Hz, %i channel(s), as ffmpeg wrote it', async (codec, rate, channels) => {
    const file = path.join(dir, `tone-${codec}-${rate}-${channels}.wav`);
    // pan copies the tone into every channel at full level, so the mono downmix keeps its peak.
    const layout = channels === 2 ? 'stereo|c0=c0|c1=c0' : 'mono|c0=c0';
    await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${rate}:duration=0.5`, '-af', `pan=${layout}`, '-c:a', codec, file]);
    const clip = parseWav(await readFile(file));
    expect(clip.sampleRate).toBe(rate);
    expect(clip.samples.length).toBe(rate / 2);
    // ffmpeg's sine source peaks at 1/8 of full scale.
    const peak = clip.samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
    expect(peak).toBeGreaterThan(3800);
    expect(peak).toBeLessThan(4300);
  });

  it('refuses what is not a WAV file', () => {
    expect(() => parseWav(new TextEncoder().encode('ID3 not a wav file at all'))).toThrow(WavFormatError);
  });
});

describe('loudness', () => {
  it('agrees with ffmpeg ebur128 on real speech to within 0.2 LU', async () => {
    const wav = path.join(dir, 'speech.wav');
    const text = path.join(dir, 'speech.txt');
    await writeFile(text, 'The committee met on Monday to discuss the budget. Members agreed to meet again next week, after the report is published.');
    const result = await runTool('espeak-ng', ['-v', 'en-us', '-f', text, '-w', wav]);
    expect(result.failure).toBeUndefined();
    const clip = parseWav(await readFile(wav));
    const ours = measureClipLoudness(clip.samples, clip.sampleRate);
    const theirs = (await measureFileLoudness(wav)).integrated;
    expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(0.2);
  });

  it('predicts what a peak limiter takes: nothing below the ceiling, more the further peaks go above it', () => {
    const rate = 16000;
    // Speech-like: a quiet tone with short loud bursts (a high crest factor).
    const clip = new Int16Array(rate * 2).map((_, i) => Math.round(Math.sin((2 * Math.PI * 300 * i) / rate) * (i % 4000 < 400 ? 16000 : 2000)));
    expect(estimateLimiterLoss(clip, rate, -12, -2)).toBe(0);
    const some = estimateLimiterLoss(clip, rate, 6, -2);
    const more = estimateLimiterLoss(clip, rate, 12, -2);
    expect(some).toBeGreaterThan(0);
    expect(more).toBeGreaterThan(some);
  });

  it('keeps a running loudness that converges on what a voice says', () => {
    const rate = 16000;
    const tone = new Int16Array(rate * 2).map((_, i) => Math.round(Math.sin((2 * Math.PI * 1000 * i) / rate) * 3277));
    const expected = measureClipLoudness(tone, rate);
    const running = new VoiceLoudness(expected + 6, 10);
    for (let i = 0; i < 20; i++) running.add(tone, rate);
    expect(Math.abs(running.lufs - expected)).toBeLessThan(0.5);
    expect(new VoiceLoudness(-Infinity).lufs).toBe(-Infinity);
  });
});

describe('resample', () => {
  it('keeps duration and pitch: a 440 Hz tone stays 440 Hz at the new rate', () => {
    const from = 16000;
    const to = 48000;
    const tone = new Int16Array(from).map((_, i) => Math.round(Math.sin((2 * Math.PI * 440 * i) / from) * 10000));
    const out = resample(tone, from, to);
    expect(out.length).toBe(to);
    let crossings = 0;
    for (let i = 1; i < out.length; i++) if (out[i - 1]! < 0 && out[i]! >= 0) crossings++;
    expect(crossings).toBeGreaterThanOrEqual(439);
    expect(crossings).toBeLessThanOrEqual(441);
  });

  it('returns the same samples when the rates match', () => {
    const samples = new Int16Array([1, 2, 3]);
    expect(resample(samples, 22050, 22050)).toBe(samples);
  });
});

describe('sample arithmetic', () => {
  it('converts between milliseconds and samples exactly at common rates', () => {
    expect(msToSamples(1000, 44100)).toBe(44100);
    expect(msToSamples(250, 16000)).toBe(4000);
    expect(samplesToMs(22050, 22050)).toBe(1000);
  });

  it('finds the sound inside engine padding, keeping a short edge', () => {
    const rate = 16000;
    const samples = new Int16Array(rate);
    samples.fill(5000, 4000, 8000);
    const [start, end] = findSoundRange(samples, rate);
    expect(start).toBe(4000 - 240);
    expect(end).toBe(8000 + 240);
    expect(findSoundRange(new Int16Array(100), rate)).toEqual([0, 0]);
  });
});
