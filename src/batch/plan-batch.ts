// What a batch run will do, decided before anything is spoken: which articles are up to date, which are briefed
// and under which name, which episodes leave the feed, and whether the digest is made again. Pure: everything it
// looks at was gathered beforehand (survey-batch.ts), and apply-batch-plan.ts carries the plan out.
import path from 'node:path';
import type { InputText } from '../read/read-input.js';
import { sidecarPaths } from '../publish/sidecars.js';
import { assignSlugs, isAsWritten, isUpToDate, type BatchState, type StoredDigest, type StoredItem } from './batch-state.js';
import { hashText } from './fingerprint.js';

/** A regular file as it is now: another size or time than the state remembers means someone replaced it. */
export interface FileSeen {
  size: number;
  mtimeMs: number;
}

/** An MP3 as it is now (undefined when missing), and whether both its sidecars are there. */
export interface OutputsSeen {
  mp3?: FileSeen;
  sidecarsExist: boolean;
}

/** A found article as read now: its text and hash, or why it could not be read. */
export type ArticleSeen = { file: string; input: string } & ({ text: InputText; articleHash: string } | { failure: { message: string; exitCode?: number } });

/** Where the digest goes and what is there now. */
export interface DigestTarget {
  file: string;
  title: string;
  outputs: OutputsSeen;
}

/** Everything planBatch looks at, gathered by surveyBatch. */
export interface BatchSurvey {
  outDir: string;
  /** Inputs that named nothing: a path that does not exist, a glob that matches no file. */
  missing: readonly { input: string; message: string }[];
  /** The found articles, in input order. */
  articles: readonly ArticleSeen[];
  state: BatchState;
  /** The sources of the state's episodes that still exist (an episode whose article is gone gives up its name). */
  existingSources: ReadonlySet<string>;
  /** The regular files in the output folder now, by name. */
  folder: ReadonlyMap<string, FileSeen>;
  digest?: DigestTarget;
}

/**
 * Fingerprint of every setting that changes the audio (fingerprint.ts) of a briefing read in these languages, by
 * the engine and voices chosen for them; undefined when that engine is not known (the briefing is made again).
 */
export type SettingsHash = (languages: readonly string[]) => string | undefined;

export interface PlanSettings {
  settingsHash: SettingsHash;
  /** Brief every article and make the digest even when up to date. */
  force?: boolean;
}

/** A readable article and the MP3 it is briefed into. */
export interface PlannedArticle {
  file: string;
  input: string;
  slug: string;
  mp3: string;
  text: InputText;
  articleHash: string;
  /**
   * The language the article was read in last time, when its text is unchanged since: it is read in the same one
   * (its language is settled only once it is parsed, which planning does not do).
   */
  language?: string;
}

export type PlannedItem =
  | (PlannedArticle & { action: 'up to date'; stored: StoredItem })
  | (PlannedArticle & { action: 'brief' })
  | { action: 'unreadable'; file: string; input: string; slug: string; error: string; exitCode?: number };

export type DigestAction = 'up to date' | 'make' | 'nothing to read';

export interface DigestPlan {
  target: DigestTarget;
  /** The articles it reads, in input order. */
  sources: readonly string[];
  /** What it is made from (digestHash); undefined when a source's language is not known before it is parsed. */
  hash?: string;
  action: DigestAction;
  /** The digest as last made, if any: what an up-to-date digest reports. */
  previous?: StoredDigest;
}

export interface BatchPlan {
  settingsHash: SettingsHash;
  force: boolean;
  missing: readonly { input: string; message: string }[];
  /** Every found article, in input order. */
  items: readonly PlannedItem[];
  /** Episodes the state keeps whose MP3 is gone and that this run does not make again: they leave the feed. */
  leaving: readonly string[];
  /** Made on the assumption that every briefing succeeds; replanDigest revises it when some fail. */
  digest?: DigestPlan;
}

