// The briefing as stage functions over frozen records; this is also the library API.
//   read (readInput)   a path, '-' or an http(s) URL   -> InputText
//   parseSource        InputText                       -> Article
//   chooseEngine       engine and voices, probed once  -> ChosenEngine
//   planBriefing       Article + ChosenEngine          -> Script
//   renderBriefing     Script + ChosenEngine           -> the tagged, chaptered MP3 in place -> RenderedBriefing
// createBriefing composes them for one article; a batch (src/batch/) composes the same functions for many.
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readInput, type InputText, type ReadInputOptions } from './read/read-input.js';
import { parseArticle } from './article/parse-article.js';
import { slugify } from './article/slug.js';
import { planScript, type PlanOptions } from './script/plan-script.js';
import { planDigestScript } from './script/plan-digest.js';
import { DEFAULT_BITRATE_KBPS, DEFAULT_PAUSES, LIMITER_CEILING_DB, TARGET_LUFS, type Pauses } from './defaults.js';
import { castForLanguage, selectEngine } from './speech/select-engine.js';
import { FALLBACK_LANGUAGE, primaryLanguage, settleLanguage, toIso6392 } from './article/language.js';
import { hasHostCatalog } from './script/catalogs/host-words.js';
import { digestLanguage } from './script/plan-digest.js';
import { planLanguage } from './script/plan-script.js';
import { LanguageError, UsageError } from './errors.js';
import type { EngineName, EngineInfo, SpeechEngine } from './speech/engine.js';
import { readEngineTimeoutMs, synthesizeClips } from './speech/synthesize-clips.js';
import { ClipCache, defaultCacheDir } from './speech/clip-cache.js';
import { calibrateVoice, type VoiceCalibration } from './speech/calibrate-voice.js';
import { engineVersionKey } from './speech/engine-version.js';
import { isUrl } from './is-url.js';
import { settleAll } from './settle-all.js';
import { VoiceGains } from './audio/voice-gains.js';
import type { PcmClip } from './audio/wav.js';
import { findFfmpeg } from './audio/find-ffmpeg.js';
import { measureEncoderGain, startMp3Encoder, type Mp3Encoder } from './audio/ffmpeg.js';
import { ProgrammeWriter } from './audio/programme.js';
import { computeChapterTimes, computeSegmentTimes } from './audio/chapter-times.js';
import { buildId3v2Tag, type TagMetadata } from './publish/id3v2.js';
import { prependId3v2Tag, verifyTag } from './publish/write-tag.js';
import { reserveOutput, resolveOutputPath } from './publish/output-files.js';
import type { SidecarPaths } from './publish/sidecars.js';
import { makeWorkFolder } from './work-folder.js';
import { SILENT_REPORTER, type ProgressReporter } from './progress.js';
import { freezeRecord, type Article, type Briefing, type InputFormat, type Script, type Segment } from './types.js';
import type { Lexicon } from './script/lexicon.js';

/** How articles are to be spoken: the same for one briefing, every article of a batch and its digest. */
export interface SpeechRequest {
  /** Default 'auto': the first engine installed, in AUTO_ENGINE_ORDER. */
  engine?: EngineName | 'auto';
  /** The voice that reads the article's text (--voice); default: the engine's narrator. */
  narrator?: string;
  /** The voice of the opening, the headings and the closing (--host-voice); default: the engine's host, never the narrator's. */
  host?: string;
  /** Speaking rate in words per minute (--rate); default: the engine's own. */
  rateWpm?: number;
  pauses?: Pauses;
  /** The user's pronunciation lexicon, applied over the built-in one. */
  lexicon?: Lexicon;
  /**
   * The language to read every article in (--lang, a BCP 47 tag such as "fr" or "pt-BR"); default: each
   * article's own, as its source declares it or its text shows it.
   */
  language?: string;
}

