// The HTTP edge of `briefcast serve`: node:http, the folder's files through `send`, and the article API against
// a JobStore. The decisions are pure and live beside it (routeRequest, createHostPolicy, parseArticleRequest,
// staticHeaders); this module only wires them to sockets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.js';
import { resolveFeedUrl } from '../publish/feed.js';
import type { AddressPolicy } from '../read/address-policy.js';
import { parseArticleRequest } from './article-request.js';
import { createHostPolicy, type HostPolicy } from './host-check.js';
import { QueueFullError, type JobStore } from '../queue/job-store.js';
import { MAX_API_BODY_BYTES, readRequestBody } from './read-body.js';
import { routeRequest } from './route-request.js';
import { serveStatic } from './static-files.js';

export const DEFAULT_SERVE_HOST = '127.0.0.1';
/** How long an idle kept-alive connection stays open. */
const KEEP_ALIVE_MS = 65_000;

export interface ServeOptions {
  /** The podcast folder. */
  root: string;
  /** The secret path segment; undefined serves the folder at / (--public). */
  token?: string;
  /** The address to bind; default 127.0.0.1 (this computer only). */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The address feeds carry, when the server is reached through a reverse proxy or tunnel (--public-url). */
  publicUrl?: string;
  /** More host names the server answers to (the machine's name, its .local name). */
  extraHosts?: readonly string[];
  /** When bound to every interface, the address the printed URLs use (this machine's address on the network). */
  lanAddress?: string;
  jobs: JobStore;
  /** Removes a published episode (DELETE <base>/api/episodes/<slug>); without it, nothing can be deleted. */
  episodes?: EpisodeRemover;
  /** Largest API request body; default 1 MB. */
  maxBodyBytes?: number;
  /** Which URLs may be submitted (--allow-private); the fetch applies the same policy again at connect time. */
  fetchPolicy?: AddressPolicy;
  /** Told about a failure inside a handler (the client gets a 500). */
  onError?: (error: unknown) => void;
}

export interface EpisodeRemover {
  /** Takes the episode out of the feed and removes its files; false when there is no such episode. */
  deleteEpisode(slug: string): Promise<boolean>;
}

export interface RunningServer {
  port: number;
  /** The page's URL, ending in a slash; the API lives at <baseUrl>api/articles. */
  baseUrl: string;
  feedUrl: string;
  pageUrl: string;
  /** Stops accepting, lets requests in flight finish for a moment, then closes what is left. */
  close(): Promise<void>;
}

