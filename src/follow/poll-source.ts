// One poll of one followed feed: a conditional GET, parse, pick the new entries, and the source's next state.
// The fetch is passed in (the server passes safeFetch with its address policy), so this stays free of I/O of
// its own and is tested with a plain function.
import type { FetchedResource } from '../read/safe-fetch.js';
import { decodeFeed, MAX_FEED_BYTES, parseFeed, type FeedEntry } from './parse-feed.js';
import { conditionalHeaders, createPollState, recordFailure, recordSuccess, type PollState } from './poll-schedule.js';
import { selectNewEntries } from './select-entries.js';

/** What is kept about a followed feed between polls and restarts; plain data, stored as JSON. */
export interface FollowedSource {
  url: string;
  /** The feed's own title, once known. */
  title?: string;
  poll: PollState;
  /** Keys of the entries already seen (entryKeys), newest first. */
  seen: string[];
  /** True once a poll has succeeded: the backlog was seen and only newer entries are briefed. */
  primed: boolean;
}

export type FetchFeed = (url: string, options: { headers: Record<string, string>; maxBytes: number; signal?: AbortSignal }) => Promise<FetchedResource>;

export interface PollOptions {
  now: number;
  intervalMs: number;
  /** How many entries the first poll briefs (--follow-first). */
  firstPollTake?: number;
  signal?: AbortSignal;
}

export interface PollResult {
  source: FollowedSource;
  /** The entries to brief, oldest first. */
  fresh: FeedEntry[];
  outcome: 'changed' | 'unchanged' | 'failed';
  /** The failure's one-line message. */
  error?: string;
}

export function createFollowedSource(url: string, now: number): FollowedSource {
  return { url, poll: createPollState(now), seen: [], primed: false };
}

/** True when the source is due at `now`. */
export function isDue(source: FollowedSource, now: number): boolean {
  return source.poll.nextPollAt <= now;
}

/** Polls a feed once. Never throws for the feed's own failures (they are in the result); an abort rethrows. */
export async function pollSource(source: FollowedSource, fetchFeed: FetchFeed, options: PollOptions): Promise<PollResult> {
  const { now, intervalMs, signal } = options;
  let response: FetchedResource;
  let entries: FeedEntry[];
  let title: string | undefined;
  try {
    response = await fetchFeed(source.url, { headers: conditionalHeaders(source.poll), maxBytes: MAX_FEED_BYTES, ...(signal ? { signal } : {}) });
    if (response.status === 304) {
      return { source: { ...source, poll: recordSuccess(source.poll, response, now, intervalMs) }, fresh: [], outcome: 'unchanged' };
    }
    const feed = parseFeed(decodeFeed(response.bytes, response.contentType), response.url);
    entries = feed.entries;
    title = feed.title;
  } catch (error) {
    if (signal?.aborted) throw error;
    const { status, retryAfter } = error as { status?: unknown; retryAfter?: unknown };
    const message = error instanceof Error ? error.message : String(error);
    const poll = recordFailure(
      source.poll,
      { message, ...(typeof status === 'number' ? { status } : {}), ...(typeof retryAfter === 'string' ? { retryAfter } : {}) },
      now,
      intervalMs,
    );
    return { source: { ...source, poll }, fresh: [], outcome: 'failed', error: message };
  }
  const selection = selectNewEntries(entries, source.seen, {
    firstPoll: !source.primed,
    ...(options.firstPollTake === undefined ? {} : { firstPollTake: options.firstPollTake }),
  });
  return {
    source: { ...source, title, poll: recordSuccess(source.poll, response, now, intervalMs), seen: selection.seen, primed: true },
    fresh: selection.fresh,
    outcome: selection.fresh.length > 0 ? 'changed' : 'unchanged',
  };
}
