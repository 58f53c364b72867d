// The Redis behind --queue: the URL checked, reached once at start-up with a short deadline (ioredis would
// otherwise retry for ever, and a mistyped host would hang the command), then long-lived connections that
// reconnect for as long as it takes, so that a Redis restarting mid-batch costs a pause, not the batch.
import { Redis, type RedisOptions } from 'ioredis';
import { QueueUnavailableError, UsageError } from '../errors.js';

/** How long start-up waits for Redis before it says it cannot be reached. */
const STARTUP_CONNECT_TIMEOUT_MS = 3_000;

/** A --queue URL as given, and as it may be printed (no password). */
export interface QueueAddress {
  url: string;
  shown: string;
}

/** Checks a --queue value: redis://[user:password@]host[:port][/db], or rediss:// for TLS. */
export function parseQueueUrl(value: string): QueueAddress {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--queue ${value} is not a URL. Give the Redis server as redis://host:port, e.g. redis://127.0.0.1:6379.`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new UsageError(`--queue ${value} is not a redis:// URL. Give the Redis server as redis://host:port, e.g. redis://127.0.0.1:6379.`);
  if (!url.hostname) throw new UsageError(`--queue ${value} names no host. Give the Redis server as redis://host:port.`);
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return { url: url.href, shown: shown.href };
}

/** Options for a connection that lives as long as the command: it reconnects without end, and commands wait for it. */
export function lastingOptions(): RedisOptions {
  // BullMQ requires maxRetriesPerRequest: null for a worker's blocking connection; the enqueuer uses it too, so
  // that a Redis restart makes its calls wait instead of failing the batch. Ctrl-C still stops either.
  return { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (times) => Math.min(times * 200, 2_000) };
}

/** A connection for the command's life; errors while Redis is away are told once, through `onLost`. */
export function openConnection(address: QueueAddress, onLost: (message: string) => void, onBack: () => void): Redis {
  const redis = new Redis(address.url, lastingOptions());
  let lost = false;
  redis.on('error', (error: NodeJS.ErrnoException) => {
    if (lost) return;
    lost = true;
    onLost(error.code ?? error.message);
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    onBack();
  });
  return redis;
}

/**
 * Reaches Redis once, within a few seconds, before anything is queued or written: a QueueUnavailableError in
 * one line if it cannot (refused, unknown host, timeout, a password refused, not a Redis at all).
 */
export async function checkQueueReachable(address: QueueAddress): Promise<void> {
  const probe = new Redis(address.url, {
    lazyConnect: true,
    connectTimeout: STARTUP_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // A socket that never connected emits no second close: ioredis's default 2 s wait for it would hold the exit.
    disconnectTimeout: 100,
  });
  let lastError: NodeJS.ErrnoException | undefined;
  probe.on('error', (error: NodeJS.ErrnoException) => (lastError = error));
  try {
    await probe.connect();
    const answer = await probe.ping();
    if (answer !== 'PONG') throw new Error(`it answered PING with ${String(answer)}`);
  } catch (error) {
    const cause = lastError ?? (error as NodeJS.ErrnoException);
    const reason = cause.code ?? cause.message;
    throw new QueueUnavailableError(
      `Cannot reach the Redis queue at ${address.shown} (${reason}). Start Redis there, or give the right address with --queue redis://host:port.`,
      { cause },
    );
  } finally {
    probe.disconnect();
  }
}
