// Joins clips and exact silences into one programme at one sample rate, in programme order, streaming it
// to the encoder, and keeps the sample offset of every segment: chapter times and transcripts derive from them.
import type { PcmClip } from './wav.js';
import { resample } from './resample.js';
import { msToSamples } from './pcm.js';

/** Where the programme's float samples go (the encoder's stdin). */
export type SampleSink = (chunk: Uint8Array) => Promise<void>;

// Samples go out in blocks of this many bytes. Small blocks come from memory the allocator reuses; one fresh
// buffer per clip costs a page fault per 4 KB, a large share of the join's time on these machines.
const BLOCK_BYTES = 64 * 1024;
// Silence is sent from one zeroed block, so long pauses cost no allocation.
const SILENCE_BLOCK = new Uint8Array(BLOCK_BYTES);

export class ProgrammeWriter {
  private samples = 0;
  readonly segmentStarts: number[] = [];
  /** Where each segment's speech ends, before its pause. */
  readonly segmentEnds: number[] = [];

  constructor(
    private readonly sink: SampleSink,
    readonly sampleRate: number,
  ) {}

  get sampleCount(): number {
    return this.samples;
  }

  /**
   * Appends one clip at the programme's rate, scaled by its voice's gain, then its pause. Samples go out as
   * 32-bit floats so a gain above 0 dB cannot clip before the encoder's limiter sees it.
   */
  async appendSegment(clip: PcmClip, gainDb: number, pauseAfterMs: number): Promise<void> {
    this.segmentStarts.push(this.samples);
    const samples = resample(clip.samples, clip.sampleRate, this.sampleRate);
    const gain = 10 ** (gainDb / 20) / 32768;
    const perBlock = BLOCK_BYTES / Float32Array.BYTES_PER_ELEMENT;
    for (let from = 0; from < samples.length; from += perBlock) {
      const to = Math.min(samples.length, from + perBlock);
      // A fresh block each time: the encoder's pipe may still hold the last one.
      const floats = new Float32Array(to - from);
      for (let i = from; i < to; i++) floats[i - from] = samples[i]! * gain;
      await this.sink(new Uint8Array(floats.buffer));
    }
    this.samples += samples.length;
    this.segmentEnds.push(this.samples);
    await this.appendSilence(pauseAfterMs);
  }

  async appendSilence(ms: number): Promise<void> {
    const count = msToSamples(ms, this.sampleRate);
    this.samples += count;
    let remaining = count * Float32Array.BYTES_PER_ELEMENT;
    while (remaining > 0) {
      const size = Math.min(remaining, SILENCE_BLOCK.byteLength);
      await this.sink(SILENCE_BLOCK.subarray(0, size));
      remaining -= size;
    }
  }
}
