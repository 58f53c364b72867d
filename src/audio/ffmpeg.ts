// Everything briefcast asks of ffmpeg: decode a clip no WAV reader of ours understands, and encode the
// programme once, streamed, to constant-bitrate MP3. (Loudness is measured in JS: audio/loudness.ts.) Every run has
// a deadline: an ffmpeg that hangs is stopped and reported as an audio error, never waited for.
import { createHash } from 'node:crypto';
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { numberIn, readCacheRecord, writeCacheRecord } from '../cache-file.js';
import { AudioError } from '../errors.js';
import { runTool, startTool, stderrTail, ToolExitedError, type ToolResult } from '../run-tool.js';
import { OUTPUT_SAMPLE_RATE } from './pcm.js';
import type { PcmClip } from './wav.js';

const QUIET = ['-hide_banner', '-nostdin', '-loglevel', 'error'] as const;

function rawInput(format: 's16le' | 'f32le', sampleRate: number): string[] {
  return ['-f', format, '-ar', String(sampleRate), '-ac', '1'];
}

/** How long ffmpeg may keep briefcast waiting. */
const DEFAULT_FFMPEG_TIMEOUT_MS = 60_000;

/**
 * ffmpeg's deadline: how long one run (a decode, the encoder probe) may take, and how long the streaming encoder
 * may go without taking the programme's next samples or, after the last, without exiting. BRIEFCAST_FFMPEG_TIMEOUT_MS
 * changes it (tests shorten it to fault-inject a hung ffmpeg quickly).
 */
export function ffmpegTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const setting = Number(env.BRIEFCAST_FFMPEG_TIMEOUT_MS);
  return Number.isSafeInteger(setting) && setting > 0 ? setting : DEFAULT_FFMPEG_TIMEOUT_MS;
}

/** A clip in any format ffmpeg reads, as mono 16-bit samples at the output rate. */
export async function decodeWithFfmpeg(ffmpeg: string, inputFile: string, signal?: AbortSignal, timeoutMs = ffmpegTimeoutMs()): Promise<PcmClip> {
  const result = await runTool(ffmpeg, [...QUIET, '-i', inputFile, ...rawInput('s16le', OUTPUT_SAMPLE_RATE), 'pipe:1'], {
    binaryStdout: true,
    signal,
    timeoutMs,
  });
  if (result.failure === 'aborted') throw signal?.reason ?? new AudioError('Stopped.');
  if (result.failure || !result.stdoutBytes) throw ffmpegFailed(`decoding ${inputFile}`, result, timeoutMs);
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
  /** ffmpegTimeoutMs() unless given. */
  timeoutMs?: number;
}

export interface Mp3Encoder {
  write(chunk: Uint8Array): Promise<void>;
  finish(): Promise<void>;
}

/** ffmpeg's argv for the programme's encode: float samples in, limited, CBR MP3 out. */
export function encoderArgs(input: string, outputFile: string, options: Omit<EncoderOptions, 'signal' | 'timeoutMs'>): string[] {
  const ceiling = Math.min(1, Math.max(0.0625, 10 ** (options.limiterCeilingDb / 20)));
  // alimiter's auto level (on by default) would raise the whole programme to the ceiling: turn it off.
  // Limit at the output rate: peaks between the engine's samples only appear once upsampled.
  const filter = `aresample=${OUTPUT_SAMPLE_RATE},alimiter=limit=${ceiling.toFixed(4)}:attack=5:release=50:level=0`;
  return [
    ...QUIET,
    ...rawInput('f32le', options.inputRate),
    '-i',
    input,
    '-af',
    filter,
    // LAME's quality 7 halves the encode's CPU (8.1 s to 4.3 s for 31 minutes here) at the same constant bitrate;
    // its finer noise shaping buys little on synthetic speech at 64 kbps.
    '-c:a',
    'libmp3lame',
    '-b:a',
    `${options.bitrateKbps}k`,
    '-compression_level',
    '7',
    '-ar',
    String(OUTPUT_SAMPLE_RATE),
    '-ac',
    '1',
    // Nothing lies above the engines' Nyquist frequency (8 kHz for a 16 kHz voice): LAME's low-pass there spends
    // no bits and no time on an empty band (about 4% of the encode).
    '-cutoff',
    String(Math.min(20_000, Math.floor(options.inputRate / 2))),
    '-map_metadata',
    '-1',
    '-id3v2_version',
    '0',
    '-write_id3v1',
    '0',
    '-f',
    'mp3',
    '-y',
    outputFile,
  ];
}

