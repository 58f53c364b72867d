// `briefcast batch <feed-url>... -o <dir>`: one pass over followed feeds, for cron. Each feed is read once
// (a conditional GET through safeFetch and the address policy), its new entries chosen as `serve --follow`
// chooses them, and each new entry is kept as an article file in <dir>/.briefcast/feeds/: the entry's own HTML
// when the feed carries the full text, else the page it links to. Those files are then briefed like any other
// article. The feeds' state (validators, seen entries) is kept in <dir>/.briefcast/follow.json, the same file
// `serve --follow` keeps, and is written only once every new entry's file is on disk: a crash before that reads
// the feed again; a crash after it finds the files, which every pass briefs when they are not up to date.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFailure } from '../errors.js';
import type { FeedEntry } from '../follow/parse-feed.js';
import { createFollowedSource, pollSource, type FetchFeed, type FollowedSource } from '../follow/poll-source.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../follow/poll-schedule.js';
import { entryKeys } from '../follow/select-entries.js';
import { isSummaryOnly } from '../follow/summary-only.js';
import { slugify } from '../article/slug.js';
import type { AddressPolicy } from '../read/address-policy.js';
import { ARTICLE_ACCEPT, decodeFetched } from '../read/read-input.js';
import type { Resolver } from '../read/safe-fetch.js';
import { writeFileAtomic } from '../write-atomic.js';
import { entryPage } from './entry-page.js';

/** The followed feeds' state in <dir>/.briefcast/, shared with `serve --follow`. */
export const FOLLOW_FILE = 'follow.json';
const FOLLOW_VERSION = 1;
/** Where a pass keeps each new entry's article, inside <dir>/.briefcast/. */
export const FEED_ARTICLES_DIR = 'feeds';

interface FollowFile {
  version: typeof FOLLOW_VERSION;
  sources: FollowedSource[];
}

const EXTENSION_OF_TYPE: Readonly<Record<string, string>> = { 'text/markdown': '.md', 'text/x-markdown': '.md', 'text/plain': '.txt' };

/** Reads the followed feeds' state; a missing file is no state, an unreadable one is reported through `warn` and treated as none. */
export async function readFollowedSources(file: string, warn: (line: string) => void): Promise<Map<string, FollowedSource>> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return new Map();
  try {
    const parsed = JSON.parse(text) as FollowFile;
    if (parsed.version === FOLLOW_VERSION && Array.isArray(parsed.sources)) return new Map(parsed.sources.map((source) => [source.url, source]));
  } catch {
    // Reported below.
  }
  warn(`${file} could not be read; every followed feed starts afresh (its newest entries are briefed again if not already here).`);
  return new Map();
}

