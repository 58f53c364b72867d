// --follow: polls each followed feed on its schedule (pollSource, through safeFetch with the server's address
// policy), and queues its new entries as jobs. A summary-only entry is briefed from the page it links to; one
// that carries its full text, from that text. The sources' state (validators, schedule, seen entries) is kept in
// <dir>/.briefcast/follow.json, written only after the entries are queued: a crash in between polls the feed
// again rather than losing its items (the queue knows them already, so nothing is briefed twice).
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeFailure } from '../errors.js';
import type { FeedEntry } from '../follow/parse-feed.js';
import { createFollowedSource, isDue, pollSource, type FetchFeed, type FollowedSource, type PollResult } from '../follow/poll-source.js';
import { isSummaryOnly } from '../follow/summary-only.js';
import type { AddressPolicy } from '../read/address-policy.js';
import { safeFetch, type Resolver } from '../read/safe-fetch.js';
import { QueueFullError } from '../queue/job-store.js';
import type { JobQueue, JobRequest } from '../queue/job-queue.js';
import { FOLLOW_FILE, readFollowedSources, writeFollowedSources } from '../batch/follow-feeds.js';

/** A feed whose entries did not fit in the queue is read again this soon (or at its interval, if sooner). */
const RETRY_WHEN_FULL_MS = 5 * 60_000;
/** The shortest sleep between looks at the schedule. */
const MIN_SLEEP_MS = 250;

export interface FollowOptions {
  /** The folder's .briefcast/. */
  stateDir: string;
  urls: readonly string[];
  intervalMs: number;
  /** How many entries a new source's first poll briefs (--follow-first). */
  firstPollTake: number;
  queue: Pick<JobQueue, 'enqueue'>;
  policy: AddressPolicy;
  resolve?: Resolver;
  signal: AbortSignal;
  now?: () => number;
  log?: (line: string) => void;
}

/** The job a new entry becomes. Pure. */
export function requestForEntry(entry: FeedEntry, feedUrl: string): JobRequest {
  if (isSummaryOnly(entry) && entry.link !== undefined) return { kind: 'url', url: entry.link };
  const request: JobRequest = { kind: 'entry', feed: feedUrl, title: entry.title, html: entry.contentHtml ?? entry.summary ?? '' };
  if (entry.link !== undefined) request.link = entry.link;
  if (entry.guid !== undefined) request.guid = entry.guid;
  if (entry.published !== undefined) request.published = entry.published;
  return request;
}

/** Follows the feeds until `signal` aborts. */
export async function followSites(options: FollowOptions): Promise<void> {
  const { signal } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const file = path.join(options.stateDir, FOLLOW_FILE);
  const stored = await readFollowedSources(file, (line) => log(`warning: ${line}`));
  const urls = [...new Set(options.urls)];
  const sources = urls.map((url) => stored.get(url) ?? createFollowedSource(url, now()));
  // Sources no longer followed keep their state, in case they are followed again.
  const resting = [...stored.values()].filter((source) => !urls.includes(source.url));
  const fetchFeed: FetchFeed = (url, request) =>
    safeFetch(url, {
      ...options.policy,
      headers: request.headers,
      maxBytes: request.maxBytes,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });

  while (!signal.aborted && sources.length > 0) {
    for (const [index, source] of sources.entries()) {
      if (signal.aborted) return;
      if (!isDue(source, now())) continue;
      const polled = await pollOnce(source, fetchFeed, options, now, log);
      if (!polled) return;
      sources[index] = polled;
      try {
        await writeFollowedSources(file, [...sources, ...resting]);
      } catch (error) {
        log(`warning: ${file} could not be written (${describeFailure(error).message}); the feeds are read again after a restart.`);
      }
    }
    const next = Math.min(...sources.map((source) => source.poll.nextPollAt));
    try {
      await sleep(Math.max(MIN_SLEEP_MS, next - now()), undefined, { signal });
    } catch {
      return;
    }
  }
}

/** One poll and the queueing of its new entries; the source's next state, or undefined when stopped. */
async function pollOnce(
  source: FollowedSource,
  fetchFeed: FetchFeed,
  options: FollowOptions,
  now: () => number,
  log: (line: string) => void,
): Promise<FollowedSource | undefined> {
  let result: PollResult;
  try {
    result = await pollSource(source, fetchFeed, { now: now(), intervalMs: options.intervalMs, firstPollTake: options.firstPollTake, signal: options.signal });
  } catch (error) {
    if (options.signal.aborted) return undefined;
    throw error;
  }
  const name = result.source.title ?? source.url;
  if (result.outcome === 'failed') {
    log(`following ${source.url}: ${result.error ?? 'the poll failed'} (trying again at ${new Date(result.source.poll.nextPollAt).toISOString()})`);
    return result.source;
  }
  let added = 0;
  for (const entry of result.fresh) {
    try {
      if ((await options.queue.enqueue(requestForEntry(entry, source.url))).created) added += 1;
    } catch (error) {
      // Nothing is marked seen: the entries not queued are found again by a later poll.
      const why = error instanceof QueueFullError ? error.message : `The queue could not be written (${describeFailure(error).message}).`;
      log(`following ${name}: ${why} The feed is read again later.`);
      return { ...source, poll: { ...source.poll, nextPollAt: now() + Math.min(options.intervalMs, RETRY_WHEN_FULL_MS) } };
    }
  }
  if (added > 0) log(`following ${name}: ${added} new article${added === 1 ? '' : 's'} queued`);
  return result.source;
}
