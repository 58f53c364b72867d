// The server on 127.0.0.1 port 0, asked with real HTTP requests: what podcast apps need from the files
// (ranges, 416, HEAD, 304), the secret path, the Host check, and the article API against an in-memory store.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { safeFetch } from '../../src/read/safe-fetch.js';
import { createMemoryJobStore, type MemoryJobStore } from './memory-job-store.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { createToken } from '../../src/serve/token.js';

const MP3 = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256));
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Briefings</title></channel></rss>';

let root: string;
let server: RunningServer;
let store: MemoryJobStore;
const token = createToken();

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request through node:http, which (unlike fetch) may set any Host header or none, and stream a body. */
function raw(options: { method?: string; path: string; headers?: Record<string, string>; setHost?: boolean; chunks?: string[] }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
        setHost: options.setHost ?? true,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'briefcast-serve-'));
  writeFileSync(path.join(root, 'feed.xml'), FEED);
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Briefings</title><p>Episodes</p>');
  writeFileSync(path.join(root, 'first-episode.mp3'), MP3);
  writeFileSync(path.join(root, 'first-episode.vtt'), 'WEBVTT\n');
  writeFileSync(path.join(root, 'first-episode.chapters.json'), '{"version":"1.2.0","chapters":[]}');
  mkdirSync(path.join(root, '.briefcast'));
  writeFileSync(path.join(root, '.briefcast', 'state.json'), `{"token":"${token}"}`);
  mkdirSync(path.join(root, 'artwork'));
  store = createMemoryJobStore({ maxQueued: 5 });
  server = await startServer({ root, token, jobs: store, maxBodyBytes: 1024 });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('serving the folder under the secret path', () => {
  it('prints URLs under the token', () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${server.port}/${token}/`);
    expect(server.feedUrl).toBe(`${server.baseUrl}feed.xml`);
    expect(server.pageUrl).toBe(server.baseUrl);
  });

  it('serves the feed with validators, a length and no-store', async () => {
    const response = await fetch(server.feedUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(FEED);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-length')).toBe(String(FEED.length));
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(response.headers.get('last-modified')).toMatch(/GMT$/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers a conditional GET of an unchanged feed with 304, by ETag or by date', async () => {
    const feedPath = `/${token}/feed.xml`;
    const first = await raw({ path: feedPath });
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    const byEtag = await raw({ path: feedPath, headers: { 'if-none-match': etag } });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body).toBe('');
    expect(byEtag.headers.etag).toBe(etag);
    expect((await raw({ path: feedPath, headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await raw({ path: feedPath, headers: { 'if-none-match': 'W/"something-else"' } })).status).toBe(200);
    // safeFetch, which follow/ polls with, gets the 304 too.
    const polled = await safeFetch(server.feedUrl, { allowPrivate: true, headers: { 'if-none-match': etag } });
    expect(polled.status).toBe(304);
  });

  it('serves the page at the base, and redirects the base without its slash', async () => {
    const page = await fetch(server.pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<p>Episodes</p>');
    const bare = await raw({ path: `/${token}` });
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe(`${token}/`);
  });

  it('keeps idle connections for 65 s, so that a busy worker does not make a polling client see resets', async () => {
    expect((await raw({ path: `/${token}/feed.xml` })).headers['keep-alive']).toBe('timeout=65');
  });

  it('answers HEAD on an episode with its type, length and Accept-Ranges, and no body', async () => {
    const response = await raw({ method: 'HEAD', path: `/${token}/first-episode.mp3` });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('audio/mpeg');
    expect(response.headers['content-length']).toBe('10000');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.body).toBe('');
  });

  it('serves byte ranges with 206 and Content-Range', async () => {
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=9990-', 9990, 9999],
      ['bytes=-100', 9900, 9999],
      ['bytes=5000-20000', 5000, 9999],
    ] as const) {
      const response = await fetch(`${server.baseUrl}first-episode.mp3`, { headers: { range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/10000`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(Buffer.from(await response.arrayBuffer()).equals(MP3.subarray(start, end + 1))).toBe(true);
    }
  });

  it('answers an impossible range with 416 and the length', async () => {
    const response = await fetch(`${server.baseUrl}first-episode.mp3`, { headers: { range: 'bytes=20000-30000' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */10000');
  });

  it('serves transcripts and chapters to web players on other origins', async () => {
    const vtt = await fetch(`${server.baseUrl}first-episode.vtt`);
    expect(vtt.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(vtt.headers.get('access-control-allow-origin')).toBe('*');
    const chapters = await fetch(`${server.baseUrl}first-episode.chapters.json`);
    expect(chapters.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('finds nothing without the token, with a wrong one, or outside the folder; never the state', async () => {
    for (const target of [
      '/feed.xml',
      '/',
      `/${token.slice(0, -1)}/feed.xml`,
      `/${createToken()}/feed.xml`,
      `/${token}/.briefcast/state.json`,
      `/${token}/.briefcast/`,
      `/${token}/missing.mp3`,
      `/${token}/artwork/`,
      `/${token}/..%2f..%2fetc%2fpasswd`,
      `/${token}/%2e%2e/%2e%2e/etc/passwd`,
    ]) {
      const response = await raw({ path: target });
      expect([403, 404], target).toContain(response.status);
      expect(response.body).not.toContain(token);
      expect(response.body).not.toContain('root:');
    }
  });

  it('refuses other methods on files with 405 and Allow', async () => {
    const response = await raw({ method: 'PUT', path: `/${token}/feed.xml` });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('answers the loopback address and localhost', async () => {
    expect((await raw({ path: `/${token}/feed.xml`, headers: { host: `127.0.0.1:${server.port}` } })).status).toBe(200);
    expect((await raw({ path: `/${token}/feed.xml`, headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses another name with 421, and a request without Host', async () => {
    const rebound = await raw({ path: `/${token}/feed.xml`, headers: { host: `attacker.example:${server.port}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.body).toBe('This server does not answer to the host "attacker.example:' + server.port + '". Use the address it printed when it started.\n');
    // Node's HTTP server itself refuses an HTTP/1.1 request without Host.
    expect((await raw({ path: `/${token}/feed.xml`, setHost: false })).status).toBe(400);
    const api = await raw({
      method: 'POST',
      path: `/${token}/api/articles`,
      headers: { host: 'attacker.example', 'content-type': 'application/json' },
      chunks: ['{"url":"https://news.example.com/x"}'],
    });
    expect(api.status).toBe(421);
  });
});

describe('the article API', () => {
  const api = (): string => `${server.baseUrl}api/articles`;
  const postJson = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(api(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('queues a URL with 202 and its id, answers 409 with the same id when it comes again, and reports its state', async () => {
    const first = await postJson({ url: 'https://news.example.com/story#comments' });
    expect(first.status).toBe(202);
    const queued = (await first.json()) as { id: string; status: string };
    expect(queued).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]+$/), status: 'queued' });
    expect(first.headers.get('location')).toBe(`articles/${queued.id}`);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(store.all().find((job) => job.id === queued.id)?.request).toEqual({ kind: 'url', url: 'https://news.example.com/story' });

    const again = await postJson({ url: 'https://news.example.com/story' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ id: queued.id, status: 'queued', error: 'This article was already added.' });

    const state = await fetch(`${api()}/${queued.id}`);
    expect(state.status).toBe(200);
    expect(await state.json()).toEqual({ id: queued.id, status: 'queued' });

    store.update(queued.id, { status: 'done', episode: { title: 'The story', file: 'the story.mp3' } });
    expect(await (await fetch(`${api()}/${queued.id}`)).json()).toEqual({
      id: queued.id,
      status: 'done',
      episode: { title: 'The story', url: `${server.baseUrl}the%20story.mp3` },
    });
    store.update(queued.id, { status: 'failed', error: 'Could not fetch https://news.example.com/story: HTTP 404.' });
    expect(await (await fetch(`${api()}/${queued.id}`)).json()).toMatchObject({
      status: 'failed',
      error: 'Could not fetch https://news.example.com/story: HTTP 404.',
    });
  });

  it('takes a form field url, and pasted title and text', async () => {
    const form = await fetch(api(), { method: 'POST', body: new URLSearchParams({ url: 'https://news.example.com/form' }) });
    expect(form.status).toBe(202);
    const pasted = await postJson({ title: 'A note', text: 'Something worth hearing.' });
    expect(pasted.status).toBe(202);
    const { id } = (await pasted.json()) as { id: string };
    expect(store.all().find((job) => job.id === id)?.request).toEqual({ kind: 'text', title: 'A note', text: 'Something worth hearing.' });
  });

  it('refuses a private or non-http URL with a 4xx and the reason, queueing nothing', async () => {
    const before = store.all().length;
    const privateUrl = await postJson({ url: 'http://192.168.1.1/admin' });
    expect(privateUrl.status).toBe(422);
    expect(await privateUrl.json()).toEqual({
      error:
        'Refused to fetch http://192.168.1.1/admin: 192.168.1.1 is a private-network address, and briefcast fetches only public addresses (--allow-private permits local ones).',
    });
    const fileUrl = await postJson({ url: 'file:///etc/passwd' });
    expect(fileUrl.status).toBe(400);
    expect(((await fileUrl.json()) as { error: string }).error).toContain('it uses the file: scheme');
    const garbage = await fetch(api(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(garbage.status).toBe(415);
    expect(store.all().length).toBe(before);
  });

  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const declared = await postJson({ title: 'Long', text: 'x'.repeat(2000) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'The request is larger than 1 KB, the most this server accepts.' });
    const streamed = await raw({
      method: 'POST',
      path: `/${token}/api/articles`,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: ['{"title":"Long","text":"', ...Array(64).fill('y'.repeat(1024)), '"}'],
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual({ error: 'The request is larger than 1 KB, the most this server accepts.' });
    expect(streamed.headers.connection).toBe('close');
  });

  it("refuses a POST from another site's page (CSRF), accepts its own page's", async () => {
    const foreign = await postJson({ url: 'https://news.example.com/csrf' }, { origin: 'https://news.example.com' });
    expect(foreign.status).toBe(403);
    const own = await postJson({ url: 'https://news.example.com/own' }, { origin: `http://127.0.0.1:${server.port}` });
    expect(own.status).toBe(202);
  });

  it('answers 404 for an unknown id, and 503 with Retry-After when the queue is full', async () => {
    const unknown = await fetch(`${api()}/nosuchjob`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'No article nosuchjob here.' });
    let response: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      response = await postJson({ url: `https://news.example.com/many/${i}` });
      if (response.status === 503) break;
    }
    expect(response!.status).toBe(503);
    expect(response!.headers.get('retry-after')).toBe('60');
    expect(await response!.json()).toEqual({ error: 'The queue is full (5 articles waiting). Try again when some are done.' });
  });
});

describe('a public server and start-up failures', () => {
  it('serves at / with --public, and the feed may be cached with revalidation', async () => {
    const open = await startServer({ root, jobs: createMemoryJobStore() });
    try {
      expect(open.feedUrl).toBe(`http://127.0.0.1:${open.port}/feed.xml`);
      const response = await fetch(open.feedUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect((await fetch(`http://127.0.0.1:${open.port}/.briefcast/state.json`)).status).toBe(404);
    } finally {
      await open.close();
    }
  });

  it('names a port in use as a usage error', async () => {
    const error = await startServer({ root, jobs: createMemoryJobStore(), port: server.port }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`Cannot listen on 127.0.0.1:${server.port}: the port is in use. Choose another with --port.`);
  });
});
