// `briefcast worker`: takes episode jobs from the Redis queue through BullMQ, briefs each through the same stage
// functions a batch uses (parse, plan, render with sidecars), writes the MP3 and its sidecars into the folder the
// job names (renderBriefing lands them atomically, through write-atomic), and answers with what it wrote. It never
// touches the folder's state, feed or page: the process that queued the job is their one writer.
//
// Delivery is at least once: BullMQ holds a lock on a job while a worker has it and renews it every half
// lock-duration; a worker killed with kill -9 stops renewing, and another worker's stalled-job check puts the job
// back in the queue once the lock has lapsed. Renewal runs on this process's event loop, which synthesis does not
// block: engines run as child processes (run-tool.ts) or in a worker thread (flite-wasm), the article is parsed in
// a worker thread, ffmpeg encodes in a child process; what stays here (mixing and measuring the PCM) works in
// chunks between awaits.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { renderEpisodeFiles, type EngineChooser } from '../batch/apply-batch-plan.js';
import { STATE_DIR } from '../batch/batch-state.js';
import type { RemoteEpisode } from '../batch/remote-briefer.js';
import { describeFailure, EXIT_CODES, OutputError } from '../errors.js';
import { formatClock } from '../format-clock.js';
import type { ChosenEngine, RenderSettings } from '../pipeline.js';
import { checkJobData, EPISODE_QUEUE, type EpisodeJobData, type EpisodeProgress } from './episode-job.js';
import { checkQueueReachable, openConnection, type QueueAddress } from './queue-connection.js';

/** BullMQ's own default: a job whose worker has not renewed its lock for this long is taken by another. */
export const DEFAULT_LOCK_MS = 30_000;
/** On Ctrl-C, how long the jobs in hand get to go back to the queue: with Redis away they cannot, and their locks lapse instead. */
const CLOSE_GRACE_MS = 5_000;
/** Progress is written to Redis at most this often per job. */
const PROGRESS_EVERY_MS = 1_000;

export interface QueueWorkerOptions {
  address: QueueAddress;
  /** Jobs briefed at once by this worker. */
  concurrency: number;
  /** ffmpeg, the clip cache and the engine runs at once within each job; the bitrate comes with the job. */
  render: Omit<RenderSettings, 'bitrateKbps'>;
  /** How long a job's lock lasts without renewal (BRIEFCAST_WORKER_LOCK_MS; tests shorten it). */
  lockMs?: number;
  /** Stops the worker: jobs in hand go back to the queue for another worker. */
  signal: AbortSignal;
  /** One line per article briefed (stdout). */
  onBriefed: (line: string) => void;
  /** Failures, retries and the connection coming and going (stderr). */
  log: (line: string) => void;
}

