// When to poll a followed feed next, and what to send: polite polling is a conditional GET at the chosen
// interval, the server's Retry-After honoured, and a growing wait while a feed keeps failing. Pure: the caller
// passes the time.

/** Default --follow-every. */
export const DEFAULT_POLL_INTERVAL_MS = 30 * 60_000;
/** The longest wait a failing feed backs off to (unless the interval itself is longer). */
export const MAX_BACKOFF_MS = 24 * 3_600_000;
/** The longest Retry-After honoured: a server asking for a month means "later", not literally a month. */
export const MAX_RETRY_AFTER_MS = 7 * 24 * 3_600_000;

export interface PollState {
  /** Validators from the last response, sent back as If-None-Match and If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** Failed polls in a row. */
  failures: number;
  /** Epoch milliseconds. */
  nextPollAt: number;
  lastPolledAt?: number;
  /** The last failure's one-line message, cleared by a success. */
  lastError?: string;
}

export interface PollResponse {
  /** 2xx or 304. */
  status: number;
  /** Response headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
}

export interface PollFailure {
  message: string;
  /** The HTTP status, when the server answered with an error. */
  status?: number;
  /** The Retry-After header, as sent. */
  retryAfter?: string;
}

/** A source never polled: due at once. */
export function createPollState(now: number): PollState {
  return { failures: 0, nextPollAt: now };
}

/** The headers that make the next poll conditional. */
export function conditionalHeaders(state: PollState): Record<string, string> {
  const headers: Record<string, string> = {};
  if (state.etag !== undefined) headers['if-none-match'] = state.etag;
  if (state.lastModified !== undefined) headers['if-modified-since'] = state.lastModified;
  return headers;
}

/**
 * After a 2xx or 304. A 304 may carry new validators and they replace the old ones (a server that rotates its
 * ETag on an unchanged body would otherwise answer 200 forever); when it carries none, the old ones stay. A
 * 200 without validators drops the old ones, which describe a body that is gone.
 */
export function recordSuccess(state: PollState, response: PollResponse, now: number, intervalMs: number): PollState {
  const unchanged = response.status === 304;
  const etag = response.headers.etag ?? (unchanged ? state.etag : undefined);
  const lastModified = response.headers['last-modified'] ?? (unchanged ? state.lastModified : undefined);
  const next: PollState = { failures: 0, nextPollAt: now + intervalMs, lastPolledAt: now };
  if (etag !== undefined) next.etag = etag;
  if (lastModified !== undefined) next.lastModified = lastModified;
  return next;
}

/** Milliseconds to wait for a Retry-After of seconds or an HTTP date; undefined when it is neither. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** The wait after `failures` failed polls in a row: the interval, then doubling, up to a day. */
export function backoffDelay(failures: number, intervalMs: number): number {
  const ceiling = Math.max(intervalMs, MAX_BACKOFF_MS);
  return Math.min(ceiling, intervalMs * 2 ** Math.min(Math.max(0, failures - 1), 30));
}

/** After a failed poll: the validators stay, the wait grows, and a Retry-After longer than that wins. */
export function recordFailure(state: PollState, failure: PollFailure, now: number, intervalMs: number): PollState {
  const failures = state.failures + 1;
  const wait = Math.max(backoffDelay(failures, intervalMs), parseRetryAfter(failure.retryAfter, now) ?? 0);
  return { ...state, failures, nextPollAt: now + wait, lastPolledAt: now, lastError: failure.message };
}
