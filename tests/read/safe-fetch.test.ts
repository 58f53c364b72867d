// safeFetch against a real HTTP server on 127.0.0.1 only. Names are answered by an injected resolver, so no
// real name is looked up; every address a test could connect to is loopback. A private or link-local address
// appears only where it must be refused before any connection (the lookup is then called directly, with no socket).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { describeRefusal, type UrlRefusal } from '../../src/read/address-policy.js';
import { createCheckedLookup, FetchError, safeFetch, type Resolver } from '../../src/read/safe-fetch.js';

let server: Server;
let port: number;
const hits: string[] = [];

function route(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  hits.push(url.pathname);
  const host = request.headers.host ?? '';
  switch (url.pathname) {
    case '/ok':
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
      response.end(request.method === 'HEAD' ? undefined : `<p>hello from ${host}</p>`);
      return;
    case '/conditional':
      // As `fresh` (send, Express) decides: a request that says no-cache is never answered 304.
      if (request.headers['if-none-match'] === '"v1"' && !/no-cache/.test(`${request.headers['cache-control'] ?? ''} ${request.headers.pragma ?? ''}`)) {
        response.writeHead(304, { etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 06:00:00 GMT' });
        response.end();
        return;
      }
      response.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' });
      response.end('<rss/>');
      return;
    case '/gzip':
      response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      response.end(gzipSync('unzipped text'));
      return;
    case '/big-declared':
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' });
      response.end('x'.repeat(5000));
      return;
    case '/big-chunked':
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 10; i += 1) response.write('y'.repeat(500));
      response.end();
      return;
    case '/busy':
      response.writeHead(503, { 'retry-after': '120' });
      response.end('later');
      return;
    case '/hang':
      return; // never answers
    case '/reset':
      request.socket.destroy();
      return;
    case '/loop':
      response.writeHead(302, { location: '/loop' });
      response.end();
      return;
    default: {
      const to = url.searchParams.get('to');
      if (url.pathname === '/redirect' && to) {
        response.writeHead(301, { location: to });
        response.end();
        return;
      }
      response.writeHead(404);
      response.end('no');
    }
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A resolver that knows a few made-up names and answers loopback for them; any other name does not exist. */
function fakeResolver(names: Record<string, string[]>, asked: string[] = []): Resolver {
  return async (hostname) => {
    asked.push(hostname);
    const addresses = names[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchError);
  expect(error).toBeInstanceOf(InputError);
  expect((error as FetchError).exitCode).toBe(3);
  expect((error as FetchError).message).not.toContain('\n');
  return error as FetchError;
}

describe('safeFetch with allowPrivate (an intranet, or tests)', () => {
  it('fetches a loopback server and reports the final URL, status, headers and body', async () => {
    const result = await safeFetch(`http://127.0.0.1:${port}/ok`, { allowPrivate: true });
    expect(result.status).toBe(200);
    expect(result.url).toBe(`http://127.0.0.1:${port}/ok`);
    expect(result.contentType).toBe('text/html; charset=utf-8');
    expect(result.headers.etag).toBe('"v1"');
    expect(Buffer.from(result.bytes).toString()).toBe(`<p>hello from 127.0.0.1:${port}</p>`);
  });

  it('answers HEAD with headers and no body', async () => {
    const result = await safeFetch(`http://127.0.0.1:${port}/ok`, { allowPrivate: true, method: 'HEAD' });
    expect(result.status).toBe(200);
    expect(result.bytes.length).toBe(0);
  });

  it('returns 304 for a conditional GET of something unchanged, with its validators', async () => {
    const result = await safeFetch(`http://127.0.0.1:${port}/conditional`, { allowPrivate: true, headers: { 'If-None-Match': '"v1"' } });
    expect(result.status).toBe(304);
    expect(result.bytes.length).toBe(0);
    expect(result.headers).toMatchObject({ etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 06:00:00 GMT' });
  });

  it('decompresses a gzip body', async () => {
    const result = await safeFetch(`http://127.0.0.1:${port}/gzip`, { allowPrivate: true });
    expect(Buffer.from(result.bytes).toString()).toBe('unzipped text');
  });

  it('follows a redirect', async () => {
    const result = await safeFetch(`http://127.0.0.1:${port}/redirect?to=/ok`, { allowPrivate: true });
    expect(result.url).toBe(`http://127.0.0.1:${port}/ok`);
  });
});

describe('safeFetch refuses what is not public, before connecting', () => {
  it.each([
    ['http://127.0.0.1:PORT/ok', '127.0.0.1 is a loopback address (this computer)'],
    ['http://2130706433:PORT/ok', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1:PORT/ok', '127.0.0.1 is a loopback address'],
    ['http://0177.0.0.01:PORT/ok', '127.0.0.1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]:PORT/ok', '::ffff:7f00:1 is an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['http://[::1]:PORT/ok', '::1 is the IPv6 loopback address'],
    ['http://0.0.0.0:PORT/ok', '0.0.0.0 is an unspecified address'],
    ['http://localhost:PORT/ok', 'localhost is a name for this computer'],
    ['http://LocalHost.:PORT/ok', 'localhost is a name for this computer'],
  ])('%s', async (template, words) => {
    const before = hits.length;
    const input = template.replace('PORT', String(port));
    const error = await failure(safeFetch(input));
    expect(error.reason).toBe('refused');
    expect(error.message).toMatch(/^Refused to fetch http:\/\/\S+: /);
    expect(error.message).toContain(words);
    expect(error.message).toContain('--allow-private');
    expect(hits.length).toBe(before);
  });

  it('refuses schemes other than http and https', async () => {
    for (const input of ['file:///etc/passwd', 'ftp://example.com/a.txt', 'data:text/plain,hi', 'javascript:alert(1)']) {
      const error = await failure(safeFetch(input, { allowPrivate: true }));
      expect(error.reason).toBe('refused');
      expect(error.message).toContain('briefcast fetches only http and https URLs');
    }
  });

  it('refuses a name that resolves to a private address inside the connection lookup, with no socket opened', async () => {
    const lookup = createCheckedLookup({}, fakeResolver({ 'intranet.example': ['10.0.0.1'], 'metadata.example': ['169.254.169.254'] }));
    for (const [name, reason] of [
      ['intranet.example', 'intranet.example resolves to 10.0.0.1, which is a private-network address'],
      ['metadata.example', 'metadata.example resolves to 169.254.169.254, which is a link-local address'],
    ] as const) {
      const answer = await new Promise<{ error: Error | null; address: unknown }>((resolve) =>
        lookup(name, { all: true }, (error, address) => resolve({ error, address })),
      );
      expect(answer.address).toBe('');
      expect(answer.error).toBeInstanceOf(Error);
      // The refusal travels out of the connection attempt and becomes the message.
      const refusal = (answer.error as unknown as { refusal: UrlRefusal }).refusal;
      expect(describeRefusal(`http://${name}/`, refusal)).toContain(reason);
    }
  });

  it('hands the connection exactly the addresses it checked, in the form net.connect asks for', async () => {
    const lookup = createCheckedLookup({ allowHosts: ['two.example'] }, fakeResolver({ 'two.example': ['127.0.0.1', '::1'] }));
    const all = await new Promise((resolve) => lookup('two.example', { all: true }, (_error, address) => resolve(address)));
    expect(all).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
    const one = await new Promise((resolve) => lookup('two.example', { family: 6 }, (_error, address, family) => resolve([address, family])));
    expect(one).toEqual(['::1', 6]);
  });

  it('refuses a name whose addresses include any private one (DNS rebinding), even when another is allowed', async () => {
    const asked: string[] = [];
    const before = hits.length;
    const resolve = fakeResolver({ 'rebind.example': ['127.0.0.1'], 'mixed.example': ['127.0.0.1', '::1'] }, asked);
    let error = await failure(safeFetch(`http://rebind.example:${port}/ok`, { resolve }));
    expect(error.message).toBe(
      `Refused to fetch http://rebind.example:${port}/ok: rebind.example resolves to 127.0.0.1, which is a loopback address (this computer), and briefcast fetches only public addresses (--allow-private permits local ones).`,
    );
    error = await failure(safeFetch(`http://mixed.example:${port}/ok`, { resolve }));
    expect(error.reason).toBe('refused');
    expect(asked).toEqual(['rebind.example', 'mixed.example']);
    expect(hits.length).toBe(before);
  });
});

describe('safeFetch re-checks every redirect hop', () => {
  // site.example is allowed to be local (an explicit allowlist entry); nothing it redirects to is.
  const resolve = fakeResolver({ 'site.example': ['127.0.0.1'], 'other.example': ['127.0.0.1'] });
  const options = { resolve, allowHosts: ['site.example'] };

  it('fetches the allowed host itself', async () => {
    const result = await safeFetch(`http://site.example:${port}/ok`, options);
    expect(Buffer.from(result.bytes).toString()).toBe(`<p>hello from site.example:${port}</p>`);
  });

  it.each([
    ['an IP literal', 'http://127.0.0.1:PORT/ok', 'Refused to fetch http://127.0.0.1:PORT/ok: 127.0.0.1 is a loopback address (this computer)'],
    ['a decimal IPv4 form', 'http://2130706433:PORT/ok', 'Refused to fetch http://127.0.0.1:PORT/ok: 127.0.0.1 is a loopback address'],
    ['localhost', 'http://localhost:PORT/ok', 'Refused to fetch http://localhost:PORT/ok: localhost is a name for this computer'],
    ['a name resolving to loopback', 'http://other.example:PORT/ok', 'Refused to fetch http://other.example:PORT/ok: other.example resolves to 127.0.0.1'],
    ['a non-http scheme', 'file:///etc/passwd', 'Refused to fetch file:///etc/passwd: it uses the file: scheme'],
  ])('refuses a redirect to %s', async (_what, targetTemplate, message) => {
    const target = targetTemplate.replace('PORT', String(port));
    hits.length = 0;
    const error = await failure(safeFetch(`http://site.example:${port}/redirect?to=${encodeURIComponent(target)}`, options));
    expect(error.reason).toBe('refused');
    expect(error.message).toContain(message.replace('PORT', String(port)));
    expect(hits).toEqual(['/redirect']);
  });

  it('stops after five redirects', async () => {
    hits.length = 0;
    const error = await failure(safeFetch(`http://site.example:${port}/loop`, options));
    expect(error.reason).toBe('too-many-redirects');
    expect(error.message).toBe(`Too many redirects fetching http://site.example:${port}/loop (more than 5). Check the address.`);
    expect(hits).toEqual(Array(6).fill('/loop'));
  });
});

describe('safeFetch names each failure in words', () => {
  const local = { allowPrivate: true };

  it('a name that does not resolve', async () => {
    const error = await failure(safeFetch('http://nowhere.example/', { resolve: fakeResolver({}) }));
    expect(error.reason).toBe('dns');
    expect(error.message).toBe('Could not fetch http://nowhere.example/: no such host: nowhere.example does not resolve (DNS). Check the address.');
  });

  it('a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(safeFetch(`http://127.0.0.1:${closedPort}/`, local));
    expect(error.reason).toBe('connection-refused');
    expect(error.message).toBe(
      `Could not fetch http://127.0.0.1:${closedPort}/: 127.0.0.1:${closedPort} refused the connection. Check the address, or try again later.`,
    );
  });

  it('a reset connection', async () => {
    const error = await failure(safeFetch(`http://127.0.0.1:${port}/reset`, local));
    expect(error.reason).toBe('connection-reset');
    expect(error.message).toBe(`Could not fetch http://127.0.0.1:${port}/reset: the connection to 127.0.0.1:${port} was reset. Try again later.`);
  });

  it('a timeout', async () => {
    const started = Date.now();
    const error = await failure(safeFetch(`http://127.0.0.1:${port}/hang`, { ...local, timeoutMs: 300 }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`Timed out after 0.3 s fetching http://127.0.0.1:${port}/hang. Check the address, or try again later.`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a body larger than the cap, declared or streamed', async () => {
    for (const path of ['/big-declared', '/big-chunked']) {
      const error = await failure(safeFetch(`http://127.0.0.1:${port}${path}`, { ...local, maxBytes: 1000 }));
      expect(error.reason).toBe('too-large');
      expect(error.message).toBe(`http://127.0.0.1:${port}${path} is larger than 1 KB, the most briefcast reads. Give a smaller article or raise the limit.`);
    }
  });

  it('an HTTP error status, with its Retry-After', async () => {
    const error = await failure(safeFetch(`http://127.0.0.1:${port}/busy`, local));
    expect(error.reason).toBe('http-status');
    expect(error.status).toBe(503);
    expect(error.retryAfter).toBe('120');
    expect(error.message).toBe(`Fetching http://127.0.0.1:${port}/busy failed: HTTP 503 Service Unavailable. Check the address, or try again later.`);
  });

  it('an address that is not a URL', async () => {
    const error = await failure(safeFetch('http://exa mple.com/'));
    expect(error.reason).toBe('invalid-url');
    expect(error.message).toBe('http://exa mple.com/ is not a valid URL. Check the address.');
  });

  it("an abort rethrows the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the caller');
    setTimeout(() => controller.abort(reason), 100);
    await expect(safeFetch(`http://127.0.0.1:${port}/hang`, { ...local, signal: controller.signal })).rejects.toBe(reason);
  });
});
