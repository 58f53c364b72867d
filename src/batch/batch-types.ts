// The records of a batch run: what it is asked (BatchOptions) and what it reports (BatchReport).
import type { RenderSettings, SpeechRequest } from '../pipeline.js';
import type { Resolver } from '../read/safe-fetch.js';
import type { InputFormat } from '../types.js';
import type { FeedSettings } from './batch-state.js';
import type { PublishedFolder } from './publish-folder.js';
import type { RemoteBriefer } from './remote-briefer.js';
import type { ItemStatus, SummaryRow } from './summary-table.js';

/** How every article of the batch (and its digest) is read and spoken; all of it is part of the settings fingerprint. */
export interface BatchSpeechOptions extends SpeechRequest {
  from?: InputFormat;
}

export interface BatchReporter {
  /** An article is being briefed (not called for one that is up to date). */
  started?(input: string): void;
  finished?(result: BatchItemResult): void;
  warn?(message: string): void;
}

/** `jobs` (RenderSettings) is the engine runs at once within each briefing; default: the cores shared among the articles in flight. */
export interface BatchOptions extends RenderSettings {
  /** Files, folders (their files, one level deep), globs, and the http(s) URLs of feeds to follow (follow-feeds.ts). */
  inputs: readonly string[];
  /** How the feeds among the inputs are read. */
  follow?: {
    /** How many entries a newly followed feed's first pass briefs; default DEFAULT_FIRST_POLL_TAKE. */
    firstPollTake?: number;
    /** Fetch from private, loopback and link-local addresses too (--allow-private). */
    allowPrivate?: boolean;
    /** Where host names are resolved; tests inject one. */
    resolve?: Resolver;
  };
  outDir: string;
  speech?: BatchSpeechOptions;
  /** Articles briefed at once; default DEFAULT_ARTICLE_JOBS. */
  articleJobs?: number;
  /** Brief every article even when it is up to date. */
  force?: boolean;
  /** Feed settings; given ones are remembered in the folder's state for later runs. */
  feed?: FeedSettings;
  /** Also write one briefing of all the articles here. */
  digest?: string;
  /** Only these of the found files (watch mode leaves out files still being written). */
  only?: (file: string) => boolean;
  /** A glob or path matching nothing is not a failure (watch mode: articles may come later). */
  allowMissing?: boolean;
  cwd?: string;
  /** Workers elsewhere brief the articles (batch --queue); this run publishes what they wrote. */
  remote?: RemoteBriefer;
  signal?: AbortSignal;
  reporter?: BatchReporter;
  now?: () => Date;
}

export interface BatchItemResult extends SummaryRow {
  /** Absolute path of the article ('' for an input that named nothing). */
  source: string;
  slug?: string;
  /** The MP3, when there is one. */
  file?: string;
  exitCode?: number;
}

export interface DigestResult {
  file: string;
  status: ItemStatus;
  durationMs?: number;
  chapters?: number;
  cache?: { hits: number; misses: number; corrupt: number };
  error?: string;
}

export interface BatchReport {
  outDir: string;
  items: BatchItemResult[];
  published?: PublishedFolder;
  digest?: DigestResult;
  /** Articles (and the digest) that failed. */
  failed: number;
}
