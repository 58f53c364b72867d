// Joins clips and exact silences into one raw PCM file, in programme order, and keeps the sample offset of
// every segment: chapter times, transcripts and feeds all derive from these offsets.
import { open, type FileHandle } from 'node:fs/promises';
import { BYTES_PER_SAMPLE, msToSamples } from './pcm.js';

// Silence is written from one zeroed block, so long pauses cost no allocation.
const SILENCE_BLOCK = new Uint8Array(64 * 1024);

export class ProgrammeWriter {
  private samples = 0;
  readonly segmentStarts: number[] = [];
  /** Where each segment's speech ends, before its pause. */
  readonly segmentEnds: number[] = [];

  private constructor(private readonly file: FileHandle, readonly path: string) {}

  static async create(path: string): Promise<ProgrammeWriter> {
    return new ProgrammeWriter(await open(path, 'w'), path);
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** Appends one segment's audio followed by its pause; records where the segment starts. */
  async appendSegment(pcm: Uint8Array, pauseAfterMs: number): Promise<void> {
    this.segmentStarts.push(this.samples);
    const whole = pcm.subarray(0, pcm.byteLength - (pcm.byteLength % BYTES_PER_SAMPLE));
    await this.file.write(whole);
    this.samples += whole.byteLength / BYTES_PER_SAMPLE;
    this.segmentEnds.push(this.samples);
    await this.appendSilence(pauseAfterMs);
  }

  async appendSilence(ms: number): Promise<void> {
    let remaining = msToSamples(ms) * BYTES_PER_SAMPLE;
    this.samples += remaining / BYTES_PER_SAMPLE;
    while (remaining > 0) {
      const size = Math.min(remaining, SILENCE_BLOCK.byteLength);
      await this.file.write(SILENCE_BLOCK, 0, size);
      remaining -= size;
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
