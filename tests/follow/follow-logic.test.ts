import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { FeedEntry } from '../../src/follow/parse-feed.js';
import { parseDuration } from '../../src/follow/parse-duration.js';
import {
  backoffDelay,
  conditionalHeaders,
  createPollState,
  parseRetryAfter,
  recordFailure,
  recordSuccess,
  type PollState,
} from '../../src/follow/poll-schedule.js';
import { entryKeys, selectNewEntries, SEEN_HISTORY } from '../../src/follow/select-entries.js';
import { countWords, isSummaryOnly } from '../../src/follow/summary-only.js';

const entry = (n: number, extra: Partial<FeedEntry> = {}): FeedEntry => ({
  guid: `g${n}`,
  link: `https://site.example/${n}`,
  title: `Post ${n}`,
  published: `2026-11-${String(n).padStart(2, '0')}T10:00:00.000Z`,
  ...extra,
});

describe('selectNewEntries', () => {
  const feed = [entry(5), entry(4), entry(3), entry(2), entry(1)];

  it('takes only the newest three on the first poll, oldest first, and marks every entry seen', () => {
    const selection = selectNewEntries(feed, [], { firstPoll: true });
    expect(selection.fresh.map((e) => e.title)).toEqual(['Post 3', 'Post 4', 'Post 5']);
    expect(selection.seen).toEqual([
      'guid:g5',
      'link:https://site.example/5',
      'guid:g4',
      'link:https://site.example/4',
      'guid:g3',
      'link:https://site.example/3',
      'guid:g2',
      'link:https://site.example/2',
      'guid:g1',
      'link:https://site.example/1',
    ]);
  });

  it('honours --follow-first, including 0 (follow from now on)', () => {
    expect(selectNewEntries(feed, [], { firstPoll: true, firstPollTake: 1 }).fresh.map((e) => e.title)).toEqual(['Post 5']);
    expect(selectNewEntries(feed, [], { firstPoll: true, firstPollTake: 0 }).fresh).toEqual([]);
  });

  it('finds the newest by date even when the feed lists oldest first', () => {
    const selection = selectNewEntries([...feed].reverse(), [], { firstPoll: true, firstPollTake: 2 });
    expect(selection.fresh.map((e) => e.title)).toEqual(['Post 4', 'Post 5']);
  });

  it('keeps the feed order when some entries have no date', () => {
    const undated = [entry(9, { published: undefined }), entry(1), entry(5)];
    expect(selectNewEntries(undated, [], { firstPoll: true, firstPollTake: 2 }).fresh.map((e) => e.title)).toEqual(['Post 1', 'Post 9']);
  });

  it('briefs every new entry on later polls, and nothing twice', () => {
    const first = selectNewEntries(feed, [], { firstPoll: true });
    const later = selectNewEntries([entry(7), entry(6), ...feed.slice(0, 3)], first.seen, { firstPoll: false });
    expect(later.fresh.map((e) => e.title)).toEqual(['Post 6', 'Post 7']);
    const again = selectNewEntries([entry(7), entry(6), ...feed.slice(0, 3)], later.seen, { firstPoll: false });
    expect(again.fresh).toEqual([]);
  });

  it('dedupes by guid, then by link: a site that changes its guids is not briefed again', () => {
    const seen = selectNewEntries(feed, [], { firstPoll: true }).seen;
    const rekeyed = feed.map((e, i) => ({ ...e, guid: `new-${i}` }));
    expect(selectNewEntries(rekeyed, seen, { firstPoll: false }).fresh).toEqual([]);
    // Same guid, moved link: still the same entry.
    const moved = feed.map((e) => ({ ...e, link: `${e.link}?moved` }));
    expect(selectNewEntries(moved, seen, { firstPoll: false }).fresh).toEqual([]);
  });

  it('dedupes repeats within one feed', () => {
    const twice = [entry(8), { ...entry(8), title: 'Post 8, repeated' }, entry(7)];
    expect(selectNewEntries(twice, ['guid:g7'], { firstPoll: false }).fresh.map((e) => e.title)).toEqual(['Post 8']);
  });

  it('does not treat a link every entry shares (the home page) as identifying', () => {
    const home = [entry(3, { link: 'https://site.example/' }), entry(2, { link: 'https://site.example/' })];
    expect(entryKeys(home[0]!, new Set(['https://site.example/']))).toEqual(['guid:g3']);
    expect(selectNewEntries(home, ['guid:g1'], { firstPoll: false }).fresh.map((e) => e.title)).toEqual(['Post 2', 'Post 3']);
  });

  it('knows an entry with neither guid nor link by its title and date', () => {
    const bare: FeedEntry = { title: 'A note', published: '2026-11-01T00:00:00.000Z' };
    expect(entryKeys(bare)).toEqual(['title:A note|2026-11-01T00:00:00.000Z']);
    expect(selectNewEntries([bare], ['title:A note|2026-11-01T00:00:00.000Z'], { firstPoll: false }).fresh).toEqual([]);
  });

  it('bounds the seen list, keeping the current entries first', () => {
    const old = Array.from({ length: SEEN_HISTORY + 50 }, (_, i) => `guid:old-${i}`);
    const selection = selectNewEntries(feed, old, { firstPoll: false });
    expect(selection.seen).toHaveLength(SEEN_HISTORY);
    expect(selection.seen.slice(0, 2)).toEqual(['guid:g5', 'link:https://site.example/5']);
    expect(selection.seen.at(-1)).toBe(`guid:old-${SEEN_HISTORY - 11}`);
  });
});

