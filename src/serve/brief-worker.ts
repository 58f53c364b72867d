// The server's worker: takes the queue's jobs one at a time and briefs each into the folder through the same
// stage functions a batch uses (read, parse, plan, render with sidecars, record in the state), then republishes
// the feed. A job fails alone, with its one-line reason; the server's shutdown puts it back in the queue.
//
// An episode is published once, even across a kill -9: the job remembers its episode's file name (jobs.json)
// before rendering; the episode is recorded in state.json, the feed published, and only then the job marked
// done. A restarted job that finds its episode already recorded just marks itself done.
import os from 'node:os';
import path from 'node:path';
import { recordEpisode, remoteSpeech, renderEpisode, type EngineChooser, type EpisodeTarget } from '../batch/apply-batch-plan.js';
import type { BatchSpeechOptions } from '../batch/batch-types.js';
import type { RemoteBriefer } from '../batch/remote-briefer.js';
import { DEFAULT_BITRATE_KBPS } from '../defaults.js';
import { fingerprintArticle } from '../batch/fingerprint.js';
import { describeFailure } from '../errors.js';
import { formatClock } from '../format-clock.js';
import type { ChosenEngine, RenderSettings } from '../pipeline.js';
import type { AddressPolicy } from '../read/address-policy.js';
import type { Resolver } from '../read/safe-fetch.js';
import type { JobQueue, JobRequest, StoredJob } from '../queue/job-queue.js';
import { readJobInput } from './job-input.js';
import type { ServedFolder } from './served-folder.js';

/** After the queue itself failed (its file could not be written), the worker waits this long before going on. */
const RETRY_AFTER_QUEUE_FAILURE_MS = 5_000;

export interface WorkerOptions {
  queue: JobQueue;
  folder: ServedFolder;
  engine: ChosenEngine;
  /** The engine for an article in a language `engine` was not chosen for. */
  chooseEngine?: EngineChooser;
  speech: BatchSpeechOptions;
  render: RenderSettings;
  /** The settings fingerprint each episode is recorded with. */
  settingsHash: string;
  policy: AddressPolicy;
  resolve?: Resolver;
  /** Stops the worker: the job in hand is abandoned cleanly and queued again. */
  signal: AbortSignal;
  now?: () => Date;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
  /** Workers elsewhere render the episodes (serve --queue); this server records and publishes them. */
  remote?: RemoteBriefer;
}

/** What a log line calls a job. */
export function describeRequest(request: JobRequest): string {
  if (request.kind === 'url') return request.url;
  if (request.kind === 'entry') return `"${request.title}" (${request.link ?? request.feed})`;
  return request.title === undefined ? 'pasted text' : `"${request.title}" (pasted text)`;
}

/** Briefs jobs until `signal` aborts. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const log = options.log ?? (() => {});
  for (;;) {
    try {
      const job = await options.queue.take(options.signal);
      if (!job) return;
      await briefJob(job, options);
    } catch (error) {
      if (options.signal.aborted) return;
      log(`the queue could not be updated: ${describeFailure(error).message}`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_QUEUE_FAILURE_MS));
    }
  }
}

/** Briefs one job taken from the queue, and records how it ended. */
export async function briefJob(job: StoredJob, options: WorkerOptions): Promise<void> {
  const { queue, folder, signal } = options;
  const log = options.log ?? (() => {});
  const name = describeRequest(job.request);
  try {
    if (job.episode && folder.hasEpisode(job.episode.slug)) {
      await folder.publish();
      await queue.finish(job.id, job.episode);
      log(`made ${name}: ${job.episode.slug}.mp3 (recorded before the server stopped)`);
      return;
    }
    log(`briefing ${name}…`);
    const text = await readJobInput(job.request, {
      policy: options.policy,
      ...(options.speech.from ? { from: options.speech.from } : {}),
      signal,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
    const warn = (message: string) => log(`warning: ${name}: ${message}`);
    text.warnings.forEach(warn);
    const { parseSource } = await import('../pipeline.js');
    const article = await parseSource(text, { signal, language: options.speech.language, warn });
    // A job stopped while rendering keeps its name: the unpublished file it may have left is written over.
    const slug = job.episode?.slug ?? (await folder.chooseSlug(article.title));
    await queue.setEpisode(job.id, { slug, title: article.title });
    const target: EpisodeTarget = {
      slug,
      mp3: path.join(folder.outDir, `${slug}.mp3`),
      source: job.request.kind === 'text' ? 'pasted text' : text.source,
      articleHash: fingerprintArticle(text.content, text.format),
    };
    if (options.remote) {
      const episode = await options.remote.brief(
        {
          outDir: folder.outDir,
          slug,
          text: { content: text.content, format: text.format, source: text.source, transportLanguage: text.transportLanguage },
          source: target.source,
          articleHash: target.articleHash,
          settingsHash: options.settingsHash,
          speech: remoteSpeech(options.speech),
          bitrateKbps: options.render.bitrateKbps ?? DEFAULT_BITRATE_KBPS,
        },
        { signal },
      );
      const { cache: _cache, ...rendered } = episode;
      const item = await recordEpisode(rendered, target, {
        folder: folder.folder,
        settingsHash: options.settingsHash,
        now: options.now ?? (() => new Date()),
      });
      await folder.afterEpisode();
      await queue.finish(job.id, { slug, title: item.title });
      log(`made ${name}: ${slug}.mp3 on a worker (${formatClock(rendered.durationMs)}, ${rendered.chapters.length} chapters)`);
      return;
    }
    const { item, briefing } = await renderEpisode(article, target, {
      outDir: folder.outDir,
      folder: folder.folder,
      engine: options.engine,
      ...(options.chooseEngine ? { chooseEngine: options.chooseEngine } : {}),
      engineJobs: options.render.jobs ?? os.availableParallelism(),
      speech: options.speech,
      render: options.render,
      settingsHash: options.settingsHash,
      now: options.now ?? (() => new Date()),
      signal,
      reporter: { stage() {}, segments() {}, warn },
    });
    await folder.afterEpisode();
    await queue.finish(job.id, { slug, title: item.title });
    const chapters = briefing.chapters.length;
    log(`made ${name}: ${slug}.mp3 (${formatClock(briefing.durationMs)}, ${chapters} chapter${chapters === 1 ? '' : 's'})`);
  } catch (error) {
    if (signal.aborted) {
      await queue.release(job.id).catch(() => {});
      return;
    }
    const { message } = describeFailure(error);
    await queue.fail(job.id, message);
    log(`failed ${name}: ${message}`);
  }
}
