// Band-limited resampling for the rare programme whose two voices come at different rates (festival's HTS
// voice at 48 kHz beside a 16 kHz diphone voice). Same-rate programmes never pass through here. Pure.

// Half-width of the windowed-sinc kernel, in input samples at the lower of the two rates.
const HALF_TAPS = 16;

export function resample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return samples;
  const ratio = toRate / fromRate;
  const outLength = Math.round(samples.length * ratio);
  const out = new Int16Array(outLength);
  // Downsampling must low-pass at the output's Nyquist frequency; upsampling at the input's.
  const cutoff = Math.min(1, ratio);
  const halfWidth = HALF_TAPS / cutoff;
  for (let i = 0; i < outLength; i++) {
    const center = i / ratio;
    const first = Math.max(0, Math.ceil(center - halfWidth));
    const last = Math.min(samples.length - 1, Math.floor(center + halfWidth));
    let sum = 0;
    for (let j = first; j <= last; j++) {
      const x = (j - center) * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      // Blackman window over the kernel's span.
      const w = 0.42 + 0.5 * Math.cos((Math.PI * (j - center)) / halfWidth) + 0.08 * Math.cos((2 * Math.PI * (j - center)) / halfWidth);
      sum += samples[j]! * sinc * w * cutoff;
    }
    out[i] = Math.max(-32768, Math.min(32767, Math.round(sum)));
  }
  return out;
}
