// The served folder's article queue, kept in <dir>/.briefcast/jobs.json. Every change is written whole (through
// write-atomic) before the call that made it resolves, so the API's 202 goes out only once the job is on disk:
// a crash or a restart loses nothing. A job's id is a hash of what it asks for (the normalized URL, or the
// pasted text), so the same article sent twice is one job, and a job that was being briefed when the server
// stopped is queued again when it starts.
import { createHash } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../write-atomic.js';
import { QueueFullError, type ArticleRequest, type JobStatus, type JobStore, type JobView } from './job-store.js';

export const JOBS_FILE = 'jobs.json';
const JOBS_VERSION = 1;
/** Articles waiting or being briefed before the API answers 503. */
export const DEFAULT_MAX_QUEUED = 100;
/** A job taken this many times without finishing (the server was killed each time) is failed, not retried forever. */
export const MAX_ATTEMPTS = 3;
/** Failed jobs kept for the page to show; older ones are forgotten. */
export const MAX_FAILED_KEPT = 100;

/** An entry of a followed feed that carries its full text, briefed from that text. */
export interface EntryRequest {
  kind: 'entry';
  /** The feed it came from. */
  feed: string;
  title: string;
  link?: string;
  guid?: string;
  /** The entry's content, as HTML. */
  html: string;
  published?: string;
}

export type JobRequest = ArticleRequest | EntryRequest;

export interface StoredJob {
  id: string;
  request: JobRequest;
  status: JobStatus;
  createdAt: string;
  updatedAt: string;
  /** Times a worker took it. */
  attempts: number;
  error?: string;
  /** The episode's file name (without .mp3), chosen before it is rendered, and its title. */
  episode?: { slug: string; title: string };
}

interface JobsFile {
  version: typeof JOBS_VERSION;
  jobs: StoredJob[];
}

export interface QueueOptions {
  maxQueued?: number;
  now?: () => Date;
}

// Parameters that only say where a click came from; the same article shared twice carries different ones.
const TRACKING_PARAMETER = /^(?:utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src)$/i;

/** The form of an article URL that two submissions of the same article share: no fragment, no tracking parameters. */
export function normalizeArticleUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) parsed.searchParams.delete(name);
  // searchParams re-serializes the query; leave an untouched one as it was.
  if (parsed.search === '?') parsed.search = '';
  return parsed.href;
}

/** What makes two requests the same article. */
export function requestKey(request: JobRequest): string {
  switch (request.kind) {
    case 'url':
      return `url:${normalizeArticleUrl(request.url)}`;
    case 'entry':
      return request.link !== undefined
        ? `url:${normalizeArticleUrl(request.link)}`
        : `entry:${request.feed}\n${request.guid ?? ''}\n${request.title}\n${request.html}`;
    case 'text':
      return `text:${request.title ?? ''}\n${request.text}`;
  }
}

/** The job id of a request: 16 URL-safe characters of a hash of its key (96 bits: no two articles share one). */
export function jobIdOf(request: JobRequest): string {
  return createHash('sha256').update(requestKey(request)).digest('base64url').slice(0, 16);
}

/** What a list shows for a job: the episode's title once there is one, else what was sent. */
function labelOf(job: StoredJob): string {
  if (job.episode) return job.episode.title;
  const { request } = job;
  if (request.kind === 'url') return request.url;
  if (request.kind === 'entry') return request.title;
  return request.title ?? `${request.text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 10).join(' ')}…`;
}

export function describeJob(job: StoredJob): JobView {
  const view: JobView = { id: job.id, status: job.status, label: labelOf(job), createdAt: job.createdAt };
  if (job.error !== undefined) view.error = job.error;
  if (job.status === 'done' && job.episode) view.episode = { title: job.episode.title, file: `${job.episode.slug}.mp3` };
  return view;
}

function isJobsFile(value: unknown): value is JobsFile {
  const file = value as JobsFile;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.version === JOBS_VERSION &&
    Array.isArray(file.jobs) &&
    file.jobs.every((job) => typeof job?.id === 'string' && typeof job.status === 'string' && typeof job.request === 'object')
  );
}

export class JobQueue implements JobStore {
  private readonly jobs = new Map<string, StoredJob>();
  private saving: Promise<void> = Promise.resolve();
  /** Every taker waiting for work (serve --queue takes several jobs at once). */
  private readonly wakers = new Set<() => void>();
  private readonly maxQueued: number;
  private readonly now: () => Date;

