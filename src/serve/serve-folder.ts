// `briefcast serve <dir>` as a whole: the folder's one writer for as long as it runs (it holds the folder lock, so
// a batch into the same folder is told it is busy), the HTTP server, the worker that briefs the queue, and the
// followed feeds. It stops when `signal` aborts: no new requests, the job in hand abandoned and queued again,
// every write finished, the lock released; the next start resumes the queue.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { lockFolder } from '../batch/folder-lock.js';
import { readBatchState, STATE_DIR } from '../batch/batch-state.js';
import type { BatchSpeechOptions } from '../batch/batch-types.js';
import type { RemoteBriefer } from '../batch/remote-briefer.js';
import { fingerprintEngine } from '../batch/run-batch.js';
import { describeFailure } from '../errors.js';
import { DEFAULT_FIRST_POLL_TAKE } from '../follow/select-entries.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../follow/poll-schedule.js';
import type { RenderSettings } from '../pipeline.js';
import type { AddressPolicy } from '../read/address-policy.js';
import type { Resolver } from '../read/safe-fetch.js';
import { JobQueue } from '../queue/job-queue.js';
import { installArtwork, removeArtwork } from './artwork.js';
import { runWorker } from './brief-worker.js';
import { followSites } from './follow-sites.js';
import { ServedFolder } from './served-folder.js';
import { startServer } from './server.js';
import { loadToken } from './token.js';

const { version: BRIEFCAST_VERSION } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface ServeFolderOptions {
  dir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The address feeds carry, behind a reverse proxy or tunnel. */
  publicUrl?: string;
  /** Serve without the secret path (--public). */
  isPublic?: boolean;
  /** A new token: the old feed and page addresses stop working. */
  rotateToken?: boolean;
  /** Fetch from private and loopback addresses too (--allow-private). */
  allowPrivate?: boolean;
  /** The feed's artwork; default: the shipped cover. */
  artwork?: string;
  ownerEmail?: string;
  /** Only the newest this many episodes are kept. */
  keep?: number;
  /** Feeds to follow. */
  follow?: readonly string[];
  followEveryMs?: number;
  followFirst?: number;
  maxQueued?: number;
  speech?: BatchSpeechOptions;
  render?: RenderSettings;
  signal: AbortSignal;
  /** Told the addresses once the server listens and the feed is published. */
  onListening?: (urls: { feedUrl: string; pageUrl: string }) => void;
  /** Progress and warnings, one line each. */
  log?: (line: string) => void;
  /** Where host names are resolved; tests inject one. */
  resolve?: Resolver;
  /** Workers elsewhere render the episodes (serve --queue); this server stays the folder's one writer. */
  remote?: RemoteBriefer;
}

/** With --queue, this many articles are handed to the workers at once; how many are briefed at once is the workers' --concurrency. */
const REMOTE_JOBS_IN_FLIGHT = 16;

/** This machine's address on its network, for the URLs printed when the server binds every interface. */
function findLanAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const found = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (found) return found.address;
  }
  return undefined;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Serves the folder until `signal` aborts; resolves once everything has stopped and the lock is released. */