describe('isSummaryOnly', () => {
  const long = `<p>${'word '.repeat(200)}</p>`;

  it('is true for a short summary with a link to read instead', () => {
    expect(isSummaryOnly({ title: 't', link: 'https://a.example/1', summary: '<p>Just a teaser.</p>' })).toBe(true);
    expect(isSummaryOnly({ title: 't', link: 'https://a.example/1' })).toBe(true);
  });

  it('is true for a long summary cut off with a read-more, when there is no content', () => {
    expect(isSummaryOnly({ title: 't', link: 'https://a.example/1', summary: `${long} [&hellip;]` })).toBe(true);
    expect(isSummaryOnly({ title: 't', link: 'https://a.example/1', summary: `${long} <a href="/1">Continue reading</a>` })).toBe(true);
    expect(isSummaryOnly({ title: 't', link: 'https://a.example/1', summary: `${long} [...]` })).toBe(true);
  });

  it('is false for full content, for a long description that is the article, and for an entry with no link', () => {
    expect(isSummaryOnly({ title: 't', link: 'https://a.example/1', summary: 'Teaser [...]', contentHtml: long })).toBe(false);
    expect(isSummaryOnly({ title: 't', link: 'https://a.example/1', summary: long })).toBe(false);
    expect(isSummaryOnly({ title: 't', summary: 'Short.' })).toBe(false);
  });

  it('counts words in text, not markup', () => {
    expect(countWords('<p>One <b>two</b>&nbsp;three.</p><img src="x.png">')).toBe(3);
    expect(countWords('<p></p>')).toBe(0);
  });
});

describe('poll schedule', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const interval = 30 * 60_000;

  it('a new source is due at once and sends no validators', () => {
    expect(createPollState(now)).toEqual({ failures: 0, nextPollAt: now });
    expect(conditionalHeaders(createPollState(now))).toEqual({});
  });

  it('keeps the validators of a 200 and sends them back', () => {
    const state = recordSuccess(
      createPollState(now),
      { status: 200, headers: { etag: '"a1"', 'last-modified': 'Mon, 30 Nov 2026 10:00:00 GMT' } },
      now,
      interval,
    );
    expect(state).toEqual({ failures: 0, nextPollAt: now + interval, lastPolledAt: now, etag: '"a1"', lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT' });
    expect(conditionalHeaders(state)).toEqual({ 'if-none-match': '"a1"', 'if-modified-since': 'Mon, 30 Nov 2026 10:00:00 GMT' });
  });

  it('updates the validators from a 304, and keeps the old ones when the 304 carries none', () => {
    const base = { failures: 0, nextPollAt: now, etag: '"a1"', lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT' };
    expect(recordSuccess(base, { status: 304, headers: { etag: '"a2"' } }, now, interval)).toMatchObject({
      etag: '"a2"',
      lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT',
    });
    expect(recordSuccess(base, { status: 304, headers: {} }, now, interval)).toMatchObject({ etag: '"a1"', lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT' });
    // A 200 without validators: the old ones describe a body that is gone.
    const fresh = recordSuccess(base, { status: 200, headers: {} }, now, interval);
    expect(fresh.etag).toBeUndefined();
    expect(fresh.lastModified).toBeUndefined();
  });

  it('backs off exponentially on errors, up to a day, keeping the validators', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map((failures) => backoffDelay(failures, interval) / 60_000)).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440]);
    expect(backoffDelay(3, 2000)).toBe(8000);
    let state: PollState = { ...createPollState(now), etag: '"a1"' };
    state = recordFailure(state, { message: 'Could not fetch …', status: 500 }, now, interval);
    expect(state).toEqual({ failures: 1, nextPollAt: now + interval, lastPolledAt: now, lastError: 'Could not fetch …', etag: '"a1"' });
    state = recordFailure(state, { message: 'again' }, now, interval);
    expect(state.nextPollAt).toBe(now + 2 * interval);
    expect(recordSuccess(state, { status: 200, headers: {} }, now, interval)).toEqual({ failures: 0, nextPollAt: now + interval, lastPolledAt: now });
  });

  it('honours Retry-After in seconds or as a date when it is longer than the backoff', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 14:00:00 GMT', now)).toBe(2 * 3_600_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(7 * 24 * 3_600_000);
    expect(recordFailure(createPollState(now), { message: '429', status: 429, retryAfter: '7200' }, now, interval).nextPollAt).toBe(now + 7_200_000);
    expect(recordFailure(createPollState(now), { message: '429', status: 429, retryAfter: '5' }, now, interval).nextPollAt).toBe(now + interval);
  });
});

describe('parseDuration', () => {
  it.each([
    ['45m', 2_700_000],
    ['2s', 2000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['1h0m5s', 3_605_000],
    ['500ms', 500],
    ['1m30s250ms', 90_250],
    [' 10M ', 600_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '45', 'm', '1.5h', '30m1h', '1h1h', '0s', '0m0s', '-5m', '5 m', '1w', 'forever'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
    expect(() => parseDuration(text)).toThrow(`--follow-every takes a duration such as 45m, 2s or 1h30m (units d, h, m, s, ms), not "${text}".`);
  });
});
