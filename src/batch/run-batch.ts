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
import { applyBatchPlan, engineFor, type EngineChooser } from './apply-batch-plan.js';
import { readBatchState, STATE_DIR, type BatchState, type FeedSettings } from './batch-state.js';
import type { BatchOptions, BatchReport, BatchSpeechOptions } from './batch-types.js';
import {
  addToMemo,
  describeSpeaker,
  engineMemoKey,
  engineSurroundings,
  languageSetKey,
  recallEngines,
  rememberEngine,
  type EngineMemo,
  type EngineRequest,
  type SpokenBy,
} from './engine-memo.js';
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
  const { plan, engine, chooser, memo, memoKey } = await planWithEngine(survey, options);
  if (digest)
    await refuseDigestOverEpisode(
      digest.file,
      outDir,
      [...plan.items, ...state.items].map(({ slug, ...item }) => ({ slug, source: 'file' in item ? item.file : item.source })),
    );
  // A probe renews the memory (or forgets one that no longer holds); the engines used while briefing are added to it.
  const finalState = engine ? { ...state, engine: memo } : state;
  return applyBatchPlan(plan, {
    outDir,
    state: finalState,
    stateChanged:
      JSON.stringify({ feed: finalState.feed, engine: finalState.engine }) !== JSON.stringify({ feed: loaded.state.feed, engine: loaded.state.engine }),
    recovered: loaded.recovered,
    engine,
    chooseEngine: chooser,
    fingerprint: (chosen, languages) => fingerprintEngine(chosen, languages, speech, options.bitrateKbps),
    engineMemoKey: memoKey,
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
 * The plan, with the engines it was judged by. Each article is fingerprinted with the engine and voices its own
 * language gets (the language it was read in last time: an unchanged text is read in the same one), a digest
 * with the engine that reads all of its languages. A rerun with nothing to speak trusts the folder's memory of
 * those engines (engine-memo.ts) and never loads one; as soon as something must be spoken, or the memory lacks a
 * language, the engines are probed for real, and had one changed behind the memory, every article is judged again.
 */
async function planWithEngine(
  survey: BatchSurvey,
  options: BatchOptions,
): Promise<{ plan: BatchPlan; engine?: ChosenEngine; chooser?: EngineChooser; memo?: EngineMemo; memoKey: string }> {
  const speech = options.speech ?? {};
  const request: EngineRequest = { engine: speech.engine ?? 'auto', narrator: speech.narrator, host: speech.host, language: speech.language };
  const memoKey = engineMemoKey(request, process.env.PATH ?? '', BRIEFCAST_VERSION, await engineSurroundings(request, process.env));
  const judge = (engines: ReadonlyMap<string, SpokenBy>) =>
    planBatch(survey, {
      settingsHash: (languages) => {
        const spokenBy = engines.get(languageSetKey(languages));
        return spokenBy && hashSettings(spokenBy, speech, options.bitrateKbps);
      },
      force: options.force,
    });
  const sets = languageSetsToJudge(survey, options.force);
  const recalled = options.force ? undefined : await recallEngines(survey.state.engine, memoKey, [...sets.keys()]);
  if (recalled) {
    const plan = judge(recalled);
    if (!needsEngine(plan)) return { plan, memoKey };
  }
  const { chooseEngine, createEngineChooser } = await import('../pipeline.js');
  const engine = await chooseEngine(request);
  const chooser = createEngineChooser(request);
  const probed = new Map<string, SpokenBy>();
  let memo: EngineMemo | undefined;
  for (const [key, languages] of sets) {
    // A language no engine here speaks any more: its articles are briefed again, and fail alone, saying why.
    const chosen = await engineFor(engine, chooser, languages).catch(() => undefined);
    if (!chosen) continue;
    probed.set(key, describeSpeaker(chosen, languages));
    const remembered = await rememberEngine(chosen, languages);
    if (remembered) memo = addToMemo(memo, memoKey, languages, remembered);
  }
  return { plan: judge(probed), engine, chooser, memo, memoKey };
}

/**
 * The sets of languages planning will fingerprint, by key: those of the articles whose language is known from
 * last time, and the digest's. Asked of planBatch itself, so that they are exactly the ones it asks for.
 */
function languageSetsToJudge(survey: BatchSurvey, force = false): Map<string, readonly string[]> {
  const sets = new Map<string, readonly string[]>();
  planBatch(survey, {
    settingsHash: (languages) => {
      sets.set(languageSetKey(languages), languages);
      return undefined;
    },
    force,
  });
  return sets;
}

/** The fingerprint of every setting that changes a briefing's audio, read by this engine and these voices; recorded with each episode. */
export function hashSettings(spokenBy: SpokenBy, speech: BatchSpeechOptions, bitrateKbps = DEFAULT_BITRATE_KBPS): string {
  return fingerprintSettings({
    briefcastVersion: BRIEFCAST_VERSION,
    engine: spokenBy.name,
    engineVersion: engineVersionKey(spokenBy),
    casts: spokenBy.casts,
    language: speech.language,
    rateWpm: speech.rateWpm,
    pauses: speech.pauses ?? DEFAULT_PAUSES,
    bitrateKbps,
    from: speech.from,
    lexicon: speech.lexicon ? lexiconFingerprint(speech.lexicon) : undefined,
  });
}

/** hashSettings of a briefing in these languages by an engine the pipeline chose. */
export function fingerprintEngine(engine: ChosenEngine, languages: readonly string[], speech: BatchSpeechOptions, bitrateKbps?: number): string {
  return hashSettings(describeSpeaker(engine, languages), speech, bitrateKbps);
}