/** How the audio is made: the same for every briefing of a run. */
export interface RenderSettings {
  bitrateKbps?: number;
  ffmpegPath?: string;
  /** Engine runs at once; default: the number of cores. */
  jobs?: number;
  /** Folder of the clip cache; false synthesizes everything afresh. Default: the user cache folder. */
  cacheDir?: string | false;
}

export interface ScriptOptions extends SpeechRequest {
  /** A file path, '-' for stdin, or an http(s) URL. */
  input: string;
  from?: InputFormat;
  signal?: AbortSignal;
  reporter?: ProgressReporter;
}

export interface BriefingOptions extends ScriptOptions, RenderSettings {
  /** Target MP3, or a folder (an existing one, or a name ending in /) to put it in; default output/<slug>.mp3 under the current folder. */
  output?: string;
  /** Also write <name>.chapters.json and <name>.vtt, landing together with the MP3. */
  sidecars?: boolean;
}

/** The engine of a run with both voices resolved: probed and checked once, then used for every script and clip. */
export interface ChosenEngine {
  engine: SpeechEngine;
  info: EngineInfo;
  /** The language `narrator` and `host` speak: the first one the engine was chosen for. */
  language: string;
  narrator: string;
  host: string;
  /** The narrator and host for each language the engine was chosen for (a digest may mix languages). */
  casts: Readonly<Record<string, { narrator: string; host: string }>>;
}

export interface PlannedBriefing {
  article: Article;
  script: Script;
  engine: ChosenEngine;
  /** What the reader noticed about the input (e.g. undecodable bytes). */
  warnings: readonly string[];
}

export interface RenderOptions extends RenderSettings {
  /** The MP3 to write (atomically). */
  output: string;
  /** Everything in the tag but the chapters, which come from the rendered audio. */
  tag: Omit<TagMetadata, 'chapters'>;
  /** The rate the script was planned for (SpeechRequest.rateWpm). */
  rateWpm?: number;
  /** Also write <name>.chapters.json and <name>.vtt, landing together with the MP3. */
  sidecars?: boolean;
  /** Files this briefing reads: no output may replace one. */
  inputs?: readonly string[];
  signal?: AbortSignal;
  reporter?: ProgressReporter;
}

export interface ClipCacheStats {
  hits: number;
  misses: number;
  corrupt: number;
}

export interface RenderedBriefing extends Briefing {
  cache: ClipCacheStats;
  /** Where the chapters JSON and transcript landed, when they were asked for. */
  sidecars?: SidecarPaths;
}

export interface CreatedBriefing extends RenderedBriefing {
  article: Article;
  script: Script;
}

/** The read stage: a file path, '-' for stdin or an http(s) URL -> the decoded text and the format to parse it as. */
export async function readSource(input: string, options: Pick<ReadInputOptions, 'from' | 'signal'> = {}): Promise<InputText> {
  return freezeRecord(await readInput(input, { from: options.from, signal: options.signal }));
}

export interface ParseSourceOptions {
  signal?: AbortSignal;
  /** --lang: the language to read the article in, whatever it declares. */
  language?: string;
  /** Told what the language stage noticed (no language found, a declaration the text contradicts). */
  warn?: (message: string) => void;
}

/**
 * The parse stage: the text as read -> an Article (title, credits, sections of paragraphs) with the language it
 * is read in (--lang, else the source's declaration, else its text's, else English; article/language.ts).
 */
export async function parseSource(text: InputText, options: ParseSourceOptions = {}): Promise<Article> {
  const parsed = await parseArticle(text.content, text.format, text.source, { signal: options.signal });
  const settled = settleLanguage(parsed, { requested: options.language, transportLanguage: text.transportLanguage });
  settled.warnings.forEach((warning) => options.warn?.(warning));
  return freezeRecord({ ...parsed, language: settled.language });
}

/** The --lang value as a primary language subtag; UsageError when it is no language tag at all. */
export function checkLanguageRequest(language: string | undefined): string | undefined {
  if (language === undefined) return undefined;
  const primary = primaryLanguage(language);
  if (primary === undefined) throw new UsageError(`--lang "${language}" is not a language tag. Give a BCP 47 tag such as fr, de, es or pt-BR.`);
  return primary;
}

