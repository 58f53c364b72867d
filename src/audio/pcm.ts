// The one PCM format every clip is brought to before joining, and exact sample arithmetic over it. Pure.
// Engines write 8, 16, 22.05 or 32 kHz; joining mixed rates plays them at the wrong speed (DESIGN.md).

export const SAMPLE_RATE = 44_100;
export const CHANNELS = 1;
export const BYTES_PER_SAMPLE = 2; // signed 16-bit little-endian
/** ffmpeg's name for the format above, used on both sides of every pipe. */
export const FFMPEG_PCM_ARGS = ['-f', 's16le', '-ar', String(SAMPLE_RATE), '-ac', String(CHANNELS)] as const;

export function msToSamples(ms: number): number {
  return Math.round((ms * SAMPLE_RATE) / 1000);
}

export function samplesToMs(samples: number): number {
  return Math.round((samples * 1000) / SAMPLE_RATE);
}

// Engines pad their output with silence of their own; we trim it so that the pauses we write are the pauses
// heard. About -46 dBFS: below speech onsets, above the dither some engines leave in "silence".
const SILENCE_THRESHOLD = 164;
// Keep a little of the quiet edge so soft onsets and release tails ("s", "f") are not clipped.
const EDGE_KEEP_SAMPLES = msToSamples(15);

/** The sub-range of a clip that holds sound, as [startSample, endSample). Empty range when all is silence. */
export function findSoundRange(pcm: Uint8Array): [number, number] {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const count = Math.floor(pcm.byteLength / BYTES_PER_SAMPLE);
  let first = -1;
  for (let i = 0; i < count; i++) {
    if (Math.abs(view.getInt16(i * 2, true)) > SILENCE_THRESHOLD) {
      first = i;
      break;
    }
  }
  if (first === -1) return [0, 0];
  let last = first;
  for (let i = count - 1; i > first; i--) {
    if (Math.abs(view.getInt16(i * 2, true)) > SILENCE_THRESHOLD) {
      last = i;
      break;
    }
  }
  return [Math.max(0, first - EDGE_KEEP_SAMPLES), Math.min(count, last + 1 + EDGE_KEEP_SAMPLES)];
}

/** The clip without the engine's leading and trailing silence (a view, not a copy). */
export function trimSilence(pcm: Uint8Array): Uint8Array {
  const [start, end] = findSoundRange(pcm);
  return pcm.subarray(start * BYTES_PER_SAMPLE, end * BYTES_PER_SAMPLE);
}

/** Root-mean-square level of a clip in dBFS; -Infinity for digital silence. */
export function rmsDbfs(pcm: Uint8Array): number {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const count = Math.floor(pcm.byteLength / BYTES_PER_SAMPLE);
  if (!count) return -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const sample = view.getInt16(i * 2, true) / 32768;
    sum += sample * sample;
  }
  return 10 * Math.log10(sum / count);
}