/**
 * One long-lived ffmpeg that reads the programme as mono 32-bit float samples (native byte order, little-endian
 * on every platform Node runs on) on stdin while synthesis is still going, limits peaks, and encodes once to
 * CBR MP3, 44.1 kHz mono, with no tag of its own (we write ID3v2.3).
 */
export function startMp3Encoder(ffmpeg: string, outputFile: string, options: EncoderOptions): Mp3Encoder {
  // The deadline runs from the last samples ffmpeg took, so a programme of any length may take as long as its
  // synthesis does, while an ffmpeg that stops reading (or never exits) is stopped within the deadline.
  const timeoutMs = options.timeoutMs ?? ffmpegTimeoutMs();
  const tool = startTool(ffmpeg, encoderArgs('pipe:0', outputFile, options), { signal: options.signal, stallTimeoutMs: timeoutMs });
  const settle = async (): Promise<ToolResult> => {
    const result = await tool.finish();
    if (result.failure === 'aborted') throw options.signal?.reason ?? new AudioError('Stopped.');
    if (result.failure) throw ffmpegFailed('encoding the briefing', result, timeoutMs);
    return result;
  };
  const finish = async () => {
    const result = await settle();
    // An ffmpeg that exits 0 without its MP3 is as broken as one that fails.
    const start = await readStart(outputFile, 2);
    if (!start.length) throw ffmpegFailed('encoding the briefing', { ...result, failure: 'no output' }, timeoutMs);
    if (!isMp3FrameStart(start)) throw ffmpegFailed('encoding the briefing', { ...result, failure: 'not mp3' }, timeoutMs);
  };
  return {
    async write(chunk) {
      try {
        await tool.write(chunk);
      } catch (error) {
        if (!(error instanceof ToolExitedError)) throw error;
        // ffmpeg stopped reading (failing midway, or hung): its exit status and stderr say why, not the broken pipe.
        const result = await settle();
        throw ffmpegFailed('encoding the briefing', { ...result, failure: 'stopped reading' }, timeoutMs);
      }
    },
    finish,
  };
}

/** The first `count` bytes of a file (fewer when it is shorter, none when it is missing). */
async function readStart(file: string, count: number): Promise<Buffer> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return Buffer.alloc(0);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(count), 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** An MP3 frame's 11-bit sync word: the encode has no tag of its own, so its file starts with a frame (Xing/Info). */
function isMp3FrameStart(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0;
}

const PROBE_TONE_HZ = 1000;
const PROBE_TONE_AMPLITUDE = 0.25;
const PROBE_SECONDS = 2;

/**
 * The level change (dB) of the encode itself, read back through ffmpeg's decoder. LAME as ffmpeg 5.1 drives it
 * leaves its output 0.45 dB below its input, at 150 Hz, 1 kHz and 4 kHz, at 64 and 128 kbps: a programme fed at
 * -16 LUFS came out at -16.45. Measured on a quiet tone (which the limiter leaves alone)
 * with the programme's own encoder settings: two short ffmpeg runs, made while synthesis starts, and kept in
 * `cacheDir` for this ffmpeg binary and these settings. 0 when the measurement is implausible, so a strange ffmpeg
 * costs at most that correction.
 */