  private constructor(
    private readonly file: string,
    options: QueueOptions,
  ) {
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Opens the queue of `stateDir` (the folder's .briefcast/). Jobs a stopped server was briefing are queued
   * again. A file this version cannot read is moved aside (named in the warnings) and the queue starts empty.
   */
  static async open(stateDir: string, options: QueueOptions = {}): Promise<{ queue: JobQueue; warnings: string[] }> {
    const queue = new JobQueue(path.join(stateDir, JOBS_FILE), options);
    const warnings: string[] = [];
    let text: string | undefined;
    try {
      text = await readFile(queue.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (isJobsFile(parsed)) {
        for (const job of parsed.jobs) queue.jobs.set(job.id, job.status === 'working' ? { ...job, status: 'queued' } : job);
        if (parsed.jobs.some((job) => job.status === 'working')) await queue.save();
      } else {
        const aside = `${queue.file}.unreadable`;
        await rename(queue.file, aside);
        warnings.push(`${queue.file} is not a job list this version understands; it was moved to ${aside} and the queue starts empty.`);
      }
    }
    return { queue, warnings };
  }

  /** The API's submit: a URL or pasted text. */
  submit(request: ArticleRequest): Promise<{ id: string; created: boolean }> {
    return this.enqueue(request);
  }

  /**
   * Adds a job and resolves once it is on disk. The same article again answers its id with created: false,
   * unless it failed: then it is queued again (sending it again is how a user retries).
   */
  async enqueue(request: JobRequest): Promise<{ id: string; created: boolean }> {
    const id = jobIdOf(request);
    const existing = this.jobs.get(id);
    if (existing && existing.status !== 'failed') return { id, created: false };
    if (this.waiting() >= this.maxQueued) throw new QueueFullError(this.maxQueued);
    const at = this.now().toISOString();
    const job: StoredJob = { id, request, status: 'queued', createdAt: at, updatedAt: at, attempts: 0 };
    // A retried job goes to the back of the queue.
    this.jobs.delete(id);
    this.jobs.set(id, job);
    try {
      await this.save();
    } catch (error) {
      // Not on disk, so not accepted: the client is told so and nothing is briefed behind its back.
      this.jobs.delete(id);
      if (existing) this.jobs.set(id, existing);
      throw error;
    }
    for (const wake of [...this.wakers]) wake();
    return { id, created: true };
  }

  async get(id: string): Promise<JobView | undefined> {
    const job = this.jobs.get(id);
    return job && describeJob(job);
  }

  async list(): Promise<JobView[]> {
    return [...this.jobs.values()].map(describeJob);
  }

  /** The stored job, as the worker sees it. */
  find(id: string): StoredJob | undefined {
    return this.jobs.get(id);
  }

  /** Jobs queued or being briefed. */
  waiting(): number {
    return [...this.jobs.values()].filter((job) => job.status === 'queued' || job.status === 'working').length;
  }

  /**
   * The oldest queued job, marked working (on disk) before it is handed out; waits for one to arrive.
   * Undefined once `signal` aborts. A job that was taken MAX_ATTEMPTS times already fails instead.
   */
  async take(signal: AbortSignal): Promise<StoredJob | undefined> {
    for (;;) {
      if (signal.aborted) return undefined;
      const job = [...this.jobs.values()].find((candidate) => candidate.status === 'queued');
      if (!job) {
        await this.waitForWork(signal);
        continue;
      }
      if (job.attempts >= MAX_ATTEMPTS) {
        await this.fail(job.id, `The server stopped ${job.attempts} times while briefing this article, so it was left out. Send it again to retry.`);
        continue;
      }
      return this.change(job.id, { status: 'working', attempts: job.attempts + 1 });
    }
  }

  /** Remembers the episode a working job is about to render, so that a restart finds it instead of making another. */
  setEpisode(id: string, episode: { slug: string; title: string }): Promise<StoredJob> {
    return this.change(id, { episode });
  }

  /** The job's episode is published. Pasted text is dropped: the episode holds it now. */
  async finish(id: string, episode: { slug: string; title: string }): Promise<StoredJob> {
    const job = this.jobs.get(id);
    const request = job?.request.kind === 'text' ? { ...job.request, text: '' } : job?.request;
    return this.change(id, { status: 'done', episode, error: undefined, ...(request ? { request } : {}) });
  }

  /** The job failed with a one-line reason; the oldest failures beyond MAX_FAILED_KEPT are forgotten. */
  async fail(id: string, error: string): Promise<StoredJob> {
    const failed = [...this.jobs.values()].filter((job) => job.status === 'failed' && job.id !== id);
    for (const old of failed.slice(0, Math.max(0, failed.length - MAX_FAILED_KEPT + 1))) this.jobs.delete(old.id);
    return this.change(id, { status: 'failed', error });
  }

  /** A job stopped by the server's own shutdown goes back to the queue; that stop does not count as an attempt. */
  release(id: string): Promise<StoredJob> {
    const job = this.jobs.get(id);
    return this.change(id, { status: 'queued', attempts: Math.max(0, (job?.attempts ?? 1) - 1) });
  }

  /** Forgets the jobs whose episodes were removed, so that their articles may be sent again. */
  async forgetEpisodes(slugs: readonly string[]): Promise<void> {
    const gone = new Set(slugs);
    const forgotten = [...this.jobs.values()].filter((job) => job.status === 'done' && job.episode && gone.has(job.episode.slug));
    if (forgotten.length === 0) return;
    for (const job of forgotten) this.jobs.delete(job.id);
    await this.save();
  }

  /** Waits for the writes queued so far. */
  settled(): Promise<void> {
    return this.saving.catch(() => {});
  }

  private async change(id: string, change: Partial<Omit<StoredJob, 'id'>>): Promise<StoredJob> {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`No job ${id} in the queue. This is a bug in briefcast serve.`);
    const next: StoredJob = { ...job, ...change, updatedAt: this.now().toISOString() };
    if (next.error === undefined) delete next.error;
    this.jobs.set(id, next);
    await this.save();
    return next;
  }

  /** Writes the jobs as they are now, after the writes before it. */
  private save(): Promise<void> {
    const content = `${JSON.stringify({ version: JOBS_VERSION, jobs: [...this.jobs.values()] } satisfies JobsFile)}\n`;
    const write = this.saving.catch(() => {}).then(() => writeFileAtomic(this.file, content));
    this.saving = write;
    return write;
  }

  private waitForWork(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.wakers.delete(done);
        resolve();
      };
      this.wakers.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
