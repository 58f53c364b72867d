// Exact sample arithmetic over the programme's PCM, and the trimming of engines' own silence. Pure.
// Clips keep their engine's rate until the join; a programme is joined at one rate (clips of mixed rates joined as
// they are play at the wrong speed) and encoded once to 44.1 kHz.

/** The MP3's sample rate. */
export const OUTPUT_SAMPLE_RATE = 44_100;

export function msToSamples(ms: number, sampleRate: number): number {
  return Math.round((ms * sampleRate) / 1000);
}

export function samplesToMs(samples: number, sampleRate: number): number {
  return Math.round((samples * 1000) / sampleRate);
}

// Engines pad their output with silence of their own; we trim it so that the pauses we write are the pauses
// heard. About -46 dBFS: below speech onsets, above the dither some engines leave in "silence".
const SILENCE_THRESHOLD = 164;
// Keep a little of the quiet edge so soft onsets and release tails ("s", "f") are not clipped.
const EDGE_KEEP_MS = 15;

/** The sub-range of a clip that holds sound, as [start, end) sample indexes. Empty range when all is silence. */
export function findSoundRange(samples: Int16Array, sampleRate: number): [number, number] {
  let first = -1;
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]!) > SILENCE_THRESHOLD) {
      first = i;
      break;
    }
  }
  if (first === -1) return [0, 0];
  let last = first;
  for (let i = samples.length - 1; i > first; i--) {
    if (Math.abs(samples[i]!) > SILENCE_THRESHOLD) {
      last = i;
      break;
    }
  }
  const keep = msToSamples(EDGE_KEEP_MS, sampleRate);
  return [Math.max(0, first - keep), Math.min(samples.length, last + 1 + keep)];
}

/**
 * Stretches of at least `minSeconds` where no sample exceeds `threshold`, as [start, end) sample indexes, in
 * order: the breaks an engine was asked to put between sentences, found again in its output.
 */
export function findSilentStretches(samples: Int16Array, sampleRate: number, minSeconds: number, threshold: number): [number, number][] {
  const minLength = Math.max(1, Math.round(minSeconds * sampleRate));
  const stretches: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= samples.length; i++) {
    const quiet = i < samples.length && Math.abs(samples[i]!) <= threshold;
    if (quiet && start === -1) start = i;
    if (!quiet && start !== -1) {
      if (i - start >= minLength) stretches.push([start, i]);
      start = -1;
    }
  }
  return stretches;
}
