// pollSource with a plain function for the fetch (exact states), then against a loopback site whose feed
// changes, through safeFetch as the server will call it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFollowedSource, isDue, pollSource, type FetchFeed } from '../../src/follow/poll-source.js';
import { FetchError, safeFetch, type FetchedResource } from '../../src/read/safe-fetch.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const INTERVAL = 30 * 60_000;

function rss(items: number[]): string {
  const body = items
    .map(
      (n) =>
        `<item><title>Post ${n}</title><link>https://site.example/${n}</link><guid>https://site.example/${n}</guid><pubDate>${new Date(Date.UTC(2026, 10, n, 10)).toUTCString()}</pubDate><description>Teaser ${n}.</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>https://site.example/</link><description>d</description>${body}</channel></rss>`;
}

function answer(status: number, text: string, headers: Record<string, string> = {}): FetchedResource {
  return { url: 'https://site.example/feed.xml', status, headers, contentType: 'application/rss+xml', bytes: Buffer.from(text) };
}

describe('pollSource', () => {
  it('primes a new source with the newest entries, then briefs only what is new, sending validators back', async () => {
    const requests: Record<string, string>[] = [];
    let response = answer(200, rss([5, 4, 3, 2, 1]), { etag: '"v1"' });
    const fetchFeed: FetchFeed = async (_url, { headers }) => {
      requests.push(headers);
      return response;
    };
    let source = createFollowedSource('https://site.example/feed.xml', NOW);
    expect(isDue(source, NOW)).toBe(true);

    let result = await pollSource(source, fetchFeed, { now: NOW, intervalMs: INTERVAL, firstPollTake: 2 });
    expect(result.outcome).toBe('changed');
    expect(result.fresh.map((e) => e.title)).toEqual(['Post 4', 'Post 5']);
    expect(result.source).toMatchObject({ title: 'Site', primed: true, poll: { etag: '"v1"', failures: 0, nextPollAt: NOW + INTERVAL } });
    source = result.source;
    expect(isDue(source, NOW + 1000)).toBe(false);

    response = answer(304, '', { etag: '"v1"' });
    result = await pollSource(source, fetchFeed, { now: NOW + INTERVAL, intervalMs: INTERVAL });
    expect(result).toMatchObject({ outcome: 'unchanged', fresh: [] });
    source = result.source;

    response = answer(200, rss([7, 6, 5, 4, 3]), { etag: '"v2"' });
    result = await pollSource(source, fetchFeed, { now: NOW + 2 * INTERVAL, intervalMs: INTERVAL });
    expect(result.fresh.map((e) => e.title)).toEqual(['Post 6', 'Post 7']);
    expect(result.source.poll.etag).toBe('"v2"');
    expect(requests).toEqual([{}, { 'if-none-match': '"v1"' }, { 'if-none-match': '"v1"' }]);
  });

  it('records a failure with its message and backs off, honouring Retry-After; the next success clears it', async () => {
    const source = createFollowedSource('https://site.example/feed.xml', NOW);
    const busy: FetchFeed = async () => {
      throw new FetchError('Fetching https://site.example/feed.xml failed: HTTP 429 Too Many Requests.', 'http-status', { status: 429, retryAfter: '3600' });
    };
    const failed = await pollSource(source, busy, { now: NOW, intervalMs: INTERVAL });
    expect(failed).toEqual({
      outcome: 'failed',
      fresh: [],
      error: 'Fetching https://site.example/feed.xml failed: HTTP 429 Too Many Requests.',
      source: {
        ...source,
        poll: {
          failures: 1,
          nextPollAt: NOW + 3_600_000,
          lastPolledAt: NOW,
          lastError: 'Fetching https://site.example/feed.xml failed: HTTP 429 Too Many Requests.',
        },
      },
    });
    const notAFeed = await pollSource(failed.source, async () => answer(200, '<html><p>moved</p></html>'), { now: NOW, intervalMs: INTERVAL });
    expect(notAFeed.outcome).toBe('failed');
    expect(notAFeed.error).toContain('is not an RSS, Atom or JSON feed');
    expect(notAFeed.source.poll.failures).toBe(2);
    expect(notAFeed.source.primed).toBe(false);
    const recovered = await pollSource(notAFeed.source, async () => answer(200, rss([1])), { now: NOW, intervalMs: INTERVAL });
    expect(recovered.source.poll).toEqual({ failures: 0, nextPollAt: NOW + INTERVAL, lastPolledAt: NOW });
  });

  it('rethrows when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const hanging: FetchFeed = async () => {
      controller.abort(reason);
      throw reason;
    };
    await expect(
      pollSource(createFollowedSource('https://site.example/f', NOW), hanging, { now: NOW, intervalMs: INTERVAL, signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});

describe('pollSource against a loopback site whose feed changes', () => {
  let server: Server;
  let base: string;
  let items = [3, 2, 1];
  const seenHeaders: Array<string | undefined> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const etag = `"${items.join('-')}"`;
      seenHeaders.push(request.headers['if-none-match']);
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
      response.end(rss(items));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sees the first items, a 304, then the item that appears later', async () => {
    const fetchFeed: FetchFeed = (url, options) => safeFetch(url, { ...options, allowPrivate: true });
    let source = createFollowedSource(`${base}/feed.xml`, NOW);
    let result = await pollSource(source, fetchFeed, { now: NOW, intervalMs: 2000 });
    expect(result.fresh.map((e) => e.title)).toEqual(['Post 1', 'Post 2', 'Post 3']);
    source = result.source;
    result = await pollSource(source, fetchFeed, { now: NOW + 2000, intervalMs: 2000 });
    expect(result.outcome).toBe('unchanged');
    source = result.source;
    items = [4, 3, 2, 1];
    result = await pollSource(source, fetchFeed, { now: NOW + 4000, intervalMs: 2000 });
    expect(result.fresh.map((e) => e.title)).toEqual(['Post 4']);
    expect(seenHeaders).toEqual([undefined, '"3-2-1"', '"3-2-1"']);
  });

  it('refuses a loopback feed without allowPrivate, as a failed poll', async () => {
    const result = await pollSource(createFollowedSource(`${base}/feed.xml`, NOW), (url, options) => safeFetch(url, options), { now: NOW, intervalMs: 2000 });
    expect(result.outcome).toBe('failed');
    expect(result.error).toBe(
      `Refused to fetch ${base}/feed.xml: 127.0.0.1 is a loopback address (this computer), and briefcast fetches only public addresses (--allow-private permits local ones).`,
    );
  });
});
