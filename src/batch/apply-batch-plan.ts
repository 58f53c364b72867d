// Carries out a batch plan: briefs the articles it names, a bounded number at a time (a failing article fails
// alone, Ctrl-C stops them all), records each in the folder's state as it lands, publishes the feed and the page
// (even after an interruption, with what was finished), then makes the digest if the plan still calls for it.
import os from 'node:os';
import { DEFAULT_BITRATE_KBPS } from '../defaults.js';
import { describeFailure, EXIT_CODES, InterruptedError, OutputError } from '../errors.js';
import type { ChosenEngine, RenderedBriefing, RenderSettings } from '../pipeline.js';

/** The engine, with its voices, for a set of languages (pipeline's createEngineChooser: probed once per set). */
export type EngineChooser = (languages: readonly string[]) => Promise<ChosenEngine>;

/** `engine` when it was chosen for these languages, else the chooser's engine for them (or `engine`, which refuses them). */
export async function engineFor(engine: ChosenEngine, chooser: EngineChooser | undefined, languages: readonly string[]): Promise<ChosenEngine> {
  if (languages.every((language) => Object.hasOwn(engine.casts, language)) || !chooser) return engine;
  return chooser(languages);
}
import type { ProgressReporter } from '../progress.js';
import type { InputText } from '../read/read-input.js';
import type { Article } from '../types.js';
import { makeGuid, writeBatchState, type BatchState, type FeedSettings, type RecoveredEpisode, type StoredDigest, type StoredItem } from './batch-state.js';
import type { BatchItemResult, BatchReport, BatchReporter, BatchSpeechOptions, DigestResult } from './batch-types.js';
import { describeArticle } from './describe-item.js';
import { addToMemo, rememberEngine } from './engine-memo.js';
import { digestHash, replanDigest, type BatchPlan, type DigestPlan, type PlannedArticle, type PlannedItem } from './plan-batch.js';
import { publishFolder, type PublishedFolder } from './publish-folder.js';
import type { EpisodeJob, RemoteBriefer } from './remote-briefer.js';
import { runPool } from './run-pool.js';
import { statFile } from './survey-batch.js';

export interface ApplyOptions {
  outDir: string;
  /** The folder's state as this run starts it (feed settings and engine memory included). */
  state: BatchState;
  /** Whether that state differs from the one on disk: feed settings given now, a renewed engine memory. */
  stateChanged: boolean;
  /** guids and dates recovered from feed.xml when the state file was lost. */
  recovered: ReadonlyMap<string, RecoveredEpisode>;
  /** The probed engine; needed only when the plan speaks (needsEngine). */
  engine?: ChosenEngine;
  /** The engine for articles in other languages than `engine` was chosen for (see EpisodeRun.chooseEngine). */
  chooseEngine?: EngineChooser;
  /** The settings fingerprint of a briefing read by this engine in these languages (run-batch.ts hashSettings). */
  fingerprint: (engine: ChosenEngine, languages: readonly string[]) => string;
  /** Under which key the engines used are remembered in the state for the next run (engine-memo.ts). */
  engineMemoKey: string;
  speech: BatchSpeechOptions;
  render: RenderSettings;
  articleJobs: number;
  /** Workers elsewhere brief the articles (batch --queue); this process only publishes what they wrote. */
  remote?: RemoteBriefer;
  /** Written into the feed: `briefcast <version>`. */
  generator: string;
  signal?: AbortSignal;
  reporter?: BatchReporter;
  now: () => Date;
}

/** One article's briefing: its summary row, and the Article when it was made (the digest reads it). */
interface BriefOutcome {
  row: BatchItemResult;
  article?: Article;
}