/**
 * The engine (default: auto: the first in order that speaks every language) and, for each language, both voices.
 * EngineError for a missing engine or an unknown voice; LanguageError when the engine or a voice asked for does
 * not speak a language. Both come before any synthesis.
 */
export async function chooseEngine(
  request: Pick<SpeechRequest, 'engine' | 'narrator' | 'host' | 'language'> = {},
  languages: readonly string[] = [checkLanguageRequest(request.language) ?? FALLBACK_LANGUAGE],
): Promise<ChosenEngine> {
  const wanted = [...new Set(languages)];
  const { engine, info } = await selectEngine(request.engine ?? 'auto', wanted);
  const casts = Object.fromEntries(wanted.map((language) => [language, castForLanguage(info, language, request.narrator, request.host)]));
  const language = wanted[0] ?? FALLBACK_LANGUAGE;
  const first = casts[language]!;
  return Object.freeze({ engine, info, language, narrator: first.narrator, host: first.host, casts: Object.freeze(casts) });
}

/**
 * chooseEngine once per set of languages: a batch or a server reads each article in its own language, and an
 * engine (with its voices) is probed once for each language it meets.
 */
export function createEngineChooser(
  request: Pick<SpeechRequest, 'engine' | 'narrator' | 'host' | 'language'>,
): (languages: readonly string[]) => Promise<ChosenEngine> {
  const chosen = new Map<string, Promise<ChosenEngine>>();
  return (languages) => {
    const key = [...new Set(languages)].join(' ');
    let choice = chosen.get(key);
    if (!choice) {
      choice = chooseEngine(request, languages);
      // A failure is not remembered: the next article in that language gets the same clear refusal, freshly made.
      choice.catch(() => chosen.delete(key));
      chosen.set(key, choice);
    }
    return choice;
  };
}

/** The voices the engine was chosen with for an article's language; LanguageError if it was chosen for others. */
function castFor(engine: ChosenEngine, language: string): { narrator: string; host: string } {
  const cast = engine.casts[language];
  if (!cast)
    throw new LanguageError(
      `The ${engine.info.name} engine was chosen for ${Object.keys(engine.casts).join(', ')}, not for "${language}". Choose the engine for this article's language.`,
    );
  return cast;
}

/** Warnings about the host's words: a language without a catalog gets English ones. */
export function describeHostLanguage(language: string): string[] {
  return hasHostCatalog(language)
    ? []
    : [`briefcast has no words of its own in "${language}": the opening, headings' introductions and closing are in English. See the README to add a catalog.`];
}

/** The plan stage: an Article -> the Script the chosen engine reads, chapter by chapter, segment by segment. */
export function planBriefing(article: Article, engine: ChosenEngine, request: SpeechRequest = {}): Script {
  const language = planLanguage(article, {});
  return freezeRecord(planScript(article, { ...planOptions(engine, request), ...castFor(engine, language), language }));
}

/** The plan stage of a digest: several Articles -> one Script, a chapter each after a rundown of the headlines. */
export function planDigestBriefing(articles: readonly Article[], engine: ChosenEngine, request: SpeechRequest = {}): Script {
  const language = digestLanguage(articles);
  return freezeRecord(
    planDigestScript(articles, { ...planOptions(engine, request), ...castFor(engine, language), language, voicesFor: (spoken) => castFor(engine, spoken) }),
  );
}

/** The languages of a digest's articles, its own (the most common) first: what its engine must speak. */
export function digestLanguages(articles: readonly Article[]): string[] {
  return [...new Set([digestLanguage(articles), ...articles.map((article) => planLanguage(article, {}))])];
}

function planOptions(engine: ChosenEngine, request: SpeechRequest): PlanOptions {
  return {
    narrator: engine.narrator,
    host: engine.host,
    maxChars: engine.engine.maxChars,
    pauses: request.pauses ?? DEFAULT_PAUSES,
    rateWpm: request.rateWpm,
    lexicon: request.lexicon,
  };
}