export async function serveFolder(options: ServeFolderOptions): Promise<void> {
  const { signal } = options;
  const log = options.log ?? (() => {});
  const outDir = path.resolve(options.dir);
  const release = await lockFolder(outDir, { signal });
  try {
    const stateDir = path.join(outDir, STATE_DIR);
    const token = options.isPublic ? undefined : (await loadToken(stateDir, { rotate: options.rotateToken })).token;
    const loaded = await readBatchState(outDir);
    loaded.warnings.forEach((warning) => log(`warning: ${warning}`));
    const opened = await JobQueue.open(stateDir, { maxQueued: options.maxQueued });
    opened.warnings.forEach((warning) => log(`warning: ${warning}`));
    const { queue } = opened;

    const speech = options.speech ?? {};
    const render = options.render ?? {};
    const { chooseEngine, createEngineChooser } = await import('../pipeline.js');
    const engine = await chooseEngine(speech);
    // Articles in other languages get their own engine and voices, probed once per language.
    const chooseForLanguages = createEngineChooser(speech);
    const settingsHash = fingerprintEngine(engine, [engine.language], speech, render.bitrateKbps);
    const folder = new ServedFolder({
      outDir,
      state: loaded.state,
      generator: `briefcast ${BRIEFCAST_VERSION}`,
      keep: options.keep,
      onRemoved: (slugs) => queue.forgetEpisodes(slugs),
    });

    const image = loaded.state.feed.image;
    const imagePresent = image !== undefined && Boolean((await stat(path.join(outDir, image)).catch(() => undefined))?.isFile());
    const artwork = options.artwork !== undefined || !imagePresent ? await installArtwork(outDir, options.artwork) : undefined;
    artwork?.warnings.forEach((warning) => log(`warning: ${warning}`));
    if (artwork && artwork.name !== image) await folder.setFeedImage(artwork.name);

    const policy: AddressPolicy = { allowPrivate: options.allowPrivate ?? false };
    const host = options.host ?? '127.0.0.1';
    const everywhere = host === '0.0.0.0' || host === '::';
    const lanAddress = everywhere ? findLanAddress() : undefined;
    const server = await startServer({
      root: outDir,
      ...(token === undefined ? {} : { token }),
      host,
      port: options.port ?? 0,
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      ...(everywhere ? { extraHosts: [os.hostname(), `${os.hostname()}.local`] } : {}),
      ...(lanAddress === undefined ? {} : { lanAddress }),
      jobs: queue,
      episodes: folder,
      fetchPolicy: policy,
      onError: (error) => log(`a request failed: ${describeFailure(error).message}`),
    });

    let worker: Promise<void> = Promise.resolve();
    let follower: Promise<void> = Promise.resolve();
    try {
      folder.configure({
        baseUrl: server.baseUrl,
        block: token !== undefined,
        ...(options.ownerEmail === undefined ? {} : { ownerEmail: options.ownerEmail }),
      });
      // Episodes beyond --keep leave at once; the feed is published with this run's address.
      await folder.afterEpisode();
      if (artwork)
        await removeArtwork(
          outDir,
          artwork.previous.filter((name) => name !== folder.state.feed.image),
        );
      options.onListening?.({ feedUrl: server.feedUrl, pageUrl: server.pageUrl });
      const waiting = queue.waiting();
      if (waiting > 0) log(`${waiting} article${waiting === 1 ? '' : 's'} waiting from before; resuming.`);

      const workerOptions = {
        queue,
        folder,
        engine,
        chooseEngine: chooseForLanguages,
        speech,
        render,
        settingsHash,
        policy,
        signal,
        log,
        ...(options.resolve ? { resolve: options.resolve } : {}),
        ...(options.remote ? { remote: options.remote } : {}),
      };
      // In process, one article at a time (it uses every core); handed to workers, several wait on the queue at once.
      const loops = options.remote ? REMOTE_JOBS_IN_FLIGHT : 1;
      worker = Promise.all(Array.from({ length: loops }, () => runWorker(workerOptions))).then(() => undefined);
      const follow = options.follow ?? [];
      if (follow.length > 0) {
        follower = followSites({
          stateDir,
          urls: follow,
          intervalMs: options.followEveryMs ?? DEFAULT_POLL_INTERVAL_MS,
          firstPollTake: options.followFirst ?? DEFAULT_FIRST_POLL_TAKE,
          queue,
          policy,
          signal,
          log,
          ...(options.resolve ? { resolve: options.resolve } : {}),
        }).catch((error: unknown) => log(`following stopped: ${describeFailure(error).message}`));
      }
      await untilAborted(signal);
    } finally {
      // Stop accepting first; the worker and the follower stop on the same signal.
      await server.close();
      await Promise.all([worker, follower]);
      await queue.settled();
      await folder.folder.settled();
    }
  } finally {
    await release();
  }
}