export async function applyBatchPlan(plan: BatchPlan, options: ApplyOptions): Promise<BatchReport> {
  const { outDir, reporter, signal } = options;
  const folder = new FolderState(outDir, options.state);
  // Feed settings given now, and a renewed engine memory, are kept even when no article needs briefing.
  if (options.stateChanged) await folder.save();
  for (const item of plan.items) if (item.action !== 'brief') reporter?.finished?.(settledRow(item));

  const toBrief = plan.items.filter((item): item is PlannedArticle & { action: 'brief' } => item.action === 'brief');
  const briefed = new Map<string, BriefOutcome>();
  const pooled = toBrief.length === 0 ? undefined : await briefAll(toBrief, briefed, { ...options, folder });
  await folder.settled();
  // Even an interrupted batch publishes the briefings it finished.
  const leaving = new Set(plan.leaving);
  const feedState = { ...folder.current, items: folder.current.items.filter((item) => !leaving.has(item.slug)) };
  const published = await publishFolder(outDir, feedState, options.generator).catch((error: unknown) => {
    if (!signal?.aborted) throw error;
    return undefined;
  });
  // Made here or by a worker (which sends back no Article: the digest parses such an article from its text).
  const made = new Set([...briefed].filter(([, outcome]) => outcome.row.status === 'made').map(([file]) => file));
  if (pooled) throw describeInterruption(pooled.error, made.size, published, outDir);

  const items: BatchItemResult[] = [
    ...plan.missing.map(({ input, message }): BatchItemResult => ({ input, source: '', status: 'failed', error: message, exitCode: EXIT_CODES.input })),
    ...plan.items.map((item) => briefed.get(item.file)?.row ?? settledRow(item)),
  ];
  // The digest reads each article as its briefing parsed it, or (up to date) the text the survey read.
  const digestPlan = replanDigest(plan, made);
  const sources = new Map(
    plan.items.flatMap((item) =>
      item.action === 'unreadable' ? [] : [[item.file, { read: briefed.get(item.file)?.article ?? item.text, articleHash: item.articleHash }] as const],
    ),
  );
  const digest =
    digestPlan &&
    (await makeDigest(digestPlan, sources, { ...options, folder }).catch((error: unknown) => {
      throw describeInterruption(error, made.size, published, outDir);
    }));
  await folder.settled();
  const failed = items.filter((item) => item.status === 'failed').length + (digest?.status === 'failed' ? 1 : 0);
  return { outDir, items, published, digest, failed };
}

/** The row of an article this run does not brief: up to date, or unreadable. */
function settledRow(item: PlannedItem): BatchItemResult {
  const { input, file: source, slug } = item;
  if (item.action === 'unreadable') return { input, source, slug, status: 'failed', error: item.error, exitCode: item.exitCode };
  if (item.action === 'up to date')
    return { input, source, slug, status: 'up to date', file: item.mp3, durationMs: item.stored.durationMs, chapters: item.stored.chapters.length };
  throw new Error(`${input} is still to be briefed: it has no settled row. This is a bug in briefcast batch.`);
}

function requireEngine(options: Pick<ApplyOptions, 'engine'>): ChosenEngine {
  if (!options.engine) throw new Error('The batch plan speaks but no engine was probed. This is a bug in briefcast batch.');
  return options.engine;
}

/**
 * An interruption says what was kept: the briefings finished before it are in the folder, and in its feed unless
 * publishing failed too. Any other error is passed on as it is.
 */
function describeInterruption(error: unknown, made: number, published: PublishedFolder | undefined, outDir: string): unknown {
  if (!(error instanceof InterruptedError) || made === 0) return error;
  const briefings = made === 1 ? 'the briefing finished before it is' : `the ${made} briefings finished before it are`;
  const outcome = published
    ? `${briefings} published in ${outDir}; the others were not made.`
    : `${briefings} in ${outDir}, but not yet in its feed: run the batch again to publish them.`;
  return new InterruptedError(error.signal, outcome);
}

/**
 * Briefs the articles, `articleJobs` at a time, reporting each as it finishes; resolves to the error that stopped
 * them (Ctrl-C), if any, once every briefing in flight has stopped.
 */
async function briefAll(
  toBrief: readonly PlannedArticle[],
  briefed: Map<string, BriefOutcome>,
  options: ApplyOptions & Pick<BriefRun, 'folder'>,
): Promise<{ error: unknown } | undefined> {
  // Handed to workers, every article is queued at once: the workers' number and --concurrency bound the work.
  const articleJobs = options.remote ? toBrief.length : options.articleJobs;
  const inFlight = Math.max(1, Math.min(articleJobs, toBrief.length));
  const run: BriefRun = {
    ...options,
    engine: requireEngine(options),
    engineJobs: options.render.jobs ?? Math.max(1, Math.ceil(os.availableParallelism() / inFlight)),
  };
  return runPool(toBrief, articleJobs, async (article) => {
    const outcome = await briefArticle(article, run);
    briefed.set(article.file, outcome);
    options.reporter?.finished?.(outcome.row);
  }).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
}

interface BriefRun extends ApplyOptions {
  folder: FolderState;
  engine: ChosenEngine;
  engineJobs: number;
}

