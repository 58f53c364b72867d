// The one way briefcast reads the web: an article URL given on the command line or sent to the server, a
// followed feed and the article links in it. Only public http(s) addresses are fetched (address-policy.ts): a URL
// is checked before each request, redirects are followed by hand so that every hop is checked again, and every
// address a name resolves to is checked inside the connection's own DNS lookup, so a name that resolves to a
// public address for the check and a private one for the connection (DNS rebinding) cannot slip past.
// Node's global fetch ignores http.Agent, so the request goes through undici's fetch with an undici Agent whose
// connector uses that lookup.
import { lookup as lookupAll } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, fetch } from 'undici';
import { readCapped } from './read-capped.js';
import { InputError } from '../errors.js';
import { checkResolvedAddress, checkUrl, describeRefusal, type AddressPolicy, type UrlRefusal } from './address-policy.js';

/** Answers the addresses a host name stands for; the default asks the system resolver (getaddrinfo). */
export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export interface SafeFetchOptions extends AddressPolicy {
  method?: 'GET' | 'HEAD';
  /** Request headers, e.g. If-None-Match for a conditional GET; a User-Agent is added when absent. */
  headers?: Readonly<Record<string, string>>;
  /** Whole-request limit, every redirect and the body included; default 20 s. */
  timeoutMs?: number;
  /** Largest body read (after decompression); default 20 MB. */
  maxBytes?: number;
  /** Redirects followed; default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Where names are resolved; tests inject one so that no real name is ever looked up. */
  resolve?: Resolver;
}

export interface FetchedResource {
  /** The URL the response finally came from, after redirects. */
  url: string;
  /** 2xx, or 304 when the request was conditional and nothing changed (the body is then empty). */
  status: number;
  /** Response headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
  contentType: string;
  bytes: Uint8Array;
}

export type FetchFailure =
  | 'invalid-url'
  | 'refused'
  | 'dns'
  | 'connection-refused'
  | 'connection-reset'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'network';

/** A fetch that failed; `reason` says how, for callers that act on it (a refusal is a 4xx, a 503 is retried). */
export class FetchError extends InputError {
  readonly reason: FetchFailure;
  /** The HTTP status, for 'http-status'. */
  readonly status: number | undefined;
  /** The Retry-After header of a 429 or 503, as sent. */
  readonly retryAfter: string | undefined;
  constructor(message: string, reason: FetchFailure, options: { cause?: unknown; status?: number; retryAfter?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }
}

export const FETCH_TIMEOUT_MS = 20_000;
export const FETCH_MAX_BYTES = 20 * 1024 * 1024;
export const FETCH_MAX_REDIRECTS = 5;
export const USER_AGENT = 'briefcast/0.1 (article-to-podcast reader)';
const CONNECT_TIMEOUT_MS = 10_000;

/** Raised inside the connection's lookup; travels out through undici as the cause of its "fetch failed". */
class RefusedAddress extends Error {
  readonly refusal: UrlRefusal;
  constructor(refusal: UrlRefusal) {
    super('refused address');
    this.refusal = refusal;
  }
}

const systemResolver: Resolver = (hostname) => lookupAll(hostname, { all: true, verbatim: true });

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup replacement for net.connect: resolves, refuses the name when any of its addresses is not public,
 * and hands the connection exactly the addresses it checked, so nothing is resolved twice.
 */
export function createCheckedLookup(policy: AddressPolicy, resolve: Resolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (answers) => {
        const wanted = answers.filter((answer) => !options.family || answer.family === options.family);
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '');
          return;
        }
        // All of them, not just the first: the connection may try any of them (Happy Eyeballs).
        for (const answer of answers) {
          const refusal = checkResolvedAddress(hostname, answer.address, policy);
          if (refusal) {
            callback(new RefusedAddress(refusal), '');
            return;
          }
        }
        if (options.all)
          callback(
            null,
            wanted.map(({ address, family }) => ({ address, family })),
          );
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < 8; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
  }
  return chain;
}

