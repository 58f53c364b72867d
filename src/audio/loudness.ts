// EBU R128 / ITU-R BS.1770 loudness, computed in JavaScript on clips as they arrive, so the programme's
// gain is known without a second pass over it. Pure.

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

// The K-weighting filter of BS.1770, derived for any sample rate (the two stages as libebur128 writes them).
function kWeighting(sampleRate: number): [Biquad, Biquad] {
  const shelfF0 = 1681.974450955533;
  const shelfGain = 3.999843853973347;
  const shelfQ = 0.7071752369554196;
  let K = Math.tan((Math.PI * shelfF0) / sampleRate);
  const Vh = 10 ** (shelfGain / 20);
  const Vb = Vh ** 0.4996667741545416;
  let a0 = 1 + K / shelfQ + K * K;
  const shelf: Biquad = {
    b0: (Vh + (Vb * K) / shelfQ + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / shelfQ + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / shelfQ + K * K) / a0,
  };
  const highpassF0 = 38.13547087602444;
  const highpassQ = 0.5003270373238773;
  K = Math.tan((Math.PI * highpassF0) / sampleRate);
  a0 = 1 + K / highpassQ + K * K;
  const highpass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (K * K - 1)) / a0, a2: (1 - K / highpassQ + K * K) / a0 };
  return [shelf, highpass];
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

function energyToLufs(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

function lufsToEnergy(lufs: number): number {
  return 10 ** ((lufs + 0.691) / 10);
}

/**
 * Mean squares of the K-weighted signal over 400 ms blocks stepped by 100 ms (75% overlap), optionally with
 * silence before and after the samples (`leadingZeros`, `trailingZeros`, in samples).
 */
export function blockEnergies(samples: Int16Array, sampleRate: number, leadingZeros = 0, trailingZeros = 0): number[] {
  const [s1, s2] = kWeighting(sampleRate);
  const step = Math.round(sampleRate / 10);
  const squares = new Float64Array(Math.floor((leadingZeros + samples.length + trailingZeros) / step));
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0,
    z1 = 0,
    z2 = 0;
  let sum = 0;
  let block = 0;
  for (let i = 0; i < squares.length * step; i++) {
    const at = i - leadingZeros;
    const x = at >= 0 && at < samples.length ? samples[at]! / 32768 : 0;
    const y = s1.b0 * x + s1.b1 * x1 + s1.b2 * x2 - s1.a1 * y1 - s1.a2 * y2;
    x2 = x1;
    x1 = x;
    const z = s2.b0 * y + s2.b1 * y1 + s2.b2 * y2 - s2.a1 * z1 - s2.a2 * z2;
    y2 = y1;
    y1 = y;
    z2 = z1;
    z1 = z;
    sum += z * z;
    if ((i + 1) % step === 0) {
      squares[block++] = sum / step;
      sum = 0;
    }
  }
  const energies: number[] = [];
  for (let b = 3; b < squares.length; b++) {
    energies.push((squares[b - 3]! + squares[b - 2]! + squares[b - 1]! + squares[b]!) / 4);
  }
  return energies;
}

/** Gated integrated loudness (LUFS) of a set of block energies; -Infinity when all are below the gate. */
export function integratedLoudness(energies: ArrayLike<number>): number {
  const absoluteGate = lufsToEnergy(ABSOLUTE_GATE_LUFS);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < energies.length; i++) {
    if (energies[i]! > absoluteGate) {
      sum += energies[i]!;
      count++;
    }
  }
  if (!count) return -Infinity;
  const relativeGate = lufsToEnergy(energyToLufs(sum / count) + RELATIVE_GATE_LU);
  sum = 0;
  count = 0;
  for (let i = 0; i < energies.length; i++) {
    if (energies[i]! > relativeGate && energies[i]! > absoluteGate) {
      sum += energies[i]!;
      count++;
    }
  }
  return count ? energyToLufs(sum / count) : -Infinity;
}

export function measureClipLoudness(samples: Int16Array, sampleRate: number): number {
  return integratedLoudness(blockEnergies(samples, sampleRate));
}

// Block loudness is kept in a histogram of 0.1 LU bins, as libebur128 does, so a voice's running loudness
// costs the same for the hundredth clip as for the first, however long the article.
const HISTOGRAM_FLOOR_LUFS = ABSOLUTE_GATE_LUFS;
const HISTOGRAM_BIN_LU = 0.1;
const HISTOGRAM_BINS = 900; // -70 to +20 LUFS

