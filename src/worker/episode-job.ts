// The job record on the queue: one episode to brief (batch/remote-briefer.ts's EpisodeJob, as JSON), its id,
// and how BullMQ retries it. Shared by the enqueuer (redis-briefer.ts) and the worker (queue-worker.ts), so the
// two cannot disagree on the record.
import path from 'node:path';
import type { EpisodeJob } from '../batch/remote-briefer.js';
import { hashText } from '../batch/fingerprint.js';
import { ENGINES } from '../speech/engine.js';
import { INPUT_FORMATS } from '../types.js';

/** The BullMQ queue every enqueuer and worker on one Redis shares. */
export const EPISODE_QUEUE = 'briefcast-episodes';
export const EPISODE_JOB_NAME = 'brief';
/** Bumped when the record changes shape; a worker refuses a job of another version at once, saying so. */
export const EPISODE_JOB_VERSION = 1;

/** A job that fails is tried this often in all before it fails for good (an engine that crashed, a mount that hiccuped). */
export const EPISODE_JOB_ATTEMPTS = 3;
/** The first retry waits this long, each later one twice as long. */
export const EPISODE_RETRY_DELAY_MS = 5_000;
/** A job finished but not yet collected by its enqueuer (which then removes it) is dropped after a week. */
export const EPISODE_JOB_KEEP_S = 7 * 24 * 3600;

export type EpisodeJobData = EpisodeJob & { version: typeof EPISODE_JOB_VERSION };

/** What a worker writes into a job's progress: how far the synthesis is, or why the last attempt failed. */
export type EpisodeProgress = { done: number; total: number } | { failure: { message: string; exitCode?: number } };

/**
 * The job's id: the same article, briefed with the same settings into the same episode of the same folder, is
 * the same job, so a resubmission (a rerun, a second enqueuer) joins the job already there. BullMQ ids may not
 * contain ':' and must not look like integers.
 */
export function episodeJobId(job: Pick<EpisodeJob, 'outDir' | 'slug' | 'articleHash' | 'settingsHash'>): string {
  return `episode-${hashText(job.outDir, job.slug, job.articleHash, job.settingsHash).slice(0, 40)}`;
}

export function toJobData(job: EpisodeJob): EpisodeJobData {
  return { version: EPISODE_JOB_VERSION, ...job };
}

/** The job's data checked before anything is done with it; undefined-free. A string says what is wrong. */
export function checkJobData(data: unknown): EpisodeJobData | string {
  if (typeof data !== 'object' || data === null) return 'the job holds no episode record';
  const job = data as Partial<EpisodeJobData>;
  if (job.version !== EPISODE_JOB_VERSION)
    return `the job's record is version ${String(job.version)}, this worker reads version ${EPISODE_JOB_VERSION}: run the same briefcast version everywhere`;
  if (typeof job.outDir !== 'string' || !path.isAbsolute(job.outDir)) return 'the job names no absolute output folder';
  if (typeof job.slug !== 'string' || !/^[^/\\\0]+$/.test(job.slug) || job.slug.startsWith('.'))
    return `the job's episode name ${JSON.stringify(job.slug)} is not a plain file name`;
  const text = job.text;
  if (!text || typeof text.content !== 'string' || typeof text.source !== 'string' || !(INPUT_FORMATS as readonly string[]).includes(text.format))
    return "the job's article is missing or has an unknown format";
  const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
  if (typeof job.source !== 'string' || typeof job.articleHash !== 'string' || typeof job.settingsHash !== 'string')
    return 'the job lacks its source or fingerprints';
  const speech = job.speech;
  if (
    !speech ||
    !(speech.engine === undefined || speech.engine === 'auto' || (ENGINES as readonly string[]).includes(speech.engine)) ||
    ![speech.narrator, speech.host, speech.language].every(optionalString)
  )
    return "the job's engine, voices or language are not ones briefcast knows";
  if (typeof job.bitrateKbps !== 'number') return "the job's bitrate is missing";
  return job as EpisodeJobData;
}
