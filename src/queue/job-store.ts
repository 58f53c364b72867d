// What the article API needs from the queue behind it. The server only accepts, deduplicates and reports;
// the store keeps the jobs (in the folder's state, so a restart loses nothing) and a worker briefs them.

/** An article sent to the server: a URL to fetch, or pasted text. */
export type ArticleRequest = { kind: 'url'; url: string } | { kind: 'text'; title?: string; text: string };

export type JobStatus = 'queued' | 'working' | 'done' | 'failed';

export interface JobView {
  id: string;
  status: JobStatus;
  /** What the job is about, for a list: the article's title once known, else its URL or pasted title. */
  label?: string;
  /** When it was accepted (ISO 8601). */
  createdAt?: string;
  /** Why it failed, in one line. */
  error?: string;
  /** The published episode, once done: its title and file name in the folder. */
  episode?: { title: string; file: string };
}

export interface JobStore {
  /**
   * Accepts a request. Resolves only once the job is stored durably (the 202 promises that a crash loses
   * nothing). A URL already queued or published answers its existing id with `created: false`. Throws
   * QueueFullError when the queue is at its cap.
   */
  submit(request: ArticleRequest): Promise<{ id: string; created: boolean }>;
  get(id: string): Promise<JobView | undefined>;
  /** Every job kept, oldest first: what the page lists. */
  list(): Promise<JobView[]>;
}

export class QueueFullError extends Error {
  constructor(limit: number) {
    super(`The queue is full (${limit} articles waiting). Try again when some are done.`);
    this.name = 'QueueFullError';
  }
}
