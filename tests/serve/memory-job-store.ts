// A JobStore held in memory, for the server's tests (a restart forgets it).
// It shows the contract a persistent store keeps: one job per URL, ids that are safe in a URL, a queue cap.
import { randomBytes } from 'node:crypto';
import { QueueFullError, type ArticleRequest, type JobStore, type JobView } from '../../src/queue/job-store.js';

export interface MemoryJobStore extends JobStore {
  /** Every job, oldest first, with its request: what a worker would take. */
  all(): Array<JobView & { request: ArticleRequest }>;
  /** Sets a job's status, as a worker would. */
  update(id: string, change: Partial<Omit<JobView, 'id'>>): void;
}

export function createMemoryJobStore(options: { maxQueued?: number } = {}): MemoryJobStore {
  const jobs = new Map<string, JobView & { request: ArticleRequest }>();
  const byUrl = new Map<string, string>();
  const maxQueued = options.maxQueued ?? 100;
  return {
    async submit(request) {
      if (request.kind === 'url') {
        const existing = byUrl.get(request.url);
        if (existing !== undefined) return { id: existing, created: false };
      }
      const waiting = [...jobs.values()].filter((job) => job.status === 'queued' || job.status === 'working').length;
      if (waiting >= maxQueued) throw new QueueFullError(maxQueued);
      const id = randomBytes(6).toString('base64url');
      jobs.set(id, { id, status: 'queued', request });
      if (request.kind === 'url') byUrl.set(request.url, id);
      return { id, created: true };
    },
    async get(id) {
      const job = jobs.get(id);
      if (!job) return undefined;
      const { request: _request, ...view } = job;
      return view;
    },
    async list() {
      return [...jobs.values()].map(({ request: _request, ...view }) => view);
    },
    all: () => [...jobs.values()],
    update(id, change) {
      const job = jobs.get(id);
      if (job) jobs.set(id, { ...job, ...change });
    },
  };
}
