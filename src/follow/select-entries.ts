// Which of a feed's entries are new: deduplicated by guid, then by link (a site that changes its guids still
// has the same links), against the keys of everything seen before. The first poll of a new source takes only
// the newest few and marks the rest as seen, so following a site does not brief its whole archive.
import type { FeedEntry } from './parse-feed.js';

/** How many entries the first poll of a new source briefs (--follow-first). */
export const DEFAULT_FIRST_POLL_TAKE = 3;
/** Seen keys kept per source beyond the feed's current entries, so the state stays small. */
export const SEEN_HISTORY = 1000;

export interface Selection {
  /** The entries to brief, oldest first, so that episodes appear in the order the site published them. */
  fresh: FeedEntry[];
  /** The keys to remember: every current entry's, then the older ones, bounded. */
  seen: string[];
}

export interface SelectOptions {
  /** True on a source's first successful poll. */
  firstPoll: boolean;
  /** How many of the newest entries a first poll takes; default 3. */
  firstPollTake?: number;
}

/**
 * The keys an entry is known by. A link shared by several entries of the same feed (every item pointing at the
 * home page) identifies none of them and is left out; an entry with neither guid nor link is known by its title
 * and date.
 */
export function entryKeys(entry: FeedEntry, sharedLinks: ReadonlySet<string> = new Set()): string[] {
  const keys: string[] = [];
  if (entry.guid !== undefined) keys.push(`guid:${entry.guid}`);
  if (entry.link !== undefined && !sharedLinks.has(entry.link)) keys.push(`link:${entry.link}`);
  if (keys.length === 0) keys.push(`title:${entry.title}|${entry.published ?? ''}`);
  return keys;
}

function findSharedLinks(entries: readonly FeedEntry[]): Set<string> {
  const counts = new Map<string, number>();
  for (const entry of entries) if (entry.link !== undefined) counts.set(entry.link, (counts.get(entry.link) ?? 0) + 1);
  return new Set([...counts].filter(([, count]) => count > 1).map(([link]) => link));
}

/**
 * Newest first: by date when every entry has one, else in the feed's own order (which is newest first in
 * nearly every feed, and the only order there is when dates are missing).
 */
function newestFirst(entries: readonly FeedEntry[]): FeedEntry[] {
  if (!entries.every((entry) => entry.published !== undefined)) return [...entries];
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.published!) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Picks the new entries of a feed and the seen keys to keep. Pure: same input, same answer. */
export function selectNewEntries(entries: readonly FeedEntry[], seen: readonly string[], options: SelectOptions): Selection {
  const sharedLinks = findSharedLinks(entries);
  const known = new Set(seen);
  const current = new Set<string>();
  const fresh: FeedEntry[] = [];
  for (const entry of newestFirst(entries)) {
    const keys = entryKeys(entry, sharedLinks);
    // New when none of its keys was seen before, nor used by an entry earlier in this same feed.
    if (!keys.some((key) => known.has(key) || current.has(key))) fresh.push(entry);
    for (const key of keys) current.add(key);
  }
  const taken = options.firstPoll ? fresh.slice(0, Math.max(0, options.firstPollTake ?? DEFAULT_FIRST_POLL_TAKE)) : fresh;
  const older = seen.filter((key) => !current.has(key));
  return {
    fresh: taken.reverse(),
    seen: [...current, ...older].slice(0, Math.max(SEEN_HISTORY, current.size)),
  };
}
