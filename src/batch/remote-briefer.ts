// The port through which a batch (or `briefcast serve`) hands its articles to workers elsewhere instead of
// briefing them in this process: `briefcast batch --queue redis://…` passes one in (src/worker/ implements it on
// BullMQ). The enqueuing process stays the folder's one writer of state.json, feed.xml and index.html; a worker
// writes only the episode's MP3 and sidecars, into the folder the job names, and answers with a RenderedEpisode.
import type { InputText } from '../read/read-input.js';
import type { RenderedEpisode } from './apply-batch-plan.js';
import type { BatchSpeechOptions } from './batch-types.js';

/** One episode to brief: everything a worker needs, as plain data (it travels through Redis as JSON). */
export interface EpisodeJob {
  /** The output folder: the same path on every worker (a shared or network mount). */
  outDir: string;
  slug: string;
  /** The article, already read by the enqueuer: workers need no access to the articles, only to the folder. */
  text: Pick<InputText, 'content' | 'format' | 'source' | 'transportLanguage'>;
  /** What the state records as the episode's source: an absolute path, a URL or 'pasted text'. */
  source: string;
  articleHash: string;
  /** The fingerprint the enqueuer records the episode with (fingerprint.ts). */
  settingsHash: string;
  /**
   * Every setting that changes the audio, as the user gave them (--engine, voices, --lang, rate, pauses, lexicon):
   * a worker chooses the engine and voices for each article's language as a local batch does, so every machine
   * must have the same engines.
   */
  speech: Omit<BatchSpeechOptions, 'from'>;
  bitrateKbps: number;
}

/** What a worker answers: the episode's files as written, and how many clips it synthesized. */
export interface RemoteEpisode extends RenderedEpisode {
  cache?: { hits: number; misses: number };
}

export interface RemoteBriefer {
  /**
   * Hands the episode to the workers and resolves once its files are in the folder; rejects with the worker's
   * one-line reason (a BriefcastError with its exit code) once the job has failed for good.
   */
  brief(job: EpisodeJob, options: { signal?: AbortSignal }): Promise<RemoteEpisode>;
}
