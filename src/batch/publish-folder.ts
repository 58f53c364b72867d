// Writes <dir>/feed.xml and <dir>/index.html from the folder's state: every briefing ever made there whose MP3
// is still present, newest first. Files are rewritten only when their content changes, so a rerun that made
// nothing leaves them (and their times) alone.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildFeedXml, resolveFeedUrl, type FeedItem } from '../publish/feed.js';
import { buildPageHtml, type PageEpisode } from '../publish/page.js';
import { buildCues } from '../publish/vtt.js';
import { writeFileAtomic } from '../write-atomic.js';
import type { BatchState, StoredItem } from './batch-state.js';

export const FEED_FILE = 'feed.xml';
export const PAGE_FILE = 'index.html';
export const DEFAULT_FEED_TITLE = 'briefcast briefings';
export const DEFAULT_FEED_DESCRIPTION = 'Articles read aloud as chaptered briefings, made by briefcast.';

export interface PublishedFolder {
  feed: string;
  page: string;
  episodes: number;
}

async function writeIfChanged(file: string, content: string): Promise<void> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== content) await writeFileAtomic(file, content);
}

/** The items whose MP3 is still there, with its exact size now (the enclosure length must be exact). */
async function presentItems(outDir: string, items: readonly StoredItem[]): Promise<{ item: StoredItem; size: number }[]> {
  const present: { item: StoredItem; size: number }[] = [];
  for (const item of items) {
    const info = await stat(path.join(outDir, `${item.slug}.mp3`)).catch(() => undefined);
    if (info?.isFile()) present.push({ item, size: info.size });
  }
  // Newest first, as podcast apps and readers expect; the slug breaks ties so the order never flickers.
  return present.sort((a, b) => b.item.firstBriefedAt.localeCompare(a.item.firstBriefedAt) || a.item.slug.localeCompare(b.item.slug));
}

/** How `briefcast serve` publishes its folder, beyond what the state says. */
export interface PublishOptions {
  /** The absolute URL the folder is served at, token included; used instead of the state's feed URL. */
  baseUrl?: string;
  /** A private feed: directories are asked not to list it. */
  block?: boolean;
  /** itunes:owner's email (the name is the feed's author). */
  ownerEmail?: string;
  /** The page is served: it gets the form to add articles, the list of jobs and a delete button per episode. */
  served?: boolean;
}

/**
 * The channel's language when --feed-language does not say it: the language most of its episodes are spoken in
 * (the earliest met on a tie), English for an empty feed or episodes briefed before languages were recorded.
 */
export function feedLanguage(items: readonly Pick<StoredItem, 'language'>[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.language ?? 'en', (counts.get(item.language ?? 'en') ?? 0) + 1);
  return [...counts].reduce<[string, number]>((best, entry) => (entry[1] > best[1] ? entry : best), ['en', 0])[0];
}

export async function publishFolder(outDir: string, state: BatchState, generator: string, options: PublishOptions = {}): Promise<PublishedFolder> {
  const present = await presentItems(outDir, state.items);
  const base = options.baseUrl ?? state.feed.url;
  const author = state.feed.author ?? 'briefcast';
  const url = (file: string) => resolveFeedUrl(base, file);
  const title = state.feed.title ?? DEFAULT_FEED_TITLE;
  const description = state.feed.description ?? DEFAULT_FEED_DESCRIPTION;
  const lastBuilt = present
    .map(({ item }) => item.briefedAt)
    .sort()
    .pop();

  const items: FeedItem[] = present.map(({ item, size }) => ({
    title: item.title,
    description: item.description || item.title,
    guid: item.guid,
    pubDate: new Date(item.firstBriefedAt),
    link: `${url(PAGE_FILE)}#${item.slug}`,
    enclosureUrl: url(`${item.slug}.mp3`),
    enclosureLength: size,
    durationMs: item.durationMs,
    chaptersUrl: url(`${item.slug}.chapters.json`),
    transcriptUrl: url(`${item.slug}.vtt`),
  }));
  const feedXml = buildFeedXml(
    {
      title,
      description,
      link: url(PAGE_FILE),
      language: state.feed.language ?? feedLanguage(present.map(({ item }) => item)),
      author,
      explicit: false,
      category: 'News',
      imageUrl: state.feed.image ? url(state.feed.image) : undefined,
      selfUrl: base ? url(FEED_FILE) : undefined,
      lastBuildDate: lastBuilt ? new Date(lastBuilt) : undefined,
      generator,
      block: options.block,
      owner: options.ownerEmail === undefined ? undefined : { name: author, email: options.ownerEmail },
    },
    items,
  );

  // The page always links its files relatively: it must work from file:// and from wherever it is hosted.
  const episodes: PageEpisode[] = present.map(({ item }) => ({
    id: item.slug,
    title: item.title,
    description: item.description || undefined,
    published: new Date(item.firstBriefedAt),
    durationMs: item.durationMs,
    audioUrl: resolveFeedUrl(undefined, `${item.slug}.mp3`),
    chaptersUrl: resolveFeedUrl(undefined, `${item.slug}.chapters.json`),
    transcriptUrl: resolveFeedUrl(undefined, `${item.slug}.vtt`),
    chapters: item.chapters,
    cues: buildCues(item.segments),
    ...(item.language ? { language: item.language } : {}),
  }));
  const pageHtml = buildPageHtml({ title, description, feedUrl: FEED_FILE, served: options.served }, episodes);

  const feed = path.join(outDir, FEED_FILE);
  const page = path.join(outDir, PAGE_FILE);
  await writeIfChanged(feed, feedXml);
  await writeIfChanged(page, pageHtml);
  return { feed, page, episodes: present.length };
}
