// Real ffmpeg and ffprobe for the publish tests, through the project's one process spawner. These tests do not
// skip when the binaries are missing: under CI=true that must be a failure, and a clear one.
import { runTool, stderrTail } from '../../src/run-tool.js';

const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? 'ffprobe';

async function runOrThrow(file: string, args: string[]): Promise<string> {
  const result = await runTool(file, args, { timeoutMs: 60_000 });
  if (result.failure) {
    throw new Error(
      `${file} ${result.failure === 'missing' ? 'is not installed (needed on PATH)' : `failed (${result.failure})`}: ${stderrTail(result.stderr)}`,
    );
  }
  return result.stdout;
}

/** A CBR 64 kbps mono MP3 of a sine tone, with no tag of ffmpeg's own unless `title` is given (then ffmpeg writes its v2.4 tag). */
export async function encodeToneMp3(outputFile: string, seconds: number, title?: string): Promise<void> {
  const tagArgs = title === undefined ? ['-id3v2_version', '0'] : ['-metadata', `title=${title}`, '-id3v2_version', '4'];
  await runOrThrow(FFMPEG, [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100',
    '-t',
    String(seconds),
    '-ac',
    '1',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '64k',
    ...tagArgs,
    '-write_id3v1',
    '0',
    outputFile,
  ]);
}

export interface ProbeResult {
  chapters: { start_time: string; end_time: string; tags?: Record<string, string> }[];
  format: { duration?: string; tags?: Record<string, string> };
}

/** ffprobe's view of the file's chapters and container tags. */
export async function probeFile(file: string): Promise<ProbeResult> {
  return JSON.parse(await runOrThrow(FFPROBE, ['-v', 'error', '-show_chapters', '-show_format', '-of', 'json', file])) as ProbeResult;
}

/** Sizes of every MP3 frame: a constant-bitrate file has one size, plus one byte where the encoder pads. */
export async function probePacketSizes(file: string): Promise<number[]> {
  const out = await runOrThrow(FFPROBE, ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=size', '-of', 'csv=p=0', file]);
  // csv lines may carry a trailing comma (side data) or be empty.
  return out
    .split('\n')
    .map((line) => Number.parseInt(line, 10))
    .filter(Number.isFinite);
}

/** Stream facts as ffprobe reads them. */
export async function probeStream(file: string): Promise<{ codec_name: string; sample_rate: string; channels: number; bit_rate: string; duration: string }> {
  const out = await runOrThrow(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'a:0',
    '-show_entries',
    'stream=codec_name,sample_rate,channels,bit_rate,duration',
    '-of',
    'json',
    file,
  ]);
  return (JSON.parse(out) as { streams: [never] }).streams[0];
}

/** EBU R128 integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's ebur128 filter measures them. */
export async function measureFileLoudness(file: string): Promise<{ integrated: number; truePeak: number }> {
  const result = await runTool(FFMPEG, ['-hide_banner', '-nostdin', '-nostats', '-i', file, '-af', 'ebur128=peak=true', '-f', 'null', '-'], {
    timeoutMs: 120_000,
  });
  if (result.failure) throw new Error(`ffmpeg ebur128 failed: ${stderrTail(result.stderr)}`);
  const summary = result.stderr.slice(result.stderr.lastIndexOf('Summary:'));
  return {
    integrated: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]),
    truePeak: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)?.[1]),
  };
}

/** Silent stretches (start and end in seconds) as ffmpeg's silencedetect filter finds them. */
export async function detectSilences(file: string, minSeconds: number, noiseDb = -50): Promise<{ start: number; end: number }[]> {
  const result = await runTool(
    FFMPEG,
    ['-hide_banner', '-nostdin', '-nostats', '-i', file, '-af', `silencedetect=noise=${noiseDb}dB:d=${minSeconds}`, '-f', 'null', '-'],
    { timeoutMs: 120_000 },
  );
  if (result.failure) throw new Error(`ffmpeg silencedetect failed: ${stderrTail(result.stderr)}`);
  const starts = [...result.stderr.matchAll(/silence_start: (-?[\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...result.stderr.matchAll(/silence_end: (-?[\d.]+)/g)].map((m) => Number(m[1]));
  return starts.map((start, i) => ({ start, end: ends[i] ?? Number.POSITIVE_INFINITY }));
}