/** Parse, plan and render one article already read, with the batch's engine; then its sidecars and its state entry. */
async function briefArticle(article: PlannedArticle, run: BriefRun): Promise<BriefOutcome> {
  const { file, input, slug, mp3 } = article;
  const { signal } = run;
  try {
    run.reporter?.started?.(input);
    const warn = (message: string) => run.reporter?.warn?.(`${input}: ${message}`);
    article.text.warnings.forEach(warn);
    if (run.remote) return { row: await briefRemotely(article, run.remote, run) };
    // Loaded only when something must be spoken: a rerun where all is up to date stays quick.
    const { parseSource } = await import('../pipeline.js');
    const parsed = await parseSource(article.text, { signal, language: run.speech.language, warn });
    const target: EpisodeTarget = { slug, mp3, source: file, articleHash: article.articleHash };
    const { episode, briefing, engine } = await renderEpisodeFiles(parsed, target, { ...run, reporter: { stage() {}, segments() {}, warn } });
    // Fingerprinted with the engine and voices its language got, which the next run recalls for it.
    const languages = [episode.language];
    await run.folder.rememberEngine(run.engineMemoKey, engine, languages);
    await recordEpisode(episode, target, { ...run, settingsHash: run.fingerprint(engine, languages) });
    const { hits, misses } = briefing.cache;
    const row: BatchItemResult = {
      input,
      source: file,
      slug,
      status: 'made',
      file: mp3,
      durationMs: briefing.durationMs,
      chapters: briefing.chapters.length,
      cache: { hits, misses },
    };
    return { row, article: parsed };
  } catch (error) {
    // Ctrl-C stops the whole batch; anything else fails this article alone.
    if (signal?.aborted) throw signal.reason ?? error;
    const failure = describeFailure(error);
    return { row: { input, source: file, slug, status: 'failed', error: failure.message, exitCode: failure.exitCode } };
  }
}

/**
 * Hands one article to the workers, then records what they wrote. The digest, which reads the parsed articles,
 * parses them again from the text the survey read.
 */
async function briefRemotely(article: PlannedArticle, remote: RemoteBriefer, run: BriefRun): Promise<BatchItemResult> {
  const { file, input, slug, mp3 } = article;
  // The worker settles the language; the job's id needs a fingerprint now: last time's language's, else the request's.
  const lastLanguage = article.language === undefined ? undefined : [article.language];
  const planned = lastLanguage && (await localEngineFor(run, lastLanguage));
  const jobHash = planned ? run.fingerprint(planned, lastLanguage!) : run.fingerprint(run.engine, [run.engine.language]);
  const job: EpisodeJob = {
    outDir: run.outDir,
    slug,
    text: { content: article.text.content, format: article.text.format, source: article.text.source, transportLanguage: article.text.transportLanguage },
    source: file,
    articleHash: article.articleHash,
    settingsHash: jobHash,
    speech: remoteSpeech(run.speech),
    bitrateKbps: run.render.bitrateKbps ?? DEFAULT_BITRATE_KBPS,
  };
  const episode = await remote.brief(job, { signal: run.signal });
  const { cache, ...rendered } = episode;
  // Recorded with this machine's engine for the language the worker read it in, as a local briefing would be (the
  // workers have the same engines and voices); the job's fingerprint when this machine has none for it.
  const languages = [rendered.language];
  const engine = await localEngineFor(run, languages);
  if (engine) await run.folder.rememberEngine(run.engineMemoKey, engine, languages);
  await recordEpisode(
    rendered,
    { slug, mp3, source: file, articleHash: article.articleHash },
    { ...run, settingsHash: engine ? run.fingerprint(engine, languages) : jobHash },
  );
  return {
    input,
    source: file,
    slug,
    status: 'made',
    file: mp3,
    durationMs: rendered.durationMs,
    chapters: rendered.chapters.length,
    ...(cache ? { cache } : {}),
  };
}

/** The engine this machine chooses for these languages; undefined when it has none that speaks them. */
async function localEngineFor(run: Pick<BriefRun, 'engine' | 'chooseEngine'>, languages: readonly string[]): Promise<ChosenEngine | undefined> {
  const engine = await engineFor(run.engine, run.chooseEngine, languages).catch(() => undefined);
  return engine && languages.every((language) => Object.hasOwn(engine.casts, language)) ? engine : undefined;
}

/** The speech settings a worker needs: all but --from (the enqueuer read the article already). */
export function remoteSpeech(speech: BatchSpeechOptions): EpisodeJob['speech'] {
  const { from: _from, ...rest } = speech;
  return rest;
}

