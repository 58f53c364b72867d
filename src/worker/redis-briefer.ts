// The enqueuing side of --queue (batch and serve): each episode becomes a BullMQ job whose id is the article's
// fingerprint, and the episode is reported once a worker has written its files. This process stays the folder's
// one writer: it records the episode in state.json and publishes the feed and the page, then removes the job.
//
// A job's outcome is noticed from BullMQ's event stream and, as a backstop, by looking at every job still awaited
// every few seconds: an event missed while Redis restarted is found that way, and a job that vanished (a Redis
// restarted without persistence) is queued again under the same id.
import path from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EpisodeJob, RemoteBriefer, RemoteEpisode } from '../batch/remote-briefer.js';
import { statFile } from '../batch/survey-batch.js';
import { BriefcastError, EXIT_CODES, OutputError } from '../errors.js';
import {
  EPISODE_JOB_ATTEMPTS,
  EPISODE_JOB_KEEP_S,
  EPISODE_JOB_NAME,
  EPISODE_QUEUE,
  EPISODE_RETRY_DELAY_MS,
  episodeJobId,
  toJobData,
  type EpisodeJobData,
  type EpisodeProgress,
} from './episode-job.js';
import { checkQueueReachable, openConnection, type QueueAddress } from './queue-connection.js';

/** How often every awaited job is looked at, besides the events. */
const SWEEP_EVERY_MS = 3_000;

/** A job that failed for good on a worker, with the worker's one-line reason and exit code. */
export class RemoteBriefingError extends BriefcastError {}

interface Awaited {
  job: EpisodeJob;
  resolve: (episode: RemoteEpisode) => void;
  reject: (error: unknown) => void;
  /** Whether the job was queued again because its file was not in the folder (once only: then it fails). */
  redone?: boolean;
}