export async function measureEncoderGain(
  ffmpeg: string,
  workDir: string,
  options: Omit<EncoderOptions, 'signal'> & { signal?: AbortSignal; cacheDir?: string },
): Promise<number> {
  const record = options.cacheDir ? await encoderGainRecord(ffmpeg, options.cacheDir, options) : undefined;
  if (record) {
    const cached = await readCacheRecord(record.file, record.name, acceptEncoderGain);
    if (cached) return cached.gainDb;
  }
  const timeoutMs = options.timeoutMs ?? ffmpegTimeoutMs();
  const rate = options.inputRate;
  const tone = new Float32Array(rate * PROBE_SECONDS).map((_, i) => PROBE_TONE_AMPLITUDE * Math.sin((2 * Math.PI * PROBE_TONE_HZ * i) / rate));
  const mp3 = path.join(workDir, 'encoder-probe.mp3');
  const encoded = await runTool(ffmpeg, encoderArgs('pipe:0', mp3, options), { input: new Uint8Array(tone.buffer), signal: options.signal, timeoutMs });
  if (encoded.failure === 'aborted') throw options.signal?.reason ?? new AudioError('Stopped.');
  if (encoded.failure) throw ffmpegFailed('encoding a test tone', encoded, timeoutMs);
  const decoded = await decodeWithFfmpeg(ffmpeg, mp3, options.signal, timeoutMs);
  // The middle of the tone: the encoder's delay and padding sit at the edges.
  const middle = decoded.samples.subarray(Math.floor(decoded.samples.length * 0.25), Math.floor(decoded.samples.length * 0.75));
  let sum = 0;
  for (const sample of middle) sum += (sample / 32768) ** 2;
  const measured = acceptEncoderGain({ gainDb: 10 * Math.log10(sum / Math.max(1, middle.length) / (PROBE_TONE_AMPLITUDE ** 2 / 2)) });
  if (!measured) return 0;
  if (record) await writeCacheRecord(record.file, record.name, measured);
  return measured.gainDb;
}

const MAX_ENCODER_GAIN_DB = 3;

function acceptEncoderGain(value: Record<string, unknown>): { gainDb: number } | undefined {
  const gainDb = numberIn(value.gainDb, -MAX_ENCODER_GAIN_DB, MAX_ENCODER_GAIN_DB);
  return gainDb === undefined ? undefined : { gainDb };
}

/**
 * Where this ffmpeg's gain at these settings is kept. The binary is known by its real path and its file identity
 * (size, modification time, inode): installing another ffmpeg version there makes another record. Undefined when
 * the binary cannot be examined (then it is measured each time).
 */
async function encoderGainRecord(
  ffmpeg: string,
  cacheDir: string,
  options: Omit<EncoderOptions, 'signal' | 'timeoutMs'>,
): Promise<{ file: string; name: string } | undefined> {
  try {
    const binary = await realpath(ffmpeg);
    const info = await stat(binary);
    const settings = [options.inputRate, options.bitrateKbps, options.limiterCeilingDb, PROBE_TONE_HZ, PROBE_TONE_AMPLITUDE, PROBE_SECONDS];
    const name = createHash('sha256')
      .update(JSON.stringify(['encoder-gain-1', binary, info.size, info.mtimeMs, info.ino, ...settings]))
      .digest('hex');
    return { file: path.join(cacheDir, 'encoders', `${name}.json`), name };
  } catch {
    return undefined;
  }
}

function ffmpegFailed(what: string, result: Pick<ToolResult, 'stderr' | 'exitCode' | 'signalName'> & { failure?: string }, timeoutMs: number): AudioError {
  const { failure } = result;
  if (failure === 'missing') return new AudioError(`ffmpeg could not be started while ${what}. Install ffmpeg or set FFMPEG_PATH.`);
  if (failure === 'timeout') {
    return new AudioError(
      `ffmpeg did not respond for ${Math.round(timeoutMs / 100) / 10} s while ${what}, so it was stopped. Check that FFMPEG_PATH or --ffmpeg names a working ffmpeg.`,
    );
  }
  const reason = stderrTail(result.stderr) || describeFailure(result);
  return new AudioError(`ffmpeg failed while ${what}: ${reason}. Check that this ffmpeg can encode MP3 (libmp3lame), or point FFMPEG_PATH at another.`);
}

function describeFailure({ failure, exitCode, signalName }: { failure?: string; exitCode?: number; signalName?: string }): string {
  if (failure === 'exit' && exitCode !== undefined) return `exit status ${exitCode} with no message`;
  if (failure === 'signal') return `it was killed by ${signalName ?? 'a signal'}`;
  if (failure === 'no output') return 'it exited without writing the MP3';
  if (failure === 'not mp3') return 'what it wrote is not MP3 audio';
  if (failure === 'stopped reading') return 'it stopped reading the programme before its end, with no message';
  return failure ?? 'unknown failure';
}
