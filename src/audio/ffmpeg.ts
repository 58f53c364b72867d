// Everything briefcast asks of ffmpeg: decode a clip to the programme's PCM format, measure loudness,
// and encode the programme once to constant-bitrate MP3.
import { AudioError } from '../errors.js';
import { runTool, stderrTail } from '../run-tool.js';
import { FFMPEG_PCM_ARGS } from './pcm.js';

const QUIET = ['-hide_banner', '-nostdin', '-loglevel', 'error'] as const;

/** A clip as raw PCM in the programme's format (any rate and channel count in, 44.1 kHz mono s16le out). */
export async function decodeToPcm(ffmpeg: string, inputFile: string, signal?: AbortSignal): Promise<Uint8Array> {
  const result = await runTool(ffmpeg, [...QUIET, '-i', inputFile, ...FFMPEG_PCM_ARGS, 'pipe:1'], { binaryStdout: true, signal });
  if (result.failure === 'aborted') throw signal?.reason ?? new AudioError('Stopped.');
  if (result.failure || !result.stdoutBytes) throw ffmpegFailed(`decoding ${inputFile}`, result.stderr, result.failure);
  return result.stdoutBytes;
}

export interface LoudnessMeasure {
  integratedLufs: number;
  truePeakDbtp: number;
}

/** EBU R128 integrated loudness and true peak of a file (raw programme PCM when pcmInput is set). */
export async function measureLoudness(ffmpeg: string, file: string, options: { pcmInput?: boolean; signal?: AbortSignal } = {}): Promise<LoudnessMeasure> {
  const input = options.pcmInput ? [...FFMPEG_PCM_ARGS, '-i', file] : ['-i', file];
  const result = await runTool(ffmpeg, ['-hide_banner', '-nostdin', '-nostats', ...input, '-af', 'ebur128=peak=true', '-f', 'null', '-'], { signal: options.signal });
  if (result.failure === 'aborted') throw options.signal?.reason ?? new AudioError('Stopped.');
  if (result.failure) throw ffmpegFailed(`measuring the loudness of ${file}`, result.stderr, result.failure);
  return parseEbur128Summary(result.stderr);
}

/** Reads the Summary block that ffmpeg's ebur128 filter prints at the end. */
export function parseEbur128Summary(stderr: string): LoudnessMeasure {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary)?.[1];
  const peak = /True peak:\s+Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary)?.[1];
  if (integrated === undefined || peak === undefined) {
    throw new AudioError(`Could not read ffmpeg's loudness summary: ${stderrTail(stderr)}`);
  }
  const toNumber = (value: string) => (value === '-inf' ? -Infinity : Number(value));
  return { integratedLufs: toNumber(integrated), truePeakDbtp: toNumber(peak) };
}

export interface EncodeOptions {
  bitrateKbps: number;
  gainDb: number;
  /** Sample-peak ceiling of the limiter, in dBFS; set below the true-peak target because MP3 overshoots. */
  limiterCeilingDb: number;
  signal?: AbortSignal;
}

/** Encodes raw programme PCM once to CBR MP3, 44.1 kHz mono, with no tag of ffmpeg's own (we write ID3v2.3). */
export async function encodeMp3(ffmpeg: string, pcmFile: string, outputFile: string, options: EncodeOptions): Promise<void> {
  const ceiling = Math.min(1, Math.max(0.0625, 10 ** (options.limiterCeilingDb / 20)));
  // alimiter's auto level (on by default) would raise the whole programme to the ceiling: turn it off.
  const filter = `volume=${options.gainDb.toFixed(2)}dB,alimiter=limit=${ceiling.toFixed(4)}:attack=5:release=50:level=0`;
  const result = await runTool(ffmpeg, [
    ...QUIET, ...FFMPEG_PCM_ARGS, '-i', pcmFile,
    '-af', filter,
    '-c:a', 'libmp3lame', '-b:a', `${options.bitrateKbps}k`, '-ar', '44100', '-ac', '1',
    '-map_metadata', '-1', '-id3v2_version', '0', '-write_id3v1', '0',
    '-f', 'mp3', '-y', outputFile,
  ], { signal: options.signal });
  if (result.failure === 'aborted') throw options.signal?.reason ?? new AudioError('Stopped.');
  if (result.failure) throw ffmpegFailed(`encoding ${outputFile}`, result.stderr, result.failure);
}

function ffmpegFailed(what: string, stderr: string, failure: string | undefined): AudioError {
  if (failure === 'missing') return new AudioError(`ffmpeg could not be started while ${what}. Install ffmpeg or set FFMPEG_PATH.`);
  return new AudioError(`ffmpeg failed while ${what}: ${stderrTail(stderr) || failure}`);
}
