// Everything briefcast asks of ffmpeg: decode a clip no WAV reader of ours understands, and encode the
// programme once, streamed, to constant-bitrate MP3. (Loudness is measured in JS: audio/loudness.ts.)
import { AudioError } from '../errors.js';
import { runTool, startTool, stderrTail } from '../run-tool.js';
import { OUTPUT_SAMPLE_RATE } from './pcm.js';
import type { PcmClip } from './wav.js';

const QUIET = ['-hide_banner', '-nostdin', '-loglevel', 'error'] as const;

function rawInput(format: 's16le' | 'f32le', sampleRate: number): string[] {
  return ['-f', format, '-ar', String(sampleRate), '-ac', '1'];
}

/** A clip in any format ffmpeg reads, as mono 16-bit samples at the output rate. */
export async function decodeWithFfmpeg(ffmpeg: string, inputFile: string, signal?: AbortSignal): Promise<PcmClip> {
  const result = await runTool(ffmpeg, [...QUIET, '-i', inputFile, ...rawInput('s16le', OUTPUT_SAMPLE_RATE), 'pipe:1'], { binaryStdout: true, signal });
  if (result.failure === 'aborted') throw signal?.reason ?? new AudioError('Stopped.');
  if (result.failure || !result.stdoutBytes) throw ffmpegFailed(`decoding ${inputFile}`, result.stderr, result.failure);
  const bytes = result.stdoutBytes;
  const samples = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)));
  return { sampleRate: OUTPUT_SAMPLE_RATE, samples };
}

export interface EncoderOptions {
  /** Rate of the float samples written to the encoder. */
  inputRate: number;
  bitrateKbps: number;
  /** Sample-peak ceiling of the limiter, in dBFS; set below the true-peak target because MP3 overshoots. */
  limiterCeilingDb: number;
  signal?: AbortSignal;
}

export interface Mp3Encoder {
  write(chunk: Uint8Array): Promise<void>;
  finish(): Promise<void>;
}

/**
 * One long-lived ffmpeg that reads the programme as mono 32-bit float samples (native byte order, little-endian
 * on every platform Node runs on) on stdin while synthesis is still going, limits peaks, and encodes once to
 * CBR MP3, 44.1 kHz mono, with no tag of its own (we write ID3v2.3).
 */
export function startMp3Encoder(ffmpeg: string, outputFile: string, options: EncoderOptions): Mp3Encoder {
  const ceiling = Math.min(1, Math.max(0.0625, 10 ** (options.limiterCeilingDb / 20)));
  // alimiter's auto level (on by default) would raise the whole programme to the ceiling: turn it off.
  // Limit at the output rate: peaks between the engine's samples only appear once upsampled.
  const filter = `aresample=${OUTPUT_SAMPLE_RATE},alimiter=limit=${ceiling.toFixed(4)}:attack=5:release=50:level=0`;
  const tool = startTool(ffmpeg, [
    ...QUIET, ...rawInput('f32le', options.inputRate), '-i', 'pipe:0',
    '-af', filter,
    // LAME's quality 7 halves the encode's CPU (8.1 s to 4.3 s for 31 minutes here) at the same constant bitrate;
    // its finer noise shaping buys little on synthetic speech at 64 kbps.
    '-c:a', 'libmp3lame', '-b:a', `${options.bitrateKbps}k`, '-compression_level', '7', '-ar', String(OUTPUT_SAMPLE_RATE), '-ac', '1',
    '-map_metadata', '-1', '-id3v2_version', '0', '-write_id3v1', '0',
    '-f', 'mp3', '-y', outputFile,
  ], { signal: options.signal });
  return {
    write: (chunk) => tool.write(chunk),
    async finish() {
      const result = await tool.finish();
      if (result.failure === 'aborted') throw options.signal?.reason ?? new AudioError('Stopped.');
      if (result.failure) throw ffmpegFailed('encoding the briefing', result.stderr, result.failure);
    },
  };
}

function ffmpegFailed(what: string, stderr: string, failure: string | undefined): AudioError {
  if (failure === 'missing') return new AudioError(`ffmpeg could not be started while ${what}. Install ffmpeg or set FFMPEG_PATH.`);
  return new AudioError(`ffmpeg failed while ${what}: ${stderrTail(stderr) || failure}. Check that this ffmpeg can encode MP3 (libmp3lame), or point FFMPEG_PATH at another.`);
}