/** Runs until `signal` aborts; resolves once the jobs in hand are back in the queue and the connections closed. */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<void> {
  const { address, signal, log } = options;
  await checkQueueReachable(address);
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  // Loaded before the first job, not during it: loading the stages (jsdom above all) holds the event loop for a
  // second or more, which would delay the renewal of that job's lock.
  await import('../pipeline.js');
  const engines = new Map<string, Engines>();
  const connection = openConnection(
    address,
    (reason) => log(`lost the Redis queue at ${address.shown} (${reason}); reconnecting…`),
    () => log(`reconnected to the Redis queue at ${address.shown}.`),
  );
  const worker = new Worker<EpisodeJobData, RemoteEpisode>(EPISODE_QUEUE, (job, token) => briefJob(job, token, { ...options, engines }), {
    connection,
    // Stored on every job it takes (job.processedBy): which machine and process briefed or holds a job.
    name: `${os.hostname()} pid ${process.pid}`,
    concurrency: options.concurrency,
    lockDuration: lockMs,
    // Check for other workers' lapsed locks as often as a lock lasts: a killed worker's job waits at most two lock-durations.
    stalledInterval: lockMs,
    maxStalledCount: 2,
    autorun: false,
  });
  // Connection errors are told once by openConnection; BullMQ repeats them here and would throw without a listener.
  worker.on('error', () => {});
  const running = worker.run();
  log(`waiting for jobs on ${address.shown} (${options.concurrency} at a time); press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  let grace: NodeJS.Timeout | undefined;
  const closed = Promise.all([worker.close(), running.catch(() => {})]);
  await Promise.race([closed, new Promise((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))]);
  clearTimeout(grace);
  connection.disconnect();
}

/** A request's engine for its own language, and the chooser for articles in other languages (as a local batch has them). */
interface Engines {
  engine: Promise<ChosenEngine>;
  chooser: EngineChooser;
}

interface BriefContext extends QueueWorkerOptions {
  engines: Map<string, Engines>;
}

/** The engines a job's request leads to, probed once per worker for each distinct request and language. */
async function enginesFor(data: EpisodeJobData, engines: Map<string, Engines>): Promise<Engines> {
  const { engine, narrator, host, language } = data.speech;
  const request = { engine, narrator, host, language };
  const key = JSON.stringify([engine ?? 'auto', narrator ?? null, host ?? null, language ?? null]);
  let known = engines.get(key);
  if (!known) {
    const { chooseEngine, createEngineChooser } = await import('../pipeline.js');
    known = { engine: chooseEngine(request), chooser: createEngineChooser(request) };
    // A failed probe is tried again by the next job: the engine may be installed meanwhile.
    known.engine.catch(() => engines.delete(key));
    engines.set(key, known);
  }
  return known;
}

/** The folder must be the enqueuer's, seen through a shared mount: never made here, where nobody would publish it. */
async function requireSharedFolder(outDir: string): Promise<void> {
  const info = await stat(path.join(outDir, STATE_DIR)).catch(() => undefined);
  if (!info?.isDirectory())
    throw new OutputError(
      `${outDir} is not a briefcast output folder on ${os.hostname()} (no ${STATE_DIR}/ in it): mount the folder at the same path on every worker.`,
    );
}

async function briefJob(job: Job<EpisodeJobData, RemoteEpisode>, token: string | undefined, context: BriefContext): Promise<RemoteEpisode> {
  const checked = checkJobData(job.data);
  if (typeof checked === 'string') {
    await reportFailure(job, { message: `Job ${job.id ?? '?'} cannot be briefed: ${checked}.`, exitCode: EXIT_CODES.input });
    throw new UnrecoverableError(`Job ${job.id ?? '?'} cannot be briefed: ${checked}.`);
  }
  const data = checked;
  const name = data.source;
  const stop = new AbortController();
  const onAbort = () => stop.abort(context.signal.reason);
  context.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await requireSharedFolder(data.outDir);
    const { engine, chooser } = await enginesFor(data, context.engines);
    const { parseSource } = await import('../pipeline.js');
    const warn = (message: string) => context.log(`warning: ${name}: ${message}`);
    const article = await parseSource({ ...data.text, warnings: [] }, { signal: stop.signal, language: data.speech.language, warn });
    const mp3 = path.join(data.outDir, `${data.slug}.mp3`);
    let reported = 0;
    const { episode, briefing } = await renderEpisodeFiles(
      article,
      { mp3 },
      {
        outDir: data.outDir,
        engine: await engine,
        chooseEngine: chooser,
        engineJobs: context.render.jobs ?? Math.max(1, Math.ceil(os.availableParallelism() / context.concurrency)),
        speech: data.speech,
        render: { ...context.render, bitrateKbps: data.bitrateKbps },
        signal: stop.signal,
        reporter: {
          stage() {},
          segments(done, total) {
            const now = Date.now();
            if (now - reported < PROGRESS_EVERY_MS && done < total) return;
            reported = now;
            job.updateProgress({ done, total } satisfies EpisodeProgress).catch(() => {});
          },
          warn,
        },
      },
    );
    const chapters = briefing.chapters.length;
    context.onBriefed(`made ${mp3}  (${formatClock(briefing.durationMs)}, ${chapters} chapter${chapters === 1 ? '' : 's'}) from ${name}`);
    return { ...episode, cache: { hits: briefing.cache.hits, misses: briefing.cache.misses } };
  } catch (error) {
    if (context.signal.aborted) {
      // Stopped by Ctrl-C or SIGTERM: the job goes back to the queue at once, for this or another worker.
      await job.moveToWait(token).catch(() => {});
      throw new WaitingError();
    }
    const failure = describeFailure(error);
    await reportFailure(job, failure);
    // Bad input stays bad however often it is tried; anything else (an engine that crashed or hung, ffmpeg, a
    // folder that is away for a moment) is tried again after a pause, perhaps by another worker.
    const final = failure.exitCode === EXIT_CODES.input || failure.exitCode === EXIT_CODES.usage;
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const retrying = !final && attempt < attempts;
    context.log(`failed ${name}: ${failure.message}${retrying ? ` (attempt ${attempt} of ${attempts}; it will be tried again)` : ''}`);
    if (final) throw new UnrecoverableError(failure.message);
    throw new Error(failure.message, { cause: error });
  } finally {
    context.signal.removeEventListener('abort', onAbort);
  }
}

/** The failure's one line and exit code, kept on the job for the enqueuer (BullMQ keeps only the message). */
async function reportFailure(job: Job, failure: { message: string; exitCode?: number }): Promise<void> {
  await job.updateProgress({ failure } satisfies EpisodeProgress).catch(() => {});
}