export function planBatch(survey: BatchSurvey, settings: PlanSettings): BatchPlan {
  const { outDir, state, folder } = survey;
  const force = settings.force ?? false;
  const files = survey.articles.map((article) => article.file);
  const slugs = assignSlugs(files, state, (source) => survey.existingSources.has(source));
  const items = survey.articles.map((article): PlannedItem => {
    const slug = slugs.get(article.file)!;
    if ('failure' in article)
      return { action: 'unreadable', file: article.file, input: article.input, slug, error: article.failure.message, exitCode: article.failure.exitCode };
    const stored = state.items.find((item) => item.slug === slug);
    const language = stored?.source === article.file && stored.articleHash === article.articleHash ? stored.language : undefined;
    const planned: PlannedArticle = {
      file: article.file,
      input: article.input,
      slug,
      mp3: path.join(outDir, `${slug}.mp3`),
      text: article.text,
      articleHash: article.articleHash,
      ...(language === undefined ? {} : { language }),
    };
    const settingsHash = language === undefined || force ? undefined : settings.settingsHash([language]);
    const upToDate =
      settingsHash !== undefined &&
      isUpToDate(stored, { source: article.file, articleHash: article.articleHash, settingsHash, ...outputsIn(folder, planned.mp3) });
    return upToDate && stored ? { ...planned, action: 'up to date', stored } : { ...planned, action: 'brief' };
  });
  const briefed = new Set(items.filter((item) => item.action === 'brief').map((item) => item.slug));
  const leaving = state.items.filter((item) => !folder.has(`${item.slug}.mp3`) && !briefed.has(item.slug)).map((item) => item.slug);
  const readable = items.filter((item): item is Exclude<PlannedItem, { action: 'unreadable' }> => item.action !== 'unreadable');
  const digest = survey.digest && planDigest(survey.digest, readable, state.digest, { settingsHash: settings.settingsHash, force });
  return { settingsHash: settings.settingsHash, force, missing: survey.missing, items, leaving, digest };
}

/** One briefing of the given articles, in input order: made again unless the same articles and settings made the one there. */
export function planDigest(
  target: DigestTarget,
  sources: readonly { file: string; articleHash: string; language?: string }[],
  previous: StoredDigest | undefined,
  settings: PlanSettings,
): DigestPlan {
  const languages = sources.map((source) => source.language);
  const settingsHash = languages.every((language) => language !== undefined) && !settings.force ? settings.settingsHash(languages) : undefined;
  const hash = settingsHash === undefined ? undefined : digestHash(settingsHash, target.title, sources);
  const files = sources.map((source) => source.file);
  const upToDate =
    hash !== undefined && previous !== undefined && previous.file === target.file && previous.hash === hash && isAsWritten(previous, target.outputs);
  const action: DigestAction = files.length === 0 ? 'nothing to read' : upToDate ? 'up to date' : 'make';
  return { target, sources: files, hash, action, previous };
}

/** What a digest is made from: the settings it is read with, its title and every source with its article's hash. */
export function digestHash(settingsHash: string, title: string, sources: readonly { file: string; articleHash: string }[]): string {
  return hashText(settingsHash, title, ...sources.map((source) => `${source.file}\n${source.articleHash}`));
}

/** The digest plan for the articles that are ready after the briefings: those up to date and those just made. */
export function replanDigest(plan: BatchPlan, made: ReadonlySet<string>): DigestPlan | undefined {
  if (!plan.digest) return undefined;
  const ready = plan.items.filter(
    (item): item is Exclude<PlannedItem, { action: 'unreadable' }> => item.action === 'up to date' || (item.action === 'brief' && made.has(item.file)),
  );
  if (ready.length === plan.digest.sources.length) return plan.digest;
  return planDigest(plan.digest.target, ready, plan.digest.previous, plan);
}

/** Whether carrying the plan out speaks at all: only then must the engine be probed for real. */
export function needsEngine(plan: BatchPlan): boolean {
  return plan.items.some((item) => item.action === 'brief') || plan.digest?.action === 'make';
}

/** The MP3 at `mp3` and its sidecars, as the folder listing shows them. */
function outputsIn(folder: ReadonlyMap<string, FileSeen>, mp3: string): OutputsSeen {
  const sidecars = sidecarPaths(mp3);
  return {
    mp3: folder.get(path.basename(mp3)),
    sidecarsExist: folder.has(path.basename(sidecars.chaptersJson)) && folder.has(path.basename(sidecars.vtt)),
  };
}
