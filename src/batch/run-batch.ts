// briefcast batch: one briefing per article into an output folder, a bounded number at a time. A failing
// article fails alone; an unchanged article with unchanged settings is skipped; the feed and the page are
// rebuilt from the folder's state at the end; optionally a digest of all the articles.
//   survey (survey-batch.ts: read and hash every article, look at the folder)
//   -> engine (remembered, or probed once) -> planBatch (plan-batch.ts, pure) -> applyBatchPlan (apply-batch-plan.ts)
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { InputError, OutputError } from '../errors.js';
import { DEFAULT_BITRATE_KBPS, DEFAULT_PAUSES } from '../defaults.js';
import { DEFAULT_FIRST_POLL_TAKE } from '../follow/select-entries.js';
import { isUrl } from '../is-url.js';
import type { ChosenEngine } from '../pipeline.js';
import { lexiconFingerprint } from '../script/lexicon.js';
import { engineVersionKey } from '../speech/engine-version.js';
import { sidecarPaths } from '../publish/sidecars.js';
import { refuseDigestOverEpisode } from '../publish/output-files.js';
import { withFolderLock } from './folder-lock.js';
import { applyBatchPlan } from './apply-batch-plan.js';
import { readBatchState, STATE_DIR, type BatchState, type FeedSettings } from './batch-state.js';
import type { BatchOptions, BatchReport, BatchSpeechOptions } from './batch-types.js';
import { engineMemoKey, memorizeEngine, recallEngine, type EngineMemo, type EngineRequest, type ResolvedEngine } from './engine-memo.js';
import { findArticles } from './find-articles.js';
import { dropDeletedEpisodes, passFeeds, type FeedPass, type FeedPassOptions } from './follow-feeds.js';
import { fingerprintSettings } from './fingerprint.js';
import { needsEngine, planBatch, type BatchPlan, type BatchSurvey } from './plan-batch.js';
import { surveyBatch } from './survey-batch.js';

export type * from './batch-types.js';

const { version: BRIEFCAST_VERSION } = createRequire(import.meta.url)('../../package.json') as { version: string };

export const DEFAULT_ARTICLE_JOBS = Math.min(2, Math.max(1, Math.floor(os.availableParallelism() / 2)));

/** Briefs into the output folder as its only writer: a second run waits briefly for it, then reports the folder busy. */
export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const cwd = options.cwd ?? process.cwd();
  return withFolderLock(path.resolve(cwd, options.outDir), () => briefFolder(options, cwd), { signal: options.signal });
}

async function briefFolder(options: BatchOptions, cwd: string): Promise<BatchReport> {
  const speech = options.speech ?? {};
  const outDir = await createOutputFolder(path.resolve(cwd, options.outDir));
  const loaded = await readBatchState(outDir);
  const feedUrls = options.inputs.filter(isUrl);
  const pass = feedUrls.length > 0 ? await passFeeds(feedPassOptions(options, outDir, feedUrls)) : undefined;
  // An episode of a followed feed deleted from the folder stays deleted: its article is not briefed again.
  const feeds = pass && { ...pass, files: await dropDeletedEpisodes(pass.files, loaded.state.items, outDir) };
  const { files, missing } = await findBatchArticles(options, cwd, outDir, feeds);
  loaded.warnings.forEach((warning) => options.reporter?.warn?.(warning));
  const state: BatchState = { ...loaded.state, feed: mergeFeedSettings(loaded.state.feed, options.feed) };
  // The script stage (and its digest title) loads only when a digest is asked for: a rerun where all is up to date stays quick.
  const digest = options.digest
    ? { file: path.resolve(cwd, options.digest), title: (await import('../script/plan-digest.js')).DEFAULT_DIGEST_TITLE }
    : undefined;
  const survey = await surveyBatch({ outDir, cwd, files, missing, state, from: speech.from, digest, signal: options.signal });
  const { plan, engine, memo } = await planWithEngine(survey, options);
  const { createEngineChooser } = engine ? await import('../pipeline.js') : { createEngineChooser: undefined };
  if (digest)
    await refuseDigestOverEpisode(
      digest.file,
      outDir,
      [...plan.items, ...state.items].map(({ slug, ...item }) => ({ slug, source: 'file' in item ? item.file : item.source })),
    );
  const finalState = memo ? { ...state, engine: memo.value } : state;
  return applyBatchPlan(plan, {
    outDir,
    state: finalState,
    stateChanged:
      JSON.stringify({ feed: finalState.feed, engine: finalState.engine }) !== JSON.stringify({ feed: loaded.state.feed, engine: loaded.state.engine }),
    recovered: loaded.recovered,
    engine,
    chooseEngine: createEngineChooser?.(speech),
    speech,
    render: { bitrateKbps: options.bitrateKbps, ffmpegPath: options.ffmpegPath, cacheDir: options.cacheDir, jobs: options.jobs },
    articleJobs: Math.max(1, options.articleJobs ?? DEFAULT_ARTICLE_JOBS),
    remote: options.remote,
    generator: `briefcast ${BRIEFCAST_VERSION}`,
    signal: options.signal,
    reporter: options.reporter,
    now: options.now ?? (() => new Date()),
  });
}

