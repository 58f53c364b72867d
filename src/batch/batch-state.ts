// The output folder's memory, <dir>/.briefcast/state.json: what was briefed from which article with which
// settings, when it first appeared in the feed and under which guid. It lets a rerun skip unchanged articles,
// keeps every episode's guid and date across reruns, and holds what the feed and page need (durations,
// chapters, segment timings) without opening the MP3s again.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeXML } from 'entities';
import { slugify } from '../article/slug.js';
import { writeFileAtomic } from '../write-atomic.js';
import type { ChapterTiming, SegmentTiming } from '../types.js';
import type { EngineMemo } from './engine-memo.js';

export const STATE_DIR = '.briefcast';
export const STATE_FILE = 'state.json';
const STATE_VERSION = 1;

export interface StoredItem {
  slug: string;
  /** Absolute path of the article. */
  source: string;
  guid: string;
  /** ISO date-time of the first briefing: the episode's pubDate, kept when the article is briefed again. */
  firstBriefedAt: string;
  briefedAt: string;
  articleHash: string;
  settingsHash: string;
  title: string;
  description: string;
  /** The MP3 as written; another size or time means someone replaced it. */
  mp3Size: number;
  mp3MtimeMs: number;
  durationMs: number;
  chapters: ChapterTiming[];
  segments: SegmentTiming[];
  /** The language the episode is spoken in (primary subtag); absent in states written before languages. */
  language?: string;
}

export interface FeedSettings {
  url?: string;
  title?: string;
  description?: string;
  author?: string;
  language?: string;
  /** File name of the artwork inside the output folder. */
  image?: string;
}

export interface StoredDigest {
  file: string;
  hash: string;
  mp3Size: number;
  mp3MtimeMs: number;
  durationMs: number;
  chapters: number;
}

export interface BatchState {
  version: typeof STATE_VERSION;
  /** Random, made once per output folder: makes guids unique across folders with the same article names. */
  feedId: string;
  feed: FeedSettings;
  items: StoredItem[];
  digest?: StoredDigest;
  /** The engine last probed for this folder (see engine-memo.ts). */
  engine?: EngineMemo;
}

/** guid and first date of an episode, recovered from feed.xml when the state file was lost. */
export interface RecoveredEpisode {
  guid: string;
  firstBriefedAt: string;
}

export interface LoadedState {
  state: BatchState;
  recovered: Map<string, RecoveredEpisode>;
  warnings: string[];
}

export function statePath(outDir: string): string {
  return path.join(outDir, STATE_DIR, STATE_FILE);
}

export function createState(feedId: string = randomUUID()): BatchState {
  return { version: STATE_VERSION, feedId, feed: {}, items: [] };
}

export function makeGuid(feedId: string, slug: string): string {
  return `briefcast:${feedId}:${slug}`;
}

function isState(value: unknown): value is BatchState {
  const state = value as BatchState;
  return typeof state === 'object' && state !== null && state.version === STATE_VERSION && typeof state.feedId === 'string' && Array.isArray(state.items);
}

/**
 * guid and pubDate per episode (keyed by the MP3's slug) from a feed.xml this program wrote. A regular-expression
 * reading suffices because the feed's layout is our own: one element per line.
 */