/** Where an episode goes and what it is made from. */
export interface EpisodeTarget {
  slug: string;
  mp3: string;
  /** The article: an absolute path, or a URL. */
  source: string;
  articleHash: string;
}

/** What rendering an episode into a folder needs; a batch and `briefcast serve` each make one. */
export interface EpisodeRun {
  outDir: string;
  folder: FolderState;
  engine: ChosenEngine;
  /** Each article is read in its own language: the engine (and voices) for one `engine` was not chosen for. */
  chooseEngine?: EngineChooser;
  engineJobs: number;
  speech: BatchSpeechOptions;
  render: RenderSettings;
  settingsHash: string;
  /** guids and dates recovered from feed.xml when the state file was lost. */
  recovered?: ReadonlyMap<string, RecoveredEpisode>;
  now: () => Date;
  signal?: AbortSignal;
  reporter: ProgressReporter;
}

/** An episode's files as rendered into the folder: everything its state entry needs, as plain data (a worker sends it back). */
export interface RenderedEpisode {
  title: string;
  description: string;
  mp3Size: number;
  mp3MtimeMs: number;
  durationMs: number;
  chapters: StoredItem['chapters'];
  segments: StoredItem['segments'];
  /** The language it was read in (BCP 47). */
  language: string;
}

/**
 * Plans and renders a parsed article into the folder (the MP3 and its sidecars as one unit), then records it in
 * the folder's state: an episode briefed before keeps its guid and first date.
 */
export async function renderEpisode(parsed: Article, target: EpisodeTarget, run: EpisodeRun): Promise<{ item: StoredItem; briefing: RenderedBriefing }> {
  const { episode, briefing } = await renderEpisodeFiles(parsed, target, run);
  return { item: await recordEpisode(episode, target, run), briefing };
}

/** Plans and renders a parsed article into the folder (the MP3 and its sidecars as one unit); records nothing. */
export async function renderEpisodeFiles(
  parsed: Article,
  target: Pick<EpisodeTarget, 'mp3'>,
  run: Omit<EpisodeRun, 'folder' | 'settingsHash' | 'recovered' | 'now'>,
): Promise<{ episode: RenderedEpisode; briefing: RenderedBriefing; engine: ChosenEngine }> {
  const { mp3 } = target;
  const { describeTag, planBriefing, renderBriefing } = await import('../pipeline.js');
  const { planLanguage } = await import('../script/plan-script.js');
  const language = planLanguage(parsed, {});
  const engine = await engineFor(run.engine, run.chooseEngine, [language]);
  const script = planBriefing(parsed, engine, run.speech);
  const briefing = await renderBriefing(script, engine, {
    ...run.render,
    jobs: run.engineJobs,
    rateWpm: run.speech.rateWpm,
    output: mp3,
    tag: describeTag(parsed),
    sidecars: true,
    signal: run.signal,
    reporter: run.reporter,
  });
  const written = await statFile(mp3);
  if (!written) throw new OutputError(`${mp3} vanished right after it was written. Check what else writes to ${run.outDir}.`);
  const episode: RenderedEpisode = {
    title: parsed.title.trim() || script.title,
    description: describeArticle(parsed),
    mp3Size: written.size,
    mp3MtimeMs: written.mtimeMs,
    durationMs: briefing.durationMs,
    chapters: briefing.chapters,
    segments: briefing.segments,
    language,
  };
  return { episode, briefing, engine };
}

/** Records an episode whose files are in the folder: an episode briefed before keeps its guid and first date. */
export async function recordEpisode(
  episode: RenderedEpisode,
  target: EpisodeTarget,
  run: Pick<EpisodeRun, 'folder' | 'recovered' | 'now' | 'settingsHash'>,
): Promise<StoredItem> {
  const { slug } = target;
  const existing = run.folder.current.items.find((item) => item.slug === slug);
  const recovered = run.recovered?.get(slug);
  const briefedAt = run.now().toISOString();
  const item: StoredItem = {
    slug,
    source: target.source,
    guid: existing?.guid ?? recovered?.guid ?? makeGuid(run.folder.current.feedId, slug),
    firstBriefedAt: existing?.firstBriefedAt ?? recovered?.firstBriefedAt ?? briefedAt,
    briefedAt,
    articleHash: target.articleHash,
    settingsHash: run.settingsHash,
    ...episode,
  };
  await run.folder.putItem(item);
  return item;
}

