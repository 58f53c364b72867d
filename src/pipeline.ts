// The whole briefing, stage by stage: read -> parse -> plan -> synthesize + join -> loudness -> encode -> tag.
// This is also the library API.
import { mkdtemp, mkdir, rename, rm, open, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readInput, type InputText } from './read/read-input.js';
import { parseArticle } from './article/parse-article.js';
import { slugify } from './article/slug.js';
import { planScript } from './script/plan-script.js';
import { DEFAULT_BITRATE_KBPS, DEFAULT_PAUSES, LIMITER_CEILING_DB, TARGET_LUFS, type Pauses } from './defaults.js';
import { selectEngine, resolveVoices, type SelectedEngine } from './speech/engines/index.js';
import type { EngineName, EngineInfo, SpeechEngine } from './speech/engine.js';
import { synthesizeClips } from './speech/synthesize-clips.js';
import { ClipCache, defaultCacheDir } from './speech/clip-cache.js';
import { calibrateVoice, type VoiceCalibration } from './speech/calibrate-voice.js';
import { VoiceLoudness } from './audio/loudness.js';
import type { PcmClip } from './audio/wav.js';
import { findFfmpeg } from './audio/find-ffmpeg.js';
import { measureEncoderGain, startMp3Encoder, type Mp3Encoder } from './audio/ffmpeg.js';
import { ProgrammeWriter } from './audio/programme.js';
import { computeChapterTimes, computeSegmentTimes } from './audio/chapter-times.js';
import { buildId3v2Tag, type TagMetadata } from './publish/id3v2.js';
import { prependId3v2Tag, verifyTag } from './publish/write-tag.js';
import { OutputError } from './errors.js';
import { SILENT_REPORTER, type ProgressReporter } from './progress.js';
import type { Article, Briefing, InputFormat, Script } from './types.js';
import type { Lexicon } from './script/lexicon.js';

export { TARGET_LUFS };

export interface ScriptOptions {
  input: string;
  from?: InputFormat;
  engine?: EngineName | 'auto';
  voice?: string;
  hostVoice?: string;
  rateWpm?: number;
  pauses?: Pauses;
  /** The user's pronunciation lexicon, applied over the built-in one. */
  lexicon?: Lexicon;
  /** The input as already read (a batch reads every article to fingerprint it): not read again. */
  read?: InputText;
  /** An engine already probed (a batch probes once for all its articles): `engine` is then not looked up again. */
  selected?: SelectedEngine;
  signal?: AbortSignal;
  reporter?: ProgressReporter;
}

export interface BriefingOptions extends ScriptOptions {
  /** Target MP3; default output/<slug>.mp3 under the current folder. */
  output?: string;
  bitrateKbps?: number;
  ffmpegPath?: string;
  jobs?: number;
  /** Folder of the clip cache; false synthesizes everything afresh. Default: the user cache folder. */
  cacheDir?: string | false;
}

export interface PlannedBriefing {
  article: Article;
  script: Script;
  engine: SpeechEngine;
  engineInfo: EngineInfo;
  warnings: string[];
}

/** Reads, parses and plans an article: everything up to synthesis. */
export async function prepareScript(options: ScriptOptions): Promise<PlannedBriefing> {
  const reporter = options.reporter ?? SILENT_REPORTER;
  reporter.stage('read');
  const input = options.read ?? (await readInput(options.input, { from: options.from, signal: options.signal }));
  input.warnings.forEach((warning) => reporter.warn(warning));
  reporter.stage('parse');
  const article = await parseArticle(input.content, input.format, input.source, { signal: options.signal });
  const { engine, info } = options.selected ?? (await selectEngine(options.engine ?? 'auto'));
  const voices = resolveVoices(info, options.voice, options.hostVoice);
  reporter.stage('plan');
  const script = planScript(article, {
    narratorVoice: voices.narrator,
    hostVoice: voices.host,
    maxChars: engine.maxChars,
    pauses: options.pauses ?? DEFAULT_PAUSES,
    wordsPerMinute: options.rateWpm,
    lexicon: options.lexicon,
  });
  return { article, script, engine, engineInfo: info, warnings: input.warnings };
}

/** output/<name>.mp3: named after the input file when there is one (as users expect), else after the title. */
export function defaultOutputPath(article: Article, cwd = process.cwd()): string {
  const fromFile = article.source !== '-' && !/^https?:\/\//i.test(article.source);
  const name = fromFile ? slugify(path.basename(article.source, path.extname(article.source))) : slugify(article.title);
  return path.join(cwd, 'output', `${name}.mp3`);
}

export interface RenderOptions {
  engine: SpeechEngine;
  engineInfo: EngineInfo;
  /** The MP3 to write (atomically). */
  output: string;
  /** Everything in the tag but the chapters, which come from the rendered audio. */
  tag: Omit<TagMetadata, 'chapters'>;
  rateWpm?: number;
  bitrateKbps?: number;
  ffmpegPath?: string;
  jobs?: number;
  /** Folder of the clip cache; false synthesizes everything afresh. Default: the user cache folder. */
  cacheDir?: string | false;
  signal?: AbortSignal;
  reporter?: ProgressReporter;
}