/**
 * A voice's loudness so far: every block of every clip it has spoken, seeded with its calibration as if
 * `priorBlocks` blocks at that level had been heard, so the first sentences are not judged on a few words.
 */
export class VoiceLoudness {
  private readonly counts = new Float64Array(HISTOGRAM_BINS);
  private readonly sums = new Float64Array(HISTOGRAM_BINS);

  constructor(priorLufs: number, priorBlocks = 100) {
    if (Number.isFinite(priorLufs)) for (let i = 0; i < priorBlocks; i++) this.addEnergy(lufsToEnergy(priorLufs));
  }

  /**
   * Adds a clip, with the silences the programme puts around it: the blocks that straddle a pause pull a
   * programme's integrated loudness down, and a gain that ignored them would leave it short of its target.
   */
  add(samples: Int16Array, sampleRate: number, silenceBeforeMs = 0, silenceAfterMs = 0): void {
    // Only the 300 ms next to the clip can share a 400 ms block with it.
    const edge = (ms: number) => Math.round((Math.min(ms, 300) * sampleRate) / 1000);
    for (const energy of blockEnergies(samples, sampleRate, edge(silenceBeforeMs), edge(silenceAfterMs))) this.addEnergy(energy);
  }

  private addEnergy(energy: number): void {
    const lufs = energyToLufs(energy);
    if (!(lufs > HISTOGRAM_FLOOR_LUFS)) return;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor((lufs - HISTOGRAM_FLOOR_LUFS) / HISTOGRAM_BIN_LU));
    this.counts[bin]! += 1;
    this.sums[bin]! += energy;
  }

  get lufs(): number {
    const gatedMean = (fromBin: number): number => {
      let sum = 0;
      let count = 0;
      for (let bin = Math.max(0, fromBin); bin < HISTOGRAM_BINS; bin++) {
        sum += this.sums[bin]!;
        count += this.counts[bin]!;
      }
      return count ? energyToLufs(sum / count) : -Infinity;
    };
    const ungated = gatedMean(0);
    if (!Number.isFinite(ungated)) return -Infinity;
    return gatedMean(Math.ceil((ungated + RELATIVE_GATE_LU - HISTOGRAM_FLOOR_LUFS) / HISTOGRAM_BIN_LU));
  }
}

/**
 * How much loudness (LU) a peak limiter takes from a clip played at gainDb: voices with a high crest factor
 * (espeak-ng) lose more than a LU to the encoder's limiter, so their gain must make up for it. A simple model of
 * ffmpeg's alimiter (look-ahead attack, exponential release) is enough to predict the loss.
 */
export function estimateLimiterLoss(samples: Int16Array, sampleRate: number, gainDb: number, ceilingDb: number, attackMs = 5, releaseMs = 50): number {
  const gain = 10 ** (gainDb / 20);
  const ceiling = 32768 * 10 ** (ceilingDb / 20);
  const lookahead = Math.max(1, Math.round((attackMs / 1000) * sampleRate));
  const release = 1 - Math.exp(-1 / ((releaseMs / 1000) * sampleRate));
  const needed = new Float64Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const level = Math.abs(samples[i]! * gain);
    needed[i] = level > ceiling ? ceiling / level : 1;
  }
  const limited = new Int16Array(samples.length);
  const scaled = new Int16Array(samples.length);
  // The look-ahead minimum of `needed` over [i, i + lookahead), kept in a monotonic queue of indexes so the
  // estimate costs one pass however long the attack.
  const queue = new Int32Array(samples.length);
  let head = 0;
  let tail = 0;
  let envelope = 1;
  for (let i = 0, next = 0; i < samples.length; i++) {
    for (; next < Math.min(samples.length, i + lookahead); next++) {
      while (tail > head && needed[queue[tail - 1]!]! >= needed[next]!) tail--;
      queue[tail++] = next;
    }
    while (queue[head]! < i) head++;
    const want = needed[queue[head]!]!;
    envelope = want < envelope ? want : envelope + (1 - envelope) * release;
    // The scaled clip is measured in the same 16-bit range, so both sides saturate alike.
    const value = samples[i]! * gain;
    scaled[i] = Math.max(-32768, Math.min(32767, Math.round(value / 4)));
    limited[i] = Math.max(-32768, Math.min(32767, Math.round((value * envelope) / 4)));
  }
  return Math.max(0, measureClipLoudness(scaled, sampleRate) - measureClipLoudness(limited, sampleRate));
}