/** One briefing of every article briefed (or up to date) in this run, in input order; skipped when nothing changed. */
async function makeDigest(
  plan: DigestPlan,
  sources: ReadonlyMap<string, { read: Article | InputText; articleHash: string }>,
  run: Pick<ApplyOptions, 'engine' | 'chooseEngine' | 'fingerprint' | 'engineMemoKey' | 'speech' | 'render' | 'signal'> & { folder: FolderState },
): Promise<DigestResult> {
  const { file, title } = plan.target;
  if (plan.action === 'nothing to read') return { file, status: 'failed', error: 'No article could be briefed, so there is nothing to put in the digest.' };
  if (plan.action === 'up to date') return { file, status: 'up to date', durationMs: plan.previous?.durationMs, chapters: plan.previous?.chapters };
  const { signal } = run;
  try {
    const { digestLanguages, parseSource, planDigestBriefing, renderBriefing } = await import('../pipeline.js');
    const articles: Article[] = [];
    for (const source of plan.sources) {
      const { read } = sources.get(source)!;
      articles.push('content' in read ? await parseSource(read, { signal, language: run.speech.language }) : read);
    }
    // One engine reads the whole digest: the first that speaks every language in it, each article in its own.
    const languages = digestLanguages(articles);
    const engine = await engineFor(requireEngine(run), run.chooseEngine, languages);
    // Fingerprinted with that engine, now that every article's language is settled (the plan knew only last time's).
    const hash = digestHash(
      run.fingerprint(engine, languages),
      title,
      plan.sources.map((file) => ({ file, articleHash: sources.get(file)!.articleHash })),
    );
    await run.folder.rememberEngine(run.engineMemoKey, engine, languages);
    const script = planDigestBriefing(articles, engine, run.speech);
    const rendered = await renderBriefing(script, engine, {
      ...run.render,
      jobs: run.render.jobs ?? os.availableParallelism(),
      rateWpm: run.speech.rateWpm,
      output: file,
      tag: {
        title: `${title} (${articles.length} article${articles.length === 1 ? '' : 's'})`,
        album: run.folder.current.feed.title ?? 'briefcast briefings',
        comment: `Digest of ${articles.map((article) => article.title).join('; ')}, made by briefcast.`,
        tocTitle: title,
      },
      sidecars: true,
      inputs: plan.sources,
      signal,
    });
    const written = await statFile(file);
    await run.folder.setDigest({
      file,
      hash,
      mp3Size: written?.size ?? 0,
      mp3MtimeMs: written?.mtimeMs ?? 0,
      durationMs: rendered.durationMs,
      chapters: rendered.chapters.length,
    });
    return { file, status: 'made', durationMs: rendered.durationMs, chapters: rendered.chapters.length, cache: rendered.cache };
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    return { file, status: 'failed', error: describeFailure(error).message };
  }
}

/**
 * The folder's state as this run changes it. Articles finish in any order; every change is written whole,
 * one write at a time, in the order the changes were made.
 */
export class FolderState {
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly outDir: string,
    private state: BatchState,
  ) {}

  get current(): BatchState {
    return this.state;
  }

  /** Records a briefing just made (replacing the one of its slug), then saves. */
  putItem(item: StoredItem): Promise<void> {
    const items = [...this.state.items.filter((other) => other.slug !== item.slug), item].sort((a, b) => a.slug.localeCompare(b.slug));
    this.state = { ...this.state, items };
    return this.save();
  }

  /** Forgets episodes (their files are the caller's to remove), then saves. */
  removeItems(slugs: readonly string[]): Promise<void> {
    const gone = new Set(slugs);
    this.state = { ...this.state, items: this.state.items.filter((item) => !gone.has(item.slug)) };
    return this.save();
  }

  /** Remembers the engine that read these languages, for the next run's plan; saved with the next change. */
  async rememberEngine(key: string, engine: ChosenEngine, languages: readonly string[]): Promise<void> {
    const remembered = await rememberEngine(engine, languages);
    if (remembered) this.state = { ...this.state, engine: addToMemo(this.state.engine, key, languages, remembered) };
  }

  /** Replaces the feed settings, then saves. */
  setFeed(feed: FeedSettings): Promise<void> {
    this.state = { ...this.state, feed };
    return this.save();
  }

  setDigest(digest: StoredDigest): Promise<void> {
    this.state = { ...this.state, digest };
    return this.save();
  }

  save(): Promise<void> {
    const state = this.state;
    this.saving = this.saving.then(() => writeBatchState(this.outDir, state));
    return this.saving;
  }

  /** Waits for the writes queued so far; a failed one was already reported by the change that queued it. */
  settled(): Promise<void> {
    return this.saving.catch(() => {});
  }
}
