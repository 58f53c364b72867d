// The programme's encoder and the level change it is measured to make, checked against ffmpeg's own loudness
// meter on the same tone written as PCM and as our MP3.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { measureEncoderGain, startMp3Encoder } from '../../src/audio/ffmpeg.js';
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
    const pcm = await runTool(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', 'pipe:0', '-ar', '44100', '-c:a', 'pcm_s16le', '-y', wav], { input: signal });
    expect(pcm.failure).toBeUndefined();

    const observed = (await measureFileLoudness(mp3)).integrated - (await measureFileLoudness(wav)).integrated;
    const predicted = await measureEncoderGain(FFMPEG, dir, OPTIONS);
    expect(Math.abs(predicted)).toBeLessThanOrEqual(3);
    expect(Math.abs(observed - predicted)).toBeLessThanOrEqual(0.1);
  });
});
