// briefcast batch: one briefing per article into an output folder, a bounded number at a time. A failing
// article fails alone; an unchanged article with unchanged settings is skipped; the feed and the page are
// rebuilt from the folder's state at the end; optionally a digest of all the articles.
import { mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BriefcastError, EXIT_CODES, InputError, OutputError } from '../errors.js';
import type { ProgressReporter } from '../progress.js';
import { readInput, type InputText } from '../read/read-input.js';
import { DEFAULT_BITRATE_KBPS, DEFAULT_PAUSES, type Pauses } from '../defaults.js';
import { lexiconFingerprint, type Lexicon } from '../script/lexicon.js';
import type { EngineName } from '../speech/engine.js';
import type { SelectedEngine } from '../speech/engines/index.js';
import { sidecarPaths, writeSidecars } from '../publish/sidecars.js';
import type { Article, InputFormat } from '../types.js';
import { assignSlugs, isAsWritten, isUpToDate, makeGuid, readBatchState, writeBatchState, type BatchState, type FeedSettings, type StoredItem } from './batch-state.js';
import { describeArticle } from './describe-item.js';
import { findArticles } from './find-articles.js';
import { fingerprintArticle, fingerprintSettings, hashText } from './fingerprint.js';
import { engineMemoKey, memorizeEngine, recallEngine, type EngineRequest, type ResolvedEngine } from './engine-memo.js';
import { publishFolder, type PublishedFolder } from './publish-folder.js';
import { runPool } from './run-pool.js';
import type { ItemStatus, SummaryRow } from './summary-table.js';

const { version: BRIEFCAST_VERSION } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface BatchSpeechOptions {
  engine?: EngineName | 'auto';
  voice?: string;
  hostVoice?: string;
  rateWpm?: number;
  pauses?: Pauses;
  from?: InputFormat;
  /** The user's pronunciation lexicon; it changes what is spoken, so it is part of the settings fingerprint. */
  lexicon?: Lexicon;
}

export interface BatchReporter {
  /** An article is being briefed (not called for one that is up to date). */
  started?(input: string): void;
  finished?(result: BatchItemResult): void;
  warn?(message: string): void;
}

export interface BatchOptions {
  /** Files, folders (their files, one level deep) and globs. */
  inputs: readonly string[];
  outDir: string;
  speech?: BatchSpeechOptions;
  bitrateKbps?: number;
  ffmpegPath?: string;
  /** Folder of the clip cache; false synthesizes everything afresh. */
  cacheDir?: string | false;
  /** Articles briefed at once. */
  jobs?: number;
  /** Engine runs at once within each briefing; default: the cores shared among the articles in flight. */
  engineJobs?: number;
  /** Brief every article even when it is up to date. */
  force?: boolean;
  /** Feed settings; given ones are remembered in the folder's state for later runs. */
  feed?: FeedSettings;
  /** Also write one briefing of all the articles here. */
  digest?: string;
  /** Only these of the found files (watch mode leaves out files still being written). */
  only?: (file: string) => boolean;
  /** A glob or path matching nothing is not a failure (watch mode: articles may come later). */
  allowMissing?: boolean;
  cwd?: string;
  signal?: AbortSignal;
  reporter?: BatchReporter;
  now?: () => Date;
}

export interface BatchItemResult extends SummaryRow {
  /** Absolute path of the article ('' for an input that named nothing). */
  source: string;
  slug?: string;
  /** The MP3, when there is one. */
  file?: string;
  exitCode?: number;
}

export interface DigestResult {
  file: string;
  status: ItemStatus;
  durationMs?: number;
  chapters?: number;
  cache?: { hits: number; misses: number; corrupt: number };
  error?: string;
}

export interface BatchReport {
  outDir: string;
  items: BatchItemResult[];
  published?: PublishedFolder;
  digest?: DigestResult;
  /** Articles (and the digest) that failed. */
  failed: number;
}

export const DEFAULT_ARTICLE_JOBS = Math.min(2, Math.max(1, Math.floor(os.availableParallelism() / 2)));

