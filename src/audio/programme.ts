// Joins clips and exact silences into one programme at one sample rate, in programme order, streaming it
// to the encoder, and keeps the sample offset of every segment: chapter times and transcripts derive from them.
import type { PcmClip } from './wav.js';
import { resample } from './resample.js';
import { msToSamples } from './pcm.js';

/**
 * Where the programme's float samples go (the encoder's stdin). It resolves once it has taken the chunk: the
 * writer then fills the same memory again.
 */
export type SampleSink = (chunk: Uint8Array) => Promise<void>;

// Samples go out in blocks of this many bytes, all through one block: a fresh buffer per block (111 MB for a
// 30-minute programme) cost a page fault per 4 KB and garbage collections of the buffers left behind.
const BLOCK_BYTES = 64 * 1024;
// Silence is sent from one zeroed block, so long pauses cost no allocation.
const SILENCE_BLOCK = new Uint8Array(BLOCK_BYTES);

export class ProgrammeWriter {
  private samples = 0;
  private readonly block = new Float32Array(BLOCK_BYTES / Float32Array.BYTES_PER_ELEMENT);
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
    const block = this.block;
    for (let from = 0; from < samples.length; from += block.length) {
      const count = Math.min(block.length, samples.length - from);
      for (let i = 0; i < count; i++) block[i] = samples[from + i]! * gain;
      await this.sink(new Uint8Array(block.buffer, 0, count * Float32Array.BYTES_PER_ELEMENT));
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