/** Reads, parses and plans an article: everything up to synthesis (`briefcast script`). */
export async function prepareScript(options: ScriptOptions): Promise<PlannedBriefing> {
  const reporter = options.reporter ?? SILENT_REPORTER;
  reporter.stage('read');
  const text = await readSource(options.input, options);
  text.warnings.forEach((warning) => reporter.warn(warning));
  reporter.stage('parse');
  const requested = checkLanguageRequest(options.language);
  const article = await parseSource(text, { signal: options.signal, language: requested, warn: (warning) => reporter.warn(warning) });
  const language = planLanguage(article, {});
  describeHostLanguage(language).forEach((warning) => reporter.warn(warning));
  const engine = await chooseEngine(options, [language]);
  reporter.stage('plan');
  const script = planBriefing(article, engine, options);
  return Object.freeze({ article, script, engine, warnings: text.warnings });
}

/** Brief one article: read, parse, plan, then render. */
export async function createBriefing(options: BriefingOptions): Promise<CreatedBriefing> {
  const { article, script, engine } = await prepareScript(options);
  const output = await resolveOutputPath(options.output, defaultOutputPath(article));
  const rendered = await renderBriefing(script, engine, { ...options, output, inputs: [options.input], tag: describeTag(article) });
  return freezeRecord({ ...rendered, article, script });
}

/** output/<name>.mp3: named after the input file when there is one (as users expect), else after the title. */
export function defaultOutputPath(article: Article, cwd = process.cwd()): string {
  const fromFile = article.source !== '-' && !isUrl(article.source);
  const name = fromFile ? slugify(path.basename(article.source, path.extname(article.source))) : slugify(article.title);
  return path.join(cwd, 'output', `${name}.mp3`);
}

export function describeTag(article: Article): Omit<TagMetadata, 'chapters'> {
  const fromUrl = isUrl(article.source);
  return {
    title: article.title,
    artist: article.byline || article.siteName || undefined,
    album: article.siteName || 'briefcast briefings',
    date: article.date,
    comment: `Briefing of ${fromUrl ? article.source : path.basename(article.source)}, made by briefcast.`,
    language: toIso6392(planLanguage(article, {})),
    sourceUrl: fromUrl ? article.source : undefined,
    tocTitle: article.title,
  };
}

/**
 * The render stage: speaks a planned script and writes it as one tagged, chaptered MP3, for single articles and
 * digests alike. The target's folder is proved writable before any speech is made; on any failure nothing is
 * left at the target or beside it.
 */