export function recoverFromFeed(xml: string): { feedId?: string; episodes: Map<string, RecoveredEpisode> } {
  const episodes = new Map<string, RecoveredEpisode>();
  let feedId: string | undefined;
  for (const [, body] of xml.matchAll(/<item>([\s\S]*?)<\/item>/g)) {
    const guid = /<guid[^>]*>([^<]*)<\/guid>/.exec(body ?? '')?.[1];
    const pubDate = /<pubDate>([^<]*)<\/pubDate>/.exec(body ?? '')?.[1];
    const url = /<enclosure[^>]*\surl="([^"]*)"/.exec(body ?? '')?.[1];
    if (!guid || !pubDate || !url) continue;
    const slug = decodeURIComponent(decodeXML(url).split(/[/?#]/).filter(Boolean).pop() ?? '').replace(/\.mp3$/i, '');
    const date = new Date(decodeXML(pubDate));
    if (!slug || Number.isNaN(date.getTime())) continue;
    const decodedGuid = decodeXML(guid);
    feedId ??= /^briefcast:([^:]+):/.exec(decodedGuid)?.[1];
    episodes.set(slug, { guid: decodedGuid, firstBriefedAt: date.toISOString() });
  }
  return { feedId, episodes };
}

export async function readBatchState(outDir: string, feedFile = path.join(outDir, 'feed.xml')): Promise<LoadedState> {
  const warnings: string[] = [];
  const file = statePath(outDir);
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isState(parsed)) return { state: { ...parsed, feed: parsed.feed ?? {} }, recovered: new Map(), warnings };
    warnings.push(`${file} is not a state file this version understands; every article will be briefed again.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') warnings.push(`${file} could not be read (${code ?? (error as Error).message}); every article will be briefed again.`);
  }
  // Without a state, an existing feed still says which guids and dates podcast apps already know.
  try {
    const { feedId, episodes } = recoverFromFeed(await readFile(feedFile, 'utf8'));
    return { state: createState(feedId), recovered: episodes, warnings };
  } catch {
    return { state: createState(), recovered: new Map(), warnings };
  }
}

export async function writeBatchState(outDir: string, state: BatchState): Promise<void> {
  await writeFileAtomic(statePath(outDir), `${JSON.stringify(state)}\n`);
}

export interface UpToDateCheck {
  source: string;
  articleHash: string;
  settingsHash: string;
  /** The MP3's size and time now; undefined when it is missing. */
  mp3?: { size: number; mtimeMs: number };
  sidecarsExist: boolean;
}

export function isUpToDate(item: StoredItem | undefined, now: UpToDateCheck): boolean {
  return Boolean(
    item && item.source === now.source && item.articleHash === now.articleHash && item.settingsHash === now.settingsHash && isAsWritten(item, now),
  );
}

/** The MP3 and its sidecars are still there, and the MP3 is the one written (same size and time). */
export function isAsWritten(written: { mp3Size: number; mp3MtimeMs: number }, now: Pick<UpToDateCheck, 'mp3' | 'sidecarsExist'>): boolean {
  return Boolean(now.mp3 && now.sidecarsExist && written.mp3Size === now.mp3.size && written.mp3MtimeMs === now.mp3.mtimeMs);
}

/** The slug part of a file name: "Market Notes.md" -> "market-notes". */
export function slugForFile(file: string): string {
  return slugify(path.basename(file, path.extname(file)));
}

/**
 * Output names for this run's articles. An article briefed before keeps its slug (and so its guid); a new one
 * takes its name's slug unless another article holds it, then the name with its extension ("notes-md"), then a
 * number. A slug whose article no longer exists (moved, renamed) is free: the new one takes over its episode.
 */
export function assignSlugs(files: readonly string[], state: BatchState, sourceExists: (source: string) => boolean): Map<string, string> {
  const assigned = new Map<string, string>();
  const holders = new Map<string, string>();
  for (const item of state.items) {
    if (files.includes(item.source) || sourceExists(item.source)) holders.set(item.slug, item.source);
  }
  for (const file of files) {
    const known = state.items.find((item) => item.source === file);
    if (known) assigned.set(file, known.slug);
  }
  for (const file of files) {
    if (assigned.has(file)) continue;
    const base = slugForFile(file);
    const extension = path
      .extname(file)
      .slice(1)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
    const candidates = [base, ...(extension ? [`${base}-${extension}`] : [])];
    for (let n = 2; candidates.length < 1000; n++) candidates.push(`${base}-${n}`);
    const free = candidates.find((slug) => {
      const holder = holders.get(slug);
      return (holder === undefined || holder === file) && ![...assigned.values()].includes(slug);
    })!;
    assigned.set(file, free);
    holders.set(free, file);
  }
  return assigned;
}
