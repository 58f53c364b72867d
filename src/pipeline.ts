// The whole briefing, stage by stage: read -> parse -> plan -> synthesize + join -> loudness -> encode -> tag.
// This is also the library API.
import { mkdtemp, mkdir, rename, rm, open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readInput } from './read/read-input.js';
import { parseArticle } from './article/parse-article.js';
import { slugify } from './article/slug.js';
import { planScript, DEFAULT_PAUSES, type Pauses } from './script/plan-script.js';
import { selectEngine, resolveVoices } from './speech/engines/index.js';
import type { EngineName, EngineInfo, SpeechEngine } from './speech/engine.js';
import { synthesizeClips } from './speech/synthesize-clips.js';
import { ClipCache, defaultCacheDir } from './speech/clip-cache.js';
import { calibrateVoice } from './speech/calibrate-voice.js';
import { VoiceLoudness } from './audio/loudness.js';
import type { PcmClip } from './audio/wav.js';
import { findFfmpeg } from './audio/find-ffmpeg.js';
import { startMp3Encoder } from './audio/ffmpeg.js';
import { ProgrammeWriter } from './audio/programme.js';
import { computeChapterTimes, computeSegmentTimes } from './audio/chapter-times.js';
import { buildId3v2Tag, type TagMetadata } from './publish/id3v2.js';
import { prependId3v2Tag, verifyTag } from './publish/write-tag.js';
import { OutputError } from './errors.js';
import { SILENT_REPORTER, type ProgressReporter } from './progress.js';
import type { Article, Briefing, InputFormat, Script } from './types.js';

export const TARGET_LUFS = -16;
export const TRUE_PEAK_LIMIT_DBTP = -1;
// The limiter works on sample peaks; the MP3 encoder's reconstruction overshoots them, so leave headroom.
const LIMITER_CEILING_DB = -2;

export interface ScriptOptions {
  input: string;
  from?: InputFormat;
  engine?: EngineName | 'auto';
  voice?: string;
  hostVoice?: string;
  rateWpm?: number;
  pauses?: Pauses;
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
  const input = await readInput(options.input, { from: options.from, signal: options.signal });
  input.warnings.forEach((warning) => reporter.warn(warning));
  reporter.stage('parse');
  const article = await parseArticle(input.content, input.format, input.source);
  const { engine, info } = await selectEngine(options.engine ?? 'auto');
  const voices = resolveVoices(info, options.voice, options.hostVoice);
  reporter.stage('plan');
  const script = planScript(article, {
    narratorVoice: voices.narrator,
    hostVoice: voices.host,
    maxChars: engine.maxChars,
    pauses: options.pauses ?? DEFAULT_PAUSES,
    wordsPerMinute: options.rateWpm,
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
  lexiconFingerprint?: string;
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
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-'));
  const cacheDir = options.cacheDir === false ? undefined : options.cacheDir ?? defaultCacheDir();
  const cache = cacheDir ? new ClipCache(cacheDir) : undefined;
  const engineVersion = `${options.engineInfo.version} ${options.engineInfo.path}`;
  const synthesis = { ffmpeg, workDir, rateWpm: options.rateWpm, signal: options.signal, engineVersion };
  try {
    const segments = script.chapters.flatMap((chapter) => chapter.segments);
    reporter.stage('synthesize');
    reporter.segments(0, segments.length);
    // Voice gains and the programme's sample rate must be known before the first sample reaches the encoder.
    const voices = [...new Set(segments.map((segment) => segment.voice))];
    const calibrations = new Map(await Promise.all(voices.map(async (voice) =>
      [voice, await calibrateVoice(options.engine, voice, { ...synthesis, cacheDir })] as const)));
    const sampleRate = Math.max(...[...calibrations.values()].map((calibration) => calibration.sampleRate));
    // Each voice is brought to the target by its own gain, from everything it has said so far: voices differ by
    // about 6 LU while each is steady (DESIGN.md), and the encoder can start before the last clip exists.
    const loudness = new Map(voices.map((voice) => [voice, new VoiceLoudness(calibrations.get(voice)!.integratedLufs)]));
    const gainFor = (voice: string, clip: PcmClip) => {
      const running = loudness.get(voice)!;
      running.add(clip.samples, clip.sampleRate);
      return Number.isFinite(running.lufs) ? TARGET_LUFS - running.lufs : 0;
    };

    const encoded = path.join(workDir, 'programme.mp3');
    const encoder = startMp3Encoder(ffmpeg, encoded, {
      inputRate: sampleRate,
      bitrateKbps: options.bitrateKbps ?? 64,
      limiterCeilingDb: LIMITER_CEILING_DB,
      signal: options.signal,
    });
    const programme = new ProgrammeWriter((chunk) => encoder.write(chunk), sampleRate);
    try {
      await synthesizeClips(segments, options.engine, {
        ...synthesis,
        jobs: options.jobs ?? Math.max(1, os.availableParallelism()),
        cache,
        lexiconFingerprint: options.lexiconFingerprint,
        onClip: async (index, clip) => {
          const segment = segments[index]!;
          await programme.appendSegment(clip, gainFor(segment.voice, clip), segment.pauseAfterMs);
          reporter.segments(index + 1, segments.length);
        },
      });
    } finally {
      reporter.stage('encode');
      await encoder.finish();
    }
    const chapters = computeChapterTimes(script, programme.segmentStarts, programme.sampleCount, sampleRate);
    const timeline = computeSegmentTimes(script, programme.segmentStarts, programme.segmentEnds, sampleRate);

    reporter.stage('tag');
    const metadata: TagMetadata = { ...options.tag, chapters };
    await prependId3v2Tag(encoded, buildId3v2Tag(metadata), partial);
    await verifyTag(partial, metadata);
    options.signal?.throwIfAborted();
    await rename(partial, target);
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
  const partial = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.partial`);
  try {
    await mkdir(dir, { recursive: true });
    await (await open(partial, 'wx')).close();
    return partial;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new OutputError(`Cannot write to ${dir} (${reason}). Choose another place with -o <file>.`, { cause: error });
  }
}