export interface RenderedBriefing extends Briefing {
  cache: { hits: number; misses: number; corrupt: number };
}

export interface CreatedBriefing extends RenderedBriefing {
  article: Article;
  script: Script;
}

/** Brief one article: read, parse, plan, then render. */
export async function createBriefing(options: BriefingOptions): Promise<CreatedBriefing> {
  const planned = await prepareScript(options);
  const { article, script } = planned;
  const rendered = await renderBriefing(script, {
    ...options,
    engine: planned.engine,
    engineInfo: planned.engineInfo,
    output: options.output ?? defaultOutputPath(article),
    tag: describeTag(article),
  });
  return { ...rendered, article, script };
}

/** Speak a planned script and write it as one tagged, chaptered MP3. Used for single articles and digests. */
export async function renderBriefing(script: Script, options: RenderOptions): Promise<RenderedBriefing> {
  const reporter = options.reporter ?? SILENT_REPORTER;
  const target = path.resolve(options.output);
  const ffmpeg = (await findFfmpeg(options.ffmpegPath)).path;
  const partial = await reserveBesideTarget(target);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-')).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
  const cacheDir = options.cacheDir === false ? undefined : options.cacheDir ?? defaultCacheDir();
  const cache = cacheDir ? new ClipCache(cacheDir) : undefined;
  const engineVersion = `${options.engineInfo.version} ${options.engineInfo.path}`;
  const synthesis = { ffmpeg, workDir, rateWpm: options.rateWpm, signal: options.signal, engineVersion };
  try {
    const segments = script.chapters.flatMap((chapter) => chapter.segments);
    reporter.stage('synthesize');
    reporter.segments(0, segments.length);
    // Voice gains and the programme's sample rate must be known before the first sample reaches the encoder,
    // not before synthesis starts: the encoder and the voices are measured while the pool already reads the article.
    const voices = [...new Set(segments.map((segment) => segment.voice))];
    const bitrateKbps = options.bitrateKbps ?? DEFAULT_BITRATE_KBPS;
    // What the encode itself takes from the level is made up for before it: the programme is fed that much louder,
    // and each voice's limiter loss is estimated at that level. The change does not depend on the input's rate
    // (the same to 0.0001 dB at 16 and 22.05 kHz), so it is measured before the voices fix the rate.
    const measuring = (async () => {
      const encoderGainDb = await measureEncoderGain(ffmpeg, workDir, { inputRate: 16_000, bitrateKbps, limiterCeilingDb: LIMITER_CEILING_DB, signal: options.signal });
      const inputTargetLufs = TARGET_LUFS - encoderGainDb;
      const calibrations = new Map(await settleAll(voices.map(async (voice) =>
        [voice, await calibrateVoice(options.engine, voice, { ...synthesis, cacheDir, targetLufs: inputTargetLufs, limiterCeilingDb: LIMITER_CEILING_DB })] as const), options.signal));
      return { inputTargetLufs, calibrations };
    })();
    // Awaited by the first clip's delivery, or below when synthesis fails first.
    measuring.catch(() => {});
    const encoded = path.join(workDir, 'programme.mp3');
    // Stopped without a word when synthesis fails: encoding half a programme is wasted time.
    const stopEncoder = new AbortController();
    const openStream = async (): Promise<ProgrammeStream> => {
      const { inputTargetLufs, calibrations } = await measuring;
      const sampleRate = Math.max(...[...calibrations.values()].map((calibration) => calibration.sampleRate));
      const encoder = startMp3Encoder(ffmpeg, encoded, {
        inputRate: sampleRate,
        bitrateKbps,
        limiterCeilingDb: LIMITER_CEILING_DB,
        signal: options.signal ? AbortSignal.any([options.signal, stopEncoder.signal]) : stopEncoder.signal,
      });
      const gains = new VoiceGains(calibrations, inputTargetLufs);
      return { encoder, programme: new ProgrammeWriter((chunk) => encoder.write(chunk), sampleRate), gains };
    };
    let stream: ProgrammeStream | undefined;
    try {
      await synthesizeClips(segments, options.engine, {
        ...synthesis,
        jobs: options.jobs ?? Math.max(1, os.availableParallelism()),
        cache,
        onClip: async (index, clip) => {
          // Deliveries come one at a time, so the stream is opened once.
          stream ??= await openStream();
          const segment = segments[index]!;
          const gainDb = stream.gains.gainFor(segment.voice, clip, segments[index - 1]?.pauseAfterMs ?? 0, segment.pauseAfterMs);
          await stream.programme.appendSegment(clip, gainDb, segment.pauseAfterMs);
          reporter.segments(index + 1, segments.length);
        },
      });
    } catch (error) {
      // Measurements still running write into the work folder, which is about to be removed.
      await measuring.catch(() => {});
      if (stream) {
        stopEncoder.abort(error);
        await stream.encoder.finish().catch(() => {});
      }
      throw error;
    }
    const { encoder, programme } = stream ?? (await openStream());
    const sampleRate = programme.sampleRate;
    reporter.stage('encode');
    await encoder.finish();
    const chapters = computeChapterTimes(script, programme.segmentStarts, programme.sampleCount, sampleRate);
    const timeline = computeSegmentTimes(script, programme.segmentStarts, programme.segmentEnds, sampleRate);

    reporter.stage('tag');
    const metadata: TagMetadata = { ...options.tag, chapters };
    await prependId3v2Tag(encoded, buildId3v2Tag(metadata), partial);
    await verifyTag(partial, metadata);
    options.signal?.throwIfAborted();
    await moveIntoPlace(partial, target);
    const durationMs = chapters[chapters.length - 1]?.endMs ?? 0;
    const cacheStats = { hits: cache?.hits ?? 0, misses: cache?.misses ?? segments.length, corrupt: cache?.corrupt ?? 0 };
    return { file: target, durationMs, chapters, segments: timeline, cache: cacheStats };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

interface ProgrammeStream {
  encoder: Mp3Encoder;
  programme: ProgrammeWriter;
  gains: VoiceGains;
}

/**
 * Each voice is brought to the target by its own gain, from everything it has said so far: voices differ by
 * about 6 LU while each is steady (DESIGN.md), and the encoder can start before the last clip exists.
 */
class VoiceGains {
  private readonly loudness: Map<string, VoiceLoudness>;

  /** `inputTargetLufs`: the loudness the encoder's input must have for its output to reach the target. */
  constructor(private readonly calibrations: ReadonlyMap<string, VoiceCalibration>, private readonly inputTargetLufs: number) {
    this.loudness = new Map([...calibrations].map(([voice, calibration]) => [voice, new VoiceLoudness(calibration.integratedLufs)]));
  }

  gainFor(voice: string, clip: PcmClip, silenceBeforeMs: number, silenceAfterMs: number): number {
    const running = this.loudness.get(voice)!;
    running.add(clip.samples, clip.sampleRate, silenceBeforeMs, silenceAfterMs);
    return Number.isFinite(running.lufs) ? this.inputTargetLufs - running.lufs + this.calibrations.get(voice)!.limiterLossLu : 0;
  }
}

/** Promise.all that waits for every promise before it rejects, so nothing still runs in a folder about to be removed. */
async function settleAll<T>(promises: readonly Promise<T>[], signal?: AbortSignal): Promise<T[]> {
  const outcomes = await Promise.allSettled(promises);
  signal?.throwIfAborted();
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

export function describeTag(article: Article): Omit<TagMetadata, 'chapters'> {
  const isUrl = /^https?:\/\//i.test(article.source);
  return {
    title: article.title,
    artist: article.byline || article.siteName || undefined,
    album: article.siteName || 'briefcast briefings',
    date: article.date,
    comment: `Briefing of ${isUrl ? article.source : path.basename(article.source)}, made by briefcast.`,
    sourceUrl: isUrl ? article.source : undefined,
    tocTitle: article.title,
  };
}

/**
 * Claims a temporary file beside the target (same folder, so the final rename is atomic) and proves the
 * folder is writable before any synthesis is spent.
 */
async function reserveBesideTarget(target: string): Promise<string> {
  const dir = path.dirname(target);
  const isFolder = await stat(target).then((info) => info.isDirectory(), () => false);
  if (isFolder) {
    throw new OutputError(`Cannot write the MP3 to ${target}: it is a folder. Give a file name, e.g. -o ${path.join(target, 'briefing.mp3')}.`);
  }
  const partial = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.partial`);
  try {
    await mkdir(dir, { recursive: true });
    await (await open(partial, 'wx')).close();
    return partial;
  } catch (error) {
    throw new OutputError(`Cannot write to ${dir} (${describeWriteFailure(error, dir)}). Choose another place with -o <file>.`, { cause: error });
  }
}

/** Moves the finished file into place; the target may have turned into something else while we worked. */
async function moveIntoPlace(partial: string, target: string): Promise<void> {
  try {
    await rename(partial, target);
  } catch (error) {
    throw new OutputError(`Cannot write the MP3 to ${target} (${describeWriteFailure(error, target)}). Choose another place with -o <file>.`, { cause: error });
  }
}

function describeWriteFailure(error: unknown, where: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${code}: permission denied`;
    case 'EROFS':
      return 'EROFS: a read-only file system';
    case 'ENOSPC':
    case 'EDQUOT':
      return `${code}: no space left`;
    // mkdir -p reports a file in the way as EEXIST; open below a file reports ENOTDIR.
    case 'EEXIST':
    case 'ENOTDIR':
      return `${code}: part of the path ${where} is a file, not a folder`;
    case 'EISDIR':
      return 'EISDIR: it is a folder';
    case 'ENOENT':
      return 'ENOENT: files cannot be created there';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