async function createOutputFolder(outDir: string): Promise<string> {
  try {
    await mkdir(outDir, { recursive: true });
    return outDir;
  } catch (error) {
    throw new OutputError(
      `Cannot create the output folder ${outDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Choose another with -o <dir>.`,
      { cause: error },
    );
  }
}

/** The articles to look at, and the inputs that named nothing (not a failure in watch mode). */
async function findBatchArticles(
  options: BatchOptions,
  cwd: string,
  outDir: string,
  feeds: FeedPass | undefined,
): Promise<Pick<BatchSurvey, 'missing'> & { files: string[] }> {
  const paths = options.inputs.filter((input) => !isUrl(input));
  const found = paths.length > 0 ? await findArticles(paths, { cwd, outDir }) : { files: [], missing: [] };
  // The digest and its sidecars may sit among the articles; they are outputs, never inputs.
  const digestFile = options.digest ? path.resolve(cwd, options.digest) : undefined;
  const ownFiles = new Set(digestFile ? [digestFile, ...Object.values(sidecarPaths(digestFile))] : []);
  const files = [...found.files, ...(feeds?.files ?? [])].filter((file) => !ownFiles.has(file) && (!options.only || options.only(file)));
  const missing = [...(options.allowMissing ? [] : found.missing), ...(feeds?.failures ?? [])];
  // A followed feed with nothing new yet is not a failure: the next pass may bring something.
  if (!files.length && !missing.length && !options.allowMissing && !feeds) {
    throw new InputError(
      `No articles found in ${options.inputs.join(', ')}. Give article files (.txt, .md, .html), folders holding them, globs, or feed URLs.`,
    );
  }
  return { files, missing };
}

function feedPassOptions(options: BatchOptions, outDir: string, urls: readonly string[]): FeedPassOptions {
  return {
    stateDir: path.join(outDir, STATE_DIR),
    urls,
    firstPollTake: options.follow?.firstPollTake ?? DEFAULT_FIRST_POLL_TAKE,
    policy: { allowPrivate: options.follow?.allowPrivate ?? false },
    ...(options.follow?.resolve ? { resolve: options.follow.resolve } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    warn: (line) => options.reporter?.warn?.(line),
  };
}

/** Feed settings given now override the remembered ones; those not given are kept. */
function mergeFeedSettings(remembered: FeedSettings, given: FeedSettings = {}): FeedSettings {
  return { ...remembered, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
}

/**
 * The plan, with the engine it was judged by. Every article is read with the same engine and voices, chosen once
 * for the whole batch. A rerun with nothing to speak trusts the folder's memory of the engine (engine-memo.ts) and
 * never loads an engine; as soon as something must be spoken the engine is probed for real, and had it changed
 * behind the memory, every article is judged again.
 */
async function planWithEngine(
  survey: BatchSurvey,
  options: BatchOptions,
): Promise<{ plan: BatchPlan; engine?: ChosenEngine; memo?: { value: EngineMemo | undefined } }> {
  const speech = options.speech ?? {};
  const request: EngineRequest = { engine: speech.engine ?? 'auto', narrator: speech.narrator, host: speech.host, language: speech.language };
  const memoKey = engineMemoKey(request, process.env.PATH ?? '', BRIEFCAST_VERSION);
  const recalled = options.force ? undefined : await recallEngine(survey.state.engine, memoKey);
  const judge = (engine: ResolvedEngine) => planBatch(survey, { settingsHash: hashSettings(engine, speech, options.bitrateKbps), force: options.force });
  if (recalled) {
    const plan = judge(recalled);
    if (!needsEngine(plan)) return { plan };
  }
  const { chooseEngine } = await import('../pipeline.js');
  const engine = await chooseEngine(request);
  const resolved: ResolvedEngine = {
    name: engine.info.name,
    version: engine.info.version,
    path: engine.info.path,
    narrator: engine.narrator,
    host: engine.host,
  };
  return { plan: judge(resolved), engine, memo: { value: await memorizeEngine(memoKey, resolved) } };
}

/** The fingerprint of every setting that changes an episode's audio, recorded with each episode. */
export function hashSettings(engine: ResolvedEngine, speech: BatchSpeechOptions, bitrateKbps = DEFAULT_BITRATE_KBPS): string {
  return fingerprintSettings({
    briefcastVersion: BRIEFCAST_VERSION,
    engine: engine.name,
    engineVersion: engineVersionKey(engine),
    narrator: engine.narrator,
    host: engine.host,
    rateWpm: speech.rateWpm,
    pauses: speech.pauses ?? DEFAULT_PAUSES,
    bitrateKbps,
    from: speech.from,
    lexicon: speech.lexicon ? lexiconFingerprint(speech.lexicon) : undefined,
  });
}