function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function describeFailure(error: unknown): { message: string; exitCode?: number } {
  if (error instanceof BriefcastError) return { message: error.message, exitCode: error.exitCode };
  return { message: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
}

/** An MP3 as it is on disk now, and whether both its sidecars are there. */
async function outputsNow(mp3: string): Promise<{ mp3?: { size: number; mtimeMs: number }; sidecarsExist: boolean }> {
  const sidecars = sidecarPaths(mp3);
  return { mp3: await statFile(mp3), sidecarsExist: (await exists(sidecars.chaptersJson)) && (await exists(sidecars.vtt)) };
}

async function statFile(file: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
}

async function exists(file: string): Promise<boolean> {
  return (await statFile(file)) !== undefined;
}

export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? (() => new Date());
  const signal = options.signal;
  const speech = options.speech ?? {};
  // The script stage (text normalization) loads only when needed: a rerun where all is up to date stays quick.
  const pauses = speech.pauses ?? DEFAULT_PAUSES;
  const bitrateKbps = options.bitrateKbps ?? DEFAULT_BITRATE_KBPS;
  const outDir = path.resolve(cwd, options.outDir);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new OutputError(`Cannot create the output folder ${outDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Choose another with -o <dir>.`, { cause: error });
  }

  const found = await findArticles(options.inputs, { cwd, outDir });
  // The digest and its sidecars may sit among the articles; they are outputs, never inputs.
  const digestFile = options.digest ? path.resolve(cwd, options.digest) : undefined;
  const ownFiles = new Set(digestFile ? [digestFile, ...Object.values(sidecarPaths(digestFile))] : []);
  const files = found.files.filter((file) => !ownFiles.has(file) && (!options.only || options.only(file)));
  const missingRows: BatchItemResult[] = options.allowMissing
    ? []
    : found.missing.map(({ input, message }) => ({ input, source: '', status: 'failed', error: message, exitCode: EXIT_CODES.input }));
  if (!files.length && !missingRows.length && !options.allowMissing) {
    throw new InputError(`No articles found in ${options.inputs.join(', ')}. Give article files (.txt, .md, .html), folders holding them, or globs.`);
  }

  const loaded = await readBatchState(outDir);
  loaded.warnings.forEach((warning) => options.reporter?.warn?.(warning));
  const state: BatchState = loaded.state;
  const stateBefore = JSON.stringify({ feed: state.feed, engine: state.engine });
  state.feed = { ...state.feed, ...Object.fromEntries(Object.entries(options.feed ?? {}).filter(([, value]) => value !== undefined)) };

  // Chosen once for the whole batch: every article is read with the same engine and voices. A rerun with
  // nothing to speak trusts the folder's memory of the engine (engine-memo.ts) and never loads an engine.
  const request: EngineRequest = { engine: speech.engine ?? 'auto', voice: speech.voice, hostVoice: speech.hostVoice };
  const memoKey = engineMemoKey(request, process.env.PATH ?? '', BRIEFCAST_VERSION);
  let resolved = options.force ? undefined : await recallEngine(state.engine, memoKey);
  let selected: SelectedEngine | undefined;
  const probeEngine = async (): Promise<SelectedEngine> => {
    if (selected) return selected;
    const { selectEngine, resolveVoices } = await import('../speech/engines/index.js');
    const chosen = await selectEngine(request.engine);
    const voices = resolveVoices(chosen.info, request.voice, request.hostVoice);
    resolved = { name: chosen.info.name, version: chosen.info.version, path: chosen.info.path, narrator: voices.narrator, host: voices.host };
    state.engine = await memorizeEngine(memoKey, resolved);
    selected = chosen;
    return chosen;
  };
  if (!resolved) await probeEngine();
  const fingerprint = (engine: ResolvedEngine) =>
    fingerprintSettings({
      briefcastVersion: BRIEFCAST_VERSION,
      engine: engine.name,
      engineVersion: `${engine.version} ${engine.path}`,
      narratorVoice: engine.narrator,
      hostVoice: engine.host,
      rateWpm: speech.rateWpm,
      pauses,
      bitrateKbps,
      from: speech.from,
      lexicon: speech.lexicon ? lexiconFingerprint(speech.lexicon) : undefined,
    });
  let settingsHash = fingerprint(resolved!);

  const existingSources = new Set<string>();
  for (const item of state.items) if (await exists(item.source)) existingSources.add(item.source);
  const slugs = assignSlugs(files, state, (source) => existingSources.has(source));

  // State writes are serialized: articles finish in any order, the file is rewritten whole each time.
  let saving: Promise<void> = Promise.resolve();
  const saveState = () => {
    saving = saving.then(() => writeBatchState(outDir, state));
    return saving;
  };

  // First look at every article (read, hash, compare): cheap, and it decides whether an engine is needed at all.
  interface Candidate {
    file: string;
    input: string;
    slug: string;
    mp3: string;
    /** The article as read to fingerprint it, handed to the briefing so it is not read twice. */
    text: InputText;
    articleHash: string;
    upToDate: boolean;
  }
  const results = new Map<string, BatchItemResult>();
  const candidates: Candidate[] = [];
  const articles = new Map<string, { article?: Article; articleHash: string }>();
  const checkUpToDate = async (candidate: Candidate) =>
    !options.force && isUpToDate(state.items.find((item) => item.slug === candidate.slug), {
      source: candidate.file,
      articleHash: candidate.articleHash,
      settingsHash,
      ...(await outputsNow(candidate.mp3)),
    });
  for (const file of files) {
    const input = displayName(file, cwd);
    const slug = slugs.get(file)!;
    try {
      const text = await readInput(file, { from: speech.from, signal });
      const candidate: Candidate = { file, input, slug, mp3: path.join(outDir, `${slug}.mp3`), text, articleHash: fingerprintArticle(text.content, text.format), upToDate: false };
      candidate.upToDate = await checkUpToDate(candidate);
      candidates.push(candidate);
      articles.set(file, { articleHash: candidate.articleHash });
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      const failure = describeFailure(error);
      results.set(file, { input, source: file, slug, status: 'failed', error: failure.message, exitCode: failure.exitCode });
    }
  }
  if (!selected && candidates.some((candidate) => !candidate.upToDate)) {
    // Something will be spoken: probe for real. Had the engine changed behind the memory, every article is judged again.
    await probeEngine();
    const before = settingsHash;
    settingsHash = fingerprint(resolved!);
    if (settingsHash !== before) for (const candidate of candidates) candidate.upToDate = await checkUpToDate(candidate);
  }
  for (const candidate of candidates) {
    const existing = state.items.find((item) => item.slug === candidate.slug);
    if (candidate.upToDate && existing) {
      const { file, input, slug, mp3 } = candidate;
      results.set(file, { input, source: file, slug, status: 'up to date', file: mp3, durationMs: existing.durationMs, chapters: existing.chapters.length });
    }
  }

  const toBrief = candidates.filter((candidate) => !results.has(candidate.file));
  const articleJobs = Math.max(1, options.jobs ?? DEFAULT_ARTICLE_JOBS);
  const engineJobs = options.engineJobs ?? Math.max(1, Math.ceil(os.availableParallelism() / Math.max(1, Math.min(articleJobs, toBrief.length))));

  const briefOne = async ({ file, input, slug, mp3, text, articleHash }: Candidate): Promise<BatchItemResult> => {
    const existing = state.items.find((item) => item.slug === slug);
    try {
      options.reporter?.started?.(input);
      // Loaded only when something must be spoken: a rerun where all is up to date stays quick.
      const { createBriefing } = await import('../pipeline.js');
      const reporter: ProgressReporter = { stage() {}, segments() {}, warn: (message) => options.reporter?.warn?.(`${input}: ${message}`) };
      const engine = resolved!;
      const briefing = await createBriefing({
        input: file,
        read: text,
        from: speech.from,
        // Probed once for the whole batch (an article is briefed only after the probe).
        selected: await probeEngine(),
        engine: engine.name,
        voice: engine.narrator,
        hostVoice: engine.host,
        rateWpm: speech.rateWpm,
        pauses,
        lexicon: speech.lexicon,
        output: mp3,
        bitrateKbps,
        ffmpegPath: options.ffmpegPath,
        jobs: engineJobs,
        cacheDir: options.cacheDir,
        signal,
        reporter,
      });
      await writeSidecars(briefing, mp3);
      const written = await statFile(mp3);
      if (!written) throw new OutputError(`${mp3} vanished right after it was written. Check what else writes to ${outDir}.`);
      const recovered = loaded.recovered.get(slug);
      const briefedAt = now().toISOString();
      const item: StoredItem = {
        slug,
        source: file,
        guid: existing?.guid ?? recovered?.guid ?? makeGuid(state.feedId, slug),
        firstBriefedAt: existing?.firstBriefedAt ?? recovered?.firstBriefedAt ?? briefedAt,
        briefedAt,
        articleHash,
        settingsHash,
        title: briefing.article.title.trim() || briefing.script.title,
        description: describeArticle(briefing.article),
        mp3Size: written.size,
        mp3MtimeMs: written.mtimeMs,
        durationMs: briefing.durationMs,
        chapters: briefing.chapters,
        segments: briefing.segments,
      };
      state.items = [...state.items.filter((other) => other.slug !== slug), item].sort((a, b) => a.slug.localeCompare(b.slug));
      await saveState();
      articles.set(file, { article: briefing.article, articleHash });
      const { hits, misses } = briefing.cache;
      return { input, source: file, slug, status: 'made', file: mp3, durationMs: briefing.durationMs, chapters: briefing.chapters.length, cache: { hits, misses } };
    } catch (error) {
      // Ctrl-C stops the whole batch; anything else fails this article alone.
      if (signal?.aborted) throw signal.reason ?? error;
      articles.delete(file);
      const failure = describeFailure(error);
      return { input, source: file, slug, status: 'failed', error: failure.message, exitCode: failure.exitCode };
    }
  };

  // Feed settings given now, and a renewed engine memory, are kept even when no article needs briefing.
  if (JSON.stringify({ feed: state.feed, engine: state.engine }) !== stateBefore) await saveState();
  for (const file of files) {
    const result = results.get(file);
    if (result) options.reporter?.finished?.(result);
  }
  let published: PublishedFolder | undefined;
  try {
    await runPool(toBrief, articleJobs, async (candidate) => {
      const result = await briefOne(candidate);
      results.set(candidate.file, result);
      options.reporter?.finished?.(result);
    });
  } finally {
    await saving.catch(() => {});
    // Even an interrupted batch publishes the briefings it finished.
    published = await publishFolder(outDir, state, `briefcast ${BRIEFCAST_VERSION}`).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
      return undefined;
    });
  }
  const items: BatchItemResult[] = [...missingRows, ...files.map((file) => results.get(file)!)];

  let digest: DigestResult | undefined;
  if (options.digest) {
    const ready = files.filter((file) => results.get(file)?.status !== 'failed' && articles.has(file));
    digest = await makeDigest(digestFile!, ready, {
      articles,
      state,
      settingsHash,
      probeEngine,
      voices: () => ({ narrator: resolved!.narrator, host: resolved!.host }),
      speech,
      pauses,
      bitrateKbps,
      options,
      saveState,
    });
    await saving;
  }

  const failed = items.filter((item) => item.status === 'failed').length + (digest?.status === 'failed' ? 1 : 0);
  return { outDir, items, published, digest, failed };
}

