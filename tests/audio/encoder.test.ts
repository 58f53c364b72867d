// The programme's encoder and the level change it is measured to make, checked against ffmpeg's own loudness
// meter on the same tone written as PCM and as our MP3; and what happens when ffmpeg exits early or hangs.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWithFfmpeg, ffmpegTimeoutMs, measureEncoderGain, startMp3Encoder } from '../../src/audio/ffmpeg.js';
import { AudioError } from '../../src/errors.js';
import { runTool } from '../../src/run-tool.js';
import { measureFileLoudness } from '../helpers/media-tools.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
const RATE = 16_000;
const OPTIONS = { inputRate: RATE, bitrateKbps: 64, limiterCeilingDb: -2 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-encoder-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Six seconds of a two-tone signal below the limiter's ceiling, as the float bytes the encoder reads. */
function testSignal(): Uint8Array {
  const samples = new Float32Array(RATE * 6).map((_, i) => 0.08 * Math.sin((2 * Math.PI * 440 * i) / RATE) + 0.04 * Math.sin((2 * Math.PI * 2500 * i) / RATE));
  return new Uint8Array(samples.buffer);
}

describeWithBinaries('ffmpeg')('the MP3 encoder', () => {
  it('changes the level by what measureEncoderGain says, to a tenth of a dB', async () => {
    const signal = testSignal();
    const mp3 = path.join(dir, 'signal.mp3');
    const encoder = startMp3Encoder(FFMPEG, mp3, OPTIONS);
    await encoder.write(signal);
    await encoder.finish();
    const wav = path.join(dir, 'signal.wav');
    const pcm = await runTool(
      FFMPEG,
      ['-hide_banner', '-loglevel', 'error', '-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', 'pipe:0', '-ar', '44100', '-c:a', 'pcm_s16le', '-y', wav],
      { input: signal },
    );
    expect(pcm.failure).toBeUndefined();

    const observed = (await measureFileLoudness(mp3)).integrated - (await measureFileLoudness(wav)).integrated;
    const predicted = await measureEncoderGain(FFMPEG, dir, OPTIONS);
    expect(Math.abs(predicted)).toBeLessThanOrEqual(3);
    expect(Math.abs(observed - predicted)).toBeLessThanOrEqual(0.1);
  });
});

const FAKES = path.resolve(import.meta.dirname, '../fixtures/ffmpeg');
// The fakes hang for 600 s: a bound far below that, and far above the deadlines, tells a stop from a hang on a busy machine.

/** Feeds the encoder one second of silence at a time until it rejects (or `seconds` have been written). */
async function feedUntilRejected(encoder: ReturnType<typeof startMp3Encoder>, seconds: number): Promise<unknown> {
  const second = new Uint8Array(RATE * 4);
  try {
    for (let i = 0; i < seconds; i++) await encoder.write(second);
    await encoder.finish();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.concurrent('an ffmpeg that does not do its work', () => {
  it('a hung encoder: the write that waits on it fails within its deadline, as an AudioError', async () => {
    const started = Date.now();
    const error = await feedUntilRejected(startMp3Encoder(path.join(FAKES, 'hangs.sh'), path.join(dir, 'hung.mp3'), { ...OPTIONS, timeoutMs: 300 }), 600);
    expect(error).toBeInstanceOf(AudioError);
    expect((error as Error).message).toMatch(/^ffmpeg did not respond for 0\.3 s while encoding the briefing, so it was stopped\./);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('an encoder that does not exit once its input ends: finish fails within its deadline', async () => {
    const started = Date.now();
    const encoder = startMp3Encoder(path.join(FAKES, 'hangs-encoding.sh'), path.join(dir, 'hung-after.mp3'), { ...OPTIONS, timeoutMs: 300 });
    const error = await encoder.finish().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AudioError);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('an encoder that exits 0 without reading: an AudioError, never the broken pipe', async () => {
    const error = await feedUntilRejected(startMp3Encoder(path.join(FAKES, 'exits-without-reading.sh'), path.join(dir, 'gone.mp3'), OPTIONS), 600);
    expect(error).toBeInstanceOf(AudioError);
    expect((error as Error).message).toMatch(/^ffmpeg failed while encoding the briefing: it stopped reading the programme before its end/);
  });

  it('an encoder that exits 0 without its MP3: an AudioError', async () => {
    const encoder = startMp3Encoder(path.join(FAKES, 'reads-all-writes-nothing.sh'), path.join(dir, 'nothing.mp3'), OPTIONS);
    await encoder.write(new Uint8Array(RATE * 4));
    await expect(encoder.finish()).rejects.toThrow(/^ffmpeg failed while encoding the briefing: it exited without writing the MP3\./);
  });

  it('a hung probe or decode is stopped at its deadline', async () => {
    const hangs = path.join(FAKES, 'hangs.sh');
    const started = Date.now();
    await expect(measureEncoderGain(hangs, dir, { ...OPTIONS, timeoutMs: 300 })).rejects.toThrow(
      /^ffmpeg did not respond for 0\.3 s while encoding a test tone/,
    );
    await expect(decodeWithFfmpeg(hangs, path.join(dir, 'clip.aiff'), undefined, 300)).rejects.toBeInstanceOf(AudioError);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('takes its deadline from BRIEFCAST_FFMPEG_TIMEOUT_MS, else a minute', () => {
    expect(ffmpegTimeoutMs({})).toBe(60_000);
    expect(ffmpegTimeoutMs({ BRIEFCAST_FFMPEG_TIMEOUT_MS: '1500' })).toBe(1500);
    for (const bad of ['0', '-5', 'soon', '1.5']) expect(ffmpegTimeoutMs({ BRIEFCAST_FFMPEG_TIMEOUT_MS: bad })).toBe(60_000);
  });
});

describeWithBinaries('ffmpeg')('the encoder gain, kept in the cache', () => {
  it('is measured once for an ffmpeg and its settings, and again once its record is gone', async () => {
    const cacheDir = path.join(dir, 'cache');
    const log = path.join(dir, 'ffmpeg-calls.log');
    process.env.FAKE_FFMPEG_LOG = log;
    const ffmpeg = path.join(FAKES, 'logs-calls.sh');
    const runs = async () => (existsSync(log) ? (await readFile(log, 'utf8')).split('\n').filter(Boolean).length : 0);
    try {
      const first = await measureEncoderGain(ffmpeg, dir, { ...OPTIONS, cacheDir });
      expect(await runs()).toBe(2);
      expect(await measureEncoderGain(ffmpeg, dir, { ...OPTIONS, cacheDir })).toBe(first);
      expect(await runs()).toBe(2);
      await measureEncoderGain(ffmpeg, dir, { ...OPTIONS, bitrateKbps: 96, cacheDir });
      expect(await runs()).toBe(4);
      const records = await readdir(path.join(cacheDir, 'encoders'));
      expect(records).toHaveLength(2);
      for (const name of records) await rm(path.join(cacheDir, 'encoders', name));
      expect(await measureEncoderGain(ffmpeg, dir, { ...OPTIONS, cacheDir })).toBe(first);
      expect(await runs()).toBe(6);
    } finally {
      delete process.env.FAKE_FFMPEG_LOG;
    }
  });
});