export async function renderBriefing(script: Script, engine: ChosenEngine, options: RenderOptions): Promise<RenderedBriefing> {
  const target = path.resolve(options.output);
  const ffmpeg = (await findFfmpeg(options.ffmpegPath)).path;
  // Read before anything is reserved: a bad value is a usage error that leaves nothing behind.
  const engineTimeoutMs = readEngineTimeoutMs(process.env);
  const output = await reserveOutput(target, { inputs: options.inputs, sidecars: options.sidecars });
  const workDir = await makeWorkFolder().catch(async (error: unknown) => {
    throw await output.abandon(error);
  });
  try {
    const run = describeRun(engine, ffmpeg, workDir, { ...options, engineTimeoutMs });
    const segments = script.chapters.flatMap((chapter) => chapter.segments);
    const { file, programme } = await speakProgramme(segments, run);
    const chapters = computeChapterTimes(script, programme.segmentStarts, programme.sampleCount, programme.sampleRate);
    const timeline = computeSegmentTimes(script, programme.segmentStarts, programme.segmentEnds, programme.sampleRate);
    run.reporter.stage('tag');
    const metadata: TagMetadata = { ...options.tag, chapters };
    await prependId3v2Tag(file, buildId3v2Tag(metadata), output.partial);
    await verifyTag(output.partial, metadata);
    options.signal?.throwIfAborted();
    const sidecars = await output.commit({ chapters, segments: timeline }, script.title);
    const { cache } = run;
    return {
      file: target,
      durationMs: chapters[chapters.length - 1]?.endMs ?? 0,
      chapters,
      segments: timeline,
      cache: { hits: cache?.hits ?? 0, misses: cache?.misses ?? segments.length, corrupt: cache?.corrupt ?? 0 },
      ...(sidecars ? { sidecars } : {}),
    };
  } catch (error) {
    // Told while the work folder still exists: a full disk is found by asking the disks that hold it and the target.
    throw await output.abandon(error, workDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Everything one render needs to speak and encode, fixed before it starts. */
interface RenderRun {
  engine: SpeechEngine;
  ffmpeg: string;
  /** Scratch folder of this render, removed at its end. */
  workDir: string;
  engineVersion: string;
  rateWpm?: number;
  /** The allowance for a short text before an engine counts as hung (BRIEFCAST_ENGINE_TIMEOUT_MS). */
  engineTimeoutMs?: number;
  bitrateKbps: number;
  jobs: number;
  cacheDir?: string;
  cache?: ClipCache;
  signal?: AbortSignal;
  reporter: ProgressReporter;
}

function describeRun(engine: ChosenEngine, ffmpeg: string, workDir: string, options: RenderOptions & { engineTimeoutMs?: number }): RenderRun {
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir());
  return {
    engine: engine.engine,
    ffmpeg,
    workDir,
    engineVersion: engineVersionKey(engine.info),
    rateWpm: options.rateWpm,
    engineTimeoutMs: options.engineTimeoutMs,
    bitrateKbps: options.bitrateKbps ?? DEFAULT_BITRATE_KBPS,
    jobs: options.jobs ?? Math.max(1, os.availableParallelism()),
    cacheDir,
    cache: cacheDir ? new ClipCache(cacheDir) : undefined,
    signal: options.signal,
    reporter: options.reporter ?? SILENT_REPORTER,
  };
}

/**
 * Synthesizes every segment and streams the clips, in programme order, through the voices' gains into one
 * encode. The programme's levels are measured while the engine pool already reads the article.
 */
async function speakProgramme(segments: readonly Segment[], run: RenderRun): Promise<{ file: string; programme: ProgrammeWriter }> {
  const { reporter } = run;
  reporter.stage('synthesize');
  reporter.segments(0, segments.length);
  const encode = new ProgrammeEncode(measureLevels([...new Set(segments.map((segment) => segment.voice))], run), path.join(run.workDir, 'programme.mp3'), run);
  try {
    await synthesizeClips(segments, run.engine, {
      ...synthesisSettings(run),
      jobs: run.jobs,
      cache: run.cache,
      onClip: async (index, clip) => {
        const segment = segments[index]!;
        await encode.append(segment.voice, clip, segments[index - 1]?.pauseAfterMs ?? 0, segment.pauseAfterMs);
        reporter.segments(index + 1, segments.length);
      },
    });
  } catch (error) {
    await encode.abandon(error);
    throw error;
  }
  reporter.stage('encode');
  return encode.finish();
}

/** What synthesizing a clip and calibrating a voice share. */
function synthesisSettings(run: RenderRun) {
  return {
    ffmpeg: run.ffmpeg,
    workDir: run.workDir,
    rateWpm: run.rateWpm,
    signal: run.signal,
    engineVersion: run.engineVersion,
    engineTimeoutMs: run.engineTimeoutMs,
  };
}

/** The levels the programme is fed at, known before its first sample reaches the encoder. */
interface ProgrammeLevels {
  /** The loudness the encoder's input must have for its output to reach TARGET_LUFS. */
  inputTargetLufs: number;
  calibrations: ReadonlyMap<string, VoiceCalibration>;
}

/**
 * What the encode itself takes from the level is made up for before it: the programme is fed that much louder,
 * and each voice's limiter loss is estimated at that level. The change does not depend on the input's rate (the
 * same to 0.0001 dB at 16 and 22.05 kHz), so it is measured before the voices fix the rate.
 */
async function measureLevels(voices: readonly string[], run: RenderRun): Promise<ProgrammeLevels> {
  const { ffmpeg, workDir, bitrateKbps, signal } = run;
  const inputTargetLufs = measureEncoderGain(ffmpeg, workDir, {
    inputRate: 16_000,
    bitrateKbps,
    limiterCeilingDb: LIMITER_CEILING_DB,
    signal,
    cacheDir: run.cacheDir,
  }).then((encoderGainDb) => TARGET_LUFS - encoderGainDb);
  // Voices measured afresh read their passage while the encoder's level is measured: with a fast engine that
  // chain is what the encoder waits for before its first sample.
  const calibrate = (voice: string) =>
    calibrateVoice(run.engine, voice, { ...synthesisSettings(run), cacheDir: run.cacheDir, targetLufs: inputTargetLufs, limiterCeilingDb: LIMITER_CEILING_DB });
  const calibrations = settleAll(
    voices.map(async (voice) => [voice, await calibrate(voice)] as const),
    signal,
  );
  // The encoder's probe writes in the work folder too: both end before a failure of either is reported.
  await Promise.allSettled([inputTargetLufs, calibrations]);
  signal?.throwIfAborted();
  return { inputTargetLufs: await inputTargetLufs, calibrations: new Map(await calibrations) };
}

interface OpenEncode {
  encoder: Mp3Encoder;
  programme: ProgrammeWriter;
  gains: VoiceGains;
}

/**
 * One programme on its way into the encoder. The encoder starts with the first clip's delivery, once the levels
 * are measured (not before synthesis starts); it is stopped without a word when synthesis fails, since encoding
 * half a programme is wasted time.
 */
class ProgrammeEncode {
  private readonly stopped = new AbortController();
  private opening?: Promise<OpenEncode>;

  constructor(
    private readonly levels: Promise<ProgrammeLevels>,
    private readonly file: string,
    private readonly run: RenderRun,
  ) {
    // Awaited by the first clip's delivery, or by abandon() when synthesis fails first.
    levels.catch(() => {});
  }

  /** Appends one clip, at its voice's gain, then its pause. Deliveries come one at a time, in programme order. */
  async append(voice: string, clip: PcmClip, pauseBeforeMs: number, pauseAfterMs: number): Promise<void> {
    const { programme, gains } = await this.open();
    await programme.appendSegment(clip, gains.gainFor(voice, clip, pauseBeforeMs, pauseAfterMs), pauseAfterMs);
  }

  /** Ends the encode; the programme's sample offsets give the chapter and segment times. */
  async finish(): Promise<{ file: string; programme: ProgrammeWriter }> {
    const { encoder, programme } = await this.open();
    await encoder.finish();
    return { file: this.file, programme };
  }

  /** After a failure: waits for the measurements still writing into the work folder, and stops the encoder. */
  async abandon(reason: unknown): Promise<void> {
    await this.levels.catch(() => {});
    const open = await this.opening?.catch(() => undefined);
    if (!open) return;
    this.stopped.abort(reason);
    await open.encoder.finish().catch(() => {});
  }

  private open(): Promise<OpenEncode> {
    this.opening ??= this.start();
    return this.opening;
  }

  private async start(): Promise<OpenEncode> {
    const { inputTargetLufs, calibrations } = await this.levels;
    const sampleRate = Math.max(...[...calibrations.values()].map((calibration) => calibration.sampleRate));
    const { ffmpeg, bitrateKbps, signal } = this.run;
    const encoder = startMp3Encoder(ffmpeg, this.file, {
      inputRate: sampleRate,
      bitrateKbps,
      limiterCeilingDb: LIMITER_CEILING_DB,
      signal: signal ? AbortSignal.any([signal, this.stopped.signal]) : this.stopped.signal,
    });
    const programme = new ProgrammeWriter((chunk) => encoder.write(chunk), sampleRate);
    return { encoder, programme, gains: new VoiceGains(calibrations, inputTargetLufs) };
  }
}