/** The URL everything is found under: the public URL or the bound address, then the token. Pure. */
export function describeBaseUrl(options: { host: string; port: number; publicUrl?: string; token?: string; lanAddress?: string }): string {
  let root: string;
  if (options.publicUrl !== undefined) {
    root = options.publicUrl.replace(/\/*$/, '/');
  } else {
    const everywhere = options.host === '0.0.0.0' || options.host === '::';
    const shown = everywhere ? (options.lanAddress ?? DEFAULT_SERVE_HOST) : options.host;
    root = `http://${shown.includes(':') ? `[${shown}]` : shown}:${options.port}/`;
  }
  return options.token === undefined ? root : `${root}${options.token}/`;
}

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // The page links to the articles' sites; a Referer would hand them the secret path.
  'referrer-policy': 'no-referrer',
};

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(`${text}\n`) });
  response.end(`${text}\n`);
}

function sendJson(request: IncomingMessage, response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : text);
}

interface Context {
  options: ServeOptions;
  hosts: HostPolicy;
  baseUrl: () => string;
}

/** A change may come from this server's own page or from a client that is no web page; else it is answered 403. */
function refuseForeignOrigin(request: IncomingMessage, response: ServerResponse, context: Context): boolean {
  if (context.hosts.allowsOrigin(request.headers.origin, request.headers.host)) return false;
  sendJson(request, response, 403, { error: "Changes are accepted from this server's own page, or from a client that is not a web page." });
  return true;
}

async function submitArticle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const { options } = context;
  if (refuseForeignOrigin(request, response, context)) return;
  const maxBytes = options.maxBodyBytes ?? MAX_API_BODY_BYTES;
  const body = await readRequestBody(request, maxBytes);
  if (body === 'too-large') {
    // The rest of the upload is not read: close the connection rather than drain it.
    sendJson(
      request,
      response,
      413,
      { error: `The request is larger than ${Math.round(maxBytes / 1024)} KB, the most this server accepts.` },
      { connection: 'close' },
    );
    return;
  }
  const parsed = parseArticleRequest(request.headers['content-type'] ?? '', body, options.fetchPolicy ?? {});
  if (!parsed.ok) {
    sendJson(request, response, parsed.status, { error: parsed.error });
    return;
  }
  let submitted: { id: string; created: boolean };
  try {
    submitted = await options.jobs.submit(parsed.request);
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    sendJson(request, response, 503, { error: error.message }, { 'retry-after': '60' });
    return;
  }
  const location = { location: `articles/${submitted.id}` };
  if (submitted.created) {
    sendJson(request, response, 202, { id: submitted.id, status: 'queued' }, location);
    return;
  }
  const existing = await options.jobs.get(submitted.id);
  sendJson(request, response, 409, { id: submitted.id, status: existing?.status ?? 'queued', error: 'This article was already added.' }, location);
}

async function describeArticle(request: IncomingMessage, response: ServerResponse, id: string, context: Context): Promise<void> {
  const job = await context.options.jobs.get(id);
  if (!job) {
    sendJson(request, response, 404, { error: `No article ${id} here.` });
    return;
  }
  const { episode, ...rest } = job;
  sendJson(
    request,
    response,
    200,
    episode === undefined ? rest : { ...rest, episode: { title: episode.title, url: resolveFeedUrl(context.baseUrl(), episode.file) } },
  );
}

async function deleteEpisode(request: IncomingMessage, response: ServerResponse, slug: string, context: Context): Promise<void> {
  if (refuseForeignOrigin(request, response, context)) return;
  const deleted = (await context.options.episodes?.deleteEpisode(slug)) ?? false;
  if (deleted) sendJson(request, response, 200, { deleted: slug });
  else sendJson(request, response, 404, { error: `No episode ${slug} here.` });
}

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
  if (!context.hosts.allowsHost(request.headers.host)) {
    sendText(response, 421, `This server does not answer to the host "${request.headers.host ?? ''}". Use the address it printed when it started.`);
    return;
  }
  const route = routeRequest(request.method ?? 'GET', request.url ?? '/', context.options.token);
  switch (route.kind) {
    case 'not-found':
      sendText(response, 404, 'Not found');
      return;
    case 'method-not-allowed':
      sendText(response, 405, 'Method not allowed', { allow: route.allow });
      return;
    case 'redirect':
      response.writeHead(301, { location: route.location, 'content-length': 0 });
      response.end();
      return;
    case 'static':
      serveStatic(request, response, context.options.root, route.path, context.options.token !== undefined);
      return;
    case 'submit-article':
      await submitArticle(request, response, context);
      return;
    case 'get-article':
      await describeArticle(request, response, route.id, context);
      return;
    case 'list-articles':
      sendJson(request, response, 200, { jobs: await context.options.jobs.list() });
      return;
    case 'delete-episode':
      await deleteEpisode(request, response, route.slug, context);
      return;
  }
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): UsageError {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE') return new UsageError(`Cannot listen on ${where}: the port is in use. Choose another with --port.`, { cause: error });
  if (error.code === 'EACCES')
    return new UsageError(`Cannot listen on ${where}: permission denied (ports below 1024 need privileges). Choose another with --port.`, { cause: error });
  if (error.code === 'EADDRNOTAVAIL') return new UsageError(`Cannot listen on ${where}: this computer has no such address. Check --host.`, { cause: error });
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
    return new UsageError(`Cannot listen on ${where}: ${host} is not a name this computer can resolve. Check --host.`, { cause: error });
  return new UsageError(`Cannot listen on ${where}: ${error.message}.`, { cause: error });
}

/** Starts serving; resolves once listening, with the URLs to print. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_SERVE_HOST;
  const hosts = createHostPolicy({
    bindHost: host,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    ...(options.extraHosts === undefined ? {} : { extraHosts: options.extraHosts }),
  });
  let port = options.port ?? 0;
  const baseUrl = (): string => describeBaseUrl({ host, port, publicUrl: options.publicUrl, token: options.token, lanAddress: options.lanAddress });
  const context: Context = { options, hosts, baseUrl };
  // A slow client may not hold a request open for long; large MP3 responses are not limited by this.
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 20_000 }, (request, response) => {
    handle(request, response, context).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) sendJson(request, response, 500, { error: 'The server failed on this request.' });
      else response.destroy();
    });
  });
  // Parsing a large page keeps the event loop busy for seconds. An idle kept-alive connection whose timer ran
  // out meanwhile would be closed just as the client sends its next request on it, which the client sees as a
  // reset; a long idle timeout (longer than reverse proxies' own, so they close first) avoids that.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(describeListenError(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: baseUrl(),
    feedUrl: `${baseUrl()}feed.xml`,
    pageUrl: baseUrl(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