export async function writeFollowedSources(file: string, sources: readonly FollowedSource[]): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify({ version: FOLLOW_VERSION, sources: [...sources] } satisfies FollowFile)}\n`);
}

export interface FeedPassOptions {
  /** The output folder's .briefcast/. */
  stateDir: string;
  urls: readonly string[];
  /** How many entries a new feed's first pass briefs (--follow-first). */
  firstPollTake: number;
  policy: AddressPolicy;
  resolve?: Resolver;
  signal?: AbortSignal;
  now?: () => number;
  warn?: (line: string) => void;
}

export interface FeedPass {
  /** Every article file the feeds have given this folder, this pass's and earlier ones': each is briefed unless up to date. */
  files: string[];
  /** Feeds that could not be read, and new entries whose page could not be fetched: they fail this pass alone. */
  failures: { input: string; message: string }[];
}

/** Reads each feed once and keeps its new entries as article files; resolves to every article file the feeds have given. */
export async function passFeeds(options: FeedPassOptions): Promise<FeedPass> {
  const now = options.now ?? Date.now;
  const warn = options.warn ?? (() => {});
  const followFile = path.join(options.stateDir, FOLLOW_FILE);
  const articlesDir = path.join(options.stateDir, FEED_ARTICLES_DIR);
  const stored = await readFollowedSources(followFile, warn);
  const { safeFetch } = await import('../read/safe-fetch.js');
  const fetchOptions = { ...options.policy, ...(options.resolve ? { resolve: options.resolve } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const fetchFeed: FetchFeed = (url, request) =>
    safeFetch(url, { ...fetchOptions, headers: request.headers, maxBytes: request.maxBytes, ...(request.signal ? { signal: request.signal } : {}) });
  const fetchPage = (url: string) => safeFetch(url, { ...fetchOptions, headers: { accept: ARTICLE_ACCEPT } });

  const failures: FeedPass['failures'] = [];
  const taken = new Set(await listArticleFiles(articlesDir));
  for (const url of [...new Set(options.urls)]) {
    // A cron pass reads every feed it is given: the schedule is cron's. Validators still make it a conditional GET.
    const source = stored.get(url) ?? createFollowedSource(url, now());
    const result = await pollSource({ ...source, poll: { ...source.poll, nextPollAt: now() } }, fetchFeed, {
      now: now(),
      intervalMs: DEFAULT_POLL_INTERVAL_MS,
      firstPollTake: options.firstPollTake,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (options.signal?.aborted) throw options.signal.reason;
    if (result.outcome === 'failed') {
      failures.push({ input: url, message: `${url} could not be followed: ${result.error ?? 'the feed could not be read'}` });
      stored.set(url, result.source);
      continue;
    }
    // An entry whose page could not be fetched is not remembered as seen, so the next pass tries it again.
    const unfetched = new Set<string>();
    for (const entry of result.fresh) {
      try {
        const { name, content } = await articleOfEntry(entry, url, fetchPage);
        const file = path.join(articlesDir, freeName(name, taken));
        await writeFileAtomic(file, content);
        taken.add(path.basename(file));
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason ?? error;
        failures.push({ input: entry.link ?? url, message: `${entry.title || entry.link || url}: ${describeFailure(error).message}` });
        for (const key of entryKeys(entry)) unfetched.add(key);
      }
    }
    stored.set(url, { ...result.source, seen: result.source.seen.filter((key) => !unfetched.has(key)) });
  }
  await writeFollowedSources(followFile, [...stored.values()]);
  return { files: [...taken].sort().map((name) => path.join(articlesDir, name)), failures };
}

/**
 * Drops the feed articles whose episode was deleted from the folder (the state has it, its MP3 is gone), and
 * removes their files, so that no later pass briefs them again. Resolves to the files still to look at.
 */
export async function dropDeletedEpisodes(files: readonly string[], items: readonly { source: string; slug: string }[], outDir: string): Promise<string[]> {
  const kept: string[] = [];
  for (const file of files) {
    const item = items.find((stored) => stored.source === file);
    const mp3 = item && (await stat(path.join(outDir, `${item.slug}.mp3`)).catch(() => undefined));
    if (item && !mp3) await rm(file, { force: true });
    else kept.push(file);
  }
  return kept;
}

/** The article file of a new entry: its name (without a number to make it unique) and its content. */
async function articleOfEntry(
  entry: FeedEntry,
  feedUrl: string,
  fetchPage: (url: string) => Promise<{ url: string; bytes: Uint8Array; contentType: string }>,
): Promise<{ name: string; content: string }> {
  const base = slugify(entry.title || entry.link || 'article');
  if (!(isSummaryOnly(entry) && entry.link !== undefined)) {
    return {
      name: `${base}.html`,
      content: entryPage(entry.title, entry.contentHtml ?? entry.summary ?? '', { link: entry.link ?? feedUrl, published: entry.published }),
    };
  }
  const page = await fetchPage(entry.link);
  // Kept as UTF-8 text, which the batch's reader takes as UTF-8 whatever the page declared inside.
  const { text } = await decodeFetched(page);
  const mediaType = page.contentType.split(';')[0]!.trim().toLowerCase();
  return { name: `${base}${EXTENSION_OF_TYPE[mediaType] ?? '.html'}`, content: text };
}

/** `name`, or name-2, name-3, … when an earlier entry of the same title took it. */
function freeName(name: string, taken: ReadonlySet<string>): string {
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${stem}-${n}${extension}`;
  return candidate;
}

async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name);
}