export class RedisBriefer implements RemoteBriefer {
  private readonly awaited = new Map<string, Awaited>();
  /** Jobs being looked at now: one look at a time per job, so two cannot both settle it or queue it again. */
  private readonly looking = new Set<string>();
  private sweeping: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly queue: Queue<EpisodeJobData, RemoteEpisode>,
    private readonly events: QueueEvents,
    private readonly connections: readonly Redis[],
  ) {
    events.on('completed', ({ jobId }) => this.look(jobId));
    events.on('failed', ({ jobId }) => this.look(jobId));
    this.timer = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /** Reaches Redis within seconds (QueueUnavailableError otherwise), then keeps its connections for the run. */
  static async open(address: QueueAddress, log: (line: string) => void): Promise<RedisBriefer> {
    await checkQueueReachable(address);
    const open = () =>
      openConnection(
        address,
        (reason) => log(`lost the Redis queue at ${address.shown} (${reason}); reconnecting…`),
        () => log(`reconnected to the Redis queue at ${address.shown}.`),
      );
    const queueConnection = open();
    // QueueEvents blocks on its connection; its errors are the same outage, told once by the queue's connection.
    const eventsConnection = open();
    eventsConnection.removeAllListeners('error');
    eventsConnection.on('error', () => {});
    const queue = new Queue<EpisodeJobData, RemoteEpisode>(EPISODE_QUEUE, { connection: queueConnection });
    const events = new QueueEvents(EPISODE_QUEUE, { connection: eventsConnection });
    // BullMQ repeats connection errors as events, which would throw without a listener.
    queue.on('error', () => {});
    events.on('error', () => {});
    return new RedisBriefer(queue, events, [queueConnection, eventsConnection]);
  }

  brief(job: EpisodeJob, options: { signal?: AbortSignal } = {}): Promise<RemoteEpisode> {
    const id = episodeJobId(job);
    const { signal } = options;
    return new Promise<RemoteEpisode>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        this.awaited.delete(id);
        // A job no worker has taken yet is withdrawn; one in hand finishes and waits for the next run to collect it.
        this.queue
          .getJob(id)
          .then((found) => found?.remove())
          .catch(() => {});
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          fn(value);
        };
      this.awaited.set(id, { job, resolve: settle(resolve), reject: settle(reject) });
      this.submit(id, job).then(
        () => this.look(id),
        (error: unknown) => {
          this.awaited.delete(id);
          settle(reject)(error);
        },
      );
    });
  }

  /** Stops watching and closes the connections; jobs still queued stay for the workers. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    for (const connection of this.connections) connection.disconnect();
  }

  /** Adds the job; a job of the same id already there (queued, in hand, or finished and not yet collected) is joined instead. */
  private async submit(id: string, job: EpisodeJob): Promise<void> {
    await this.queue.add(EPISODE_JOB_NAME, toJobData(job), {
      jobId: id,
      attempts: EPISODE_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: EPISODE_RETRY_DELAY_MS },
      removeOnComplete: { age: EPISODE_JOB_KEEP_S },
      removeOnFail: { age: EPISODE_JOB_KEEP_S },
    });
  }

  private sweep(): void {
    if (this.sweeping || this.awaited.size === 0) return;
    this.sweeping = (async () => {
      for (const id of [...this.awaited.keys()]) await this.look(id);
    })().finally(() => (this.sweeping = undefined));
  }

  /** Settles an awaited job that has finished; queues again one that Redis lost. Errors wait for the next look. */
  private async look(id: string): Promise<void> {
    const waiting = this.awaited.get(id);
    if (!waiting || this.looking.has(id)) return;
    this.looking.add(id);
    try {
      const found = (await this.queue.getJob(id)) as Job<EpisodeJobData, RemoteEpisode> | undefined;
      if (!found) {
        if (this.awaited.get(id) === waiting) await this.submit(id, waiting.job);
        return;
      }
      const state = await found.getState();
      if (state !== 'completed' && state !== 'failed') return;
      if (this.awaited.get(id) !== waiting) return;
      // The job read above may predate its ending (it was still in hand): read it again for its result or reason,
      // and leave it to the next look while Redis does not have them yet.
      const ended = (await this.queue.getJob(id)) as Job<EpisodeJobData, RemoteEpisode> | undefined;
      if (!ended || (state === 'completed' && !ended.returnvalue)) return;
      if (state === 'completed' && !(await statFile(mp3Of(waiting.job))) && !waiting.redone) {
        // Finished long ago (an earlier run that stopped before collecting it) and its file is gone since: brief it again.
        waiting.redone = true;
        await found.remove();
        await this.submit(id, waiting.job);
        return;
      }
      this.awaited.delete(id);
      if (state === 'completed') await this.collect(ended, waiting.job).then(waiting.resolve, waiting.reject);
      else waiting.reject(failureOf(ended, waiting.job));
      // Collected: a rerun with the same article and settings is a new job from here on.
      await ended.remove().catch(() => {});
    } catch {
      // Redis is away or answered oddly: the next event or sweep looks again.
    } finally {
      this.looking.delete(id);
    }
  }

  /** The worker's answer, checked against the folder as this process sees it. */
  private async collect(found: Job<EpisodeJobData, RemoteEpisode>, job: EpisodeJob): Promise<RemoteEpisode> {
    const mp3 = mp3Of(job);
    const seen = await statFile(mp3);
    if (!seen)
      throw new OutputError(
        `A worker reported ${mp3} written, but it is not in the folder here: mount ${job.outDir} at the same path on every worker and on this machine.`,
      );
    // The state records the file as this process sees it: that is what the next run compares.
    return { ...found.returnvalue, mp3Size: seen.size, mp3MtimeMs: seen.mtimeMs };
  }
}

function mp3Of(job: EpisodeJob): string {
  return path.join(job.outDir, `${job.slug}.mp3`);
}

function failureOf(found: Job<EpisodeJobData, RemoteEpisode>, job: EpisodeJob): RemoteBriefingError {
  const progress = found.progress as EpisodeProgress | undefined;
  const failure = progress && typeof progress === 'object' && 'failure' in progress ? progress.failure : undefined;
  const message = failure?.message ?? found.failedReason ?? `the workers could not brief ${job.source}`;
  return new RemoteBriefingError(message, failure?.exitCode ?? EXIT_CODES.failure);
}