const SECONDS = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** Turns what undici and the resolver threw into one line that names the cause in words. */
function describeFailure(error: unknown, url: URL, timeoutMs: number, timedOut: boolean): FetchError {
  const chain = causes(error);
  const refused = chain.find((link): link is RefusedAddress => link instanceof RefusedAddress);
  if (refused) return new FetchError(describeRefusal(url.href, refused.refusal), 'refused', { cause: error });
  if (timedOut) {
    return new FetchError(`Timed out after ${SECONDS(timeoutMs)} fetching ${url.href}. Check the address, or try again later.`, 'timeout', { cause: error });
  }
  const code = chain.map((link) => (link as { code?: unknown }).code).find((value): value is string => typeof value === 'string') ?? '';
  const host = url.hostname;
  const where = `${host}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  const fail = (reason: FetchFailure, words: string, advice: string): FetchError =>
    new FetchError(`Could not fetch ${url.href}: ${words}. ${advice}`, reason, { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_NODATA' || code === 'EAI_FAIL') {
    return fail('dns', `no such host: ${host} does not resolve (DNS)`, 'Check the address.');
  }
  if (code === 'EAI_AGAIN') return fail('dns', `looking up ${host} failed for now (DNS)`, 'Check the network connection, or try again later.');
  if (code === 'ECONNREFUSED') return fail('connection-refused', `${where} refused the connection`, 'Check the address, or try again later.');
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return fail('connection-reset', `the connection to ${where} was reset`, 'Try again later.');
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
    return fail('unreachable', `the network cannot reach ${where}`, 'Check the network connection.');
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return fail('timeout', `${where} did not answer in time`, 'Check the address, or try again later.');
  }
  if (/^(?:CERT_|ERR_TLS_|ERR_SSL_)|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    return fail('tls', `the secure connection failed (${code})`, "The site's certificate is not valid; check the address.");
  }
  const last = chain[chain.length - 1];
  const words = code || (last instanceof Error ? last.message : String(last));
  return fail('network', words, 'Check the address and the network connection.');
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError(`${url} is larger than ${formatBytes(maxBytes)}, the most briefcast reads. Give a smaller article or raise the limit.`, 'too-large');
}

function parseUrl(input: string | URL, base?: URL): URL {
  try {
    return new URL(input, base);
  } catch (error) {
    throw new FetchError(`${String(input)} is not a valid URL. Check the address.`, 'invalid-url', { cause: error });
  }
}

function refuseIfNeeded(url: URL, policy: AddressPolicy): void {
  const refusal = checkUrl(url, policy);
  if (refusal) throw new FetchError(describeRefusal(url.href, refusal), 'refused');
}

/**
 * Fetches a public http(s) URL and reads its body whole, within a time and size limit. Answers 2xx (and 304
 * for a conditional request); anything else, and every refusal or network failure, is a FetchError (an
 * InputError, exit code 3) whose message names the cause. An abort through `signal` rethrows its reason.
 */
export async function safeFetch(input: string | URL, options: SafeFetchOptions = {}): Promise<FetchedResource> {
  const policy: AddressPolicy = { allowPrivate: options.allowPrivate ?? false, allowHosts: options.allowHosts ?? [] };
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? FETCH_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? FETCH_MAX_REDIRECTS;
  const method = options.method ?? 'GET';
  const userSignal = options.signal;
  if (userSignal?.aborted) throw userSignal.reason;

  const start = parseUrl(input);
  let url = start;
  refuseIfNeeded(url, policy);

  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = userSignal ? AbortSignal.any([timeout, userSignal]) : timeout;
  const agent = new Agent({
    connect: { lookup: createCheckedLookup(policy, options.resolve ?? systemResolver), timeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const headers = {
    'user-agent': USER_AGENT,
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
  };
  // Fetch turns a request with validators into "Cache-Control: no-cache" (cache mode no-store), and servers
  // built on `fresh` (send, Express) then never answer 304. Mode no-cache sends "max-age=0" instead.
  const conditional = 'if-none-match' in headers || 'if-modified-since' in headers;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(url, {
        method,
        headers,
        redirect: 'manual',
        signal,
        dispatcher: agent,
        ...(conditional ? { cache: 'no-cache' as const } : {}),
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location !== null) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= maxRedirects) {
          throw new FetchError(`Too many redirects fetching ${start.href} (more than ${maxRedirects}). Check the address.`, 'too-many-redirects');
        }
        url = parseUrl(location, url);
        refuseIfNeeded(url, policy);
        continue;
      }
      const responseHeaders = Object.fromEntries(response.headers);
      if (!response.ok && response.status !== 304) {
        await response.body?.cancel().catch(() => undefined);
        const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        throw new FetchError(`Fetching ${url.href} failed: ${status}. Check the address, or try again later.`, 'http-status', {
          status: response.status,
          ...(responseHeaders['retry-after'] === undefined ? {} : { retryAfter: responseHeaders['retry-after'] }),
        });
      }
      const bytes =
        method === 'HEAD' || response.status === 304
          ? new Uint8Array(0)
          : await readCapped(response.body, response.headers.get('content-length'), maxBytes, () => tooLarge(url.href, maxBytes));
      return { url: url.href, status: response.status, headers: responseHeaders, contentType: responseHeaders['content-type'] ?? '', bytes };
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (userSignal?.aborted) throw userSignal.reason;
    throw describeFailure(error, url, timeoutMs, timeout.aborted);
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