interface DigestContext {
  articles: Map<string, { article?: Article; articleHash: string }>;
  state: BatchState;
  settingsHash: string;
  /** The engine, probed only if the digest must be spoken. */
  probeEngine: () => Promise<SelectedEngine>;
  /** The voices, known once the engine has been probed or recalled. */
  voices: () => { narrator: string; host: string };
  speech: BatchSpeechOptions;
  pauses: Pauses;
  bitrateKbps: number;
  options: BatchOptions;
  saveState: () => Promise<void>;
}

/** One briefing of every article briefed (or up to date) in this run, in input order; skipped when nothing changed. */
async function makeDigest(file: string, sources: readonly string[], context: DigestContext): Promise<DigestResult> {
  const { state, options } = context;
  const signal = options.signal;
  if (!sources.length) return { file, status: 'failed', error: 'No article could be briefed, so there is nothing to put in the digest.' };
  const { planDigestScript, DEFAULT_DIGEST_TITLE } = await import('../script/plan-digest.js');
  const hash = hashText(context.settingsHash, DEFAULT_DIGEST_TITLE, ...sources.map((source) => `${source}\n${context.articles.get(source)!.articleHash}`));
  const previous = state.digest;
  if (!options.force && previous && previous.file === file && previous.hash === hash && isAsWritten(previous, await outputsNow(file))) {
    return { file, status: 'up to date', durationMs: previous.durationMs, chapters: previous.chapters };
  }
  try {
    const { engine, info } = await context.probeEngine();
    const voices = context.voices();
    const { parseArticle } = await import('../article/parse-article.js');
    const { renderBriefing } = await import('../pipeline.js');
    const articles: Article[] = [];
    for (const source of sources) {
      const known = context.articles.get(source)?.article;
      if (known) {
        articles.push(known);
        continue;
      }
      const text = await readInput(source, { from: context.speech.from, signal });
      articles.push(await parseArticle(text.content, text.format, text.source, { signal }));
    }
    const script = planDigestScript(articles, {
      narratorVoice: voices.narrator,
      hostVoice: voices.host,
      maxChars: engine.maxChars,
      pauses: context.pauses,
      wordsPerMinute: context.speech.rateWpm,
      lexicon: context.speech.lexicon,
    });
    const rendered = await renderBriefing(script, {
      engine,
      engineInfo: info,
      output: file,
      tag: {
        title: `${DEFAULT_DIGEST_TITLE} (${articles.length} article${articles.length === 1 ? '' : 's'})`,
        album: state.feed.title ?? 'briefcast briefings',
        comment: `Digest of ${articles.map((article) => article.title).join('; ')}, made by briefcast.`,
        tocTitle: DEFAULT_DIGEST_TITLE,
      },
      rateWpm: context.speech.rateWpm,
      bitrateKbps: context.bitrateKbps,
      ffmpegPath: options.ffmpegPath,
      jobs: options.engineJobs ?? os.availableParallelism(),
      cacheDir: options.cacheDir,
      signal,
    });
    await writeSidecars({ ...rendered, script }, file);
    const written = await statFile(file);
    state.digest = { file, hash, mp3Size: written?.size ?? 0, mp3MtimeMs: written?.mtimeMs ?? 0, durationMs: rendered.durationMs, chapters: rendered.chapters.length };
    await context.saveState();
    return { file, status: 'made', durationMs: rendered.durationMs, chapters: rendered.chapters.length, cache: rendered.cache };
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    return { file, status: 'failed', error: describeFailure(error).message };
  }
}
