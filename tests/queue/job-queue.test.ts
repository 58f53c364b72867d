// The persistent queue against a real folder: a job is on disk before submit resolves (and refused when it
// cannot be written), the same article is one job, a restart queues again what was being briefed, the cap, the
// worker's take/finish/fail/release, and a job that keeps stopping the server is failed rather than retried forever.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobIdOf, JobQueue, JOBS_FILE, MAX_ATTEMPTS, normalizeArticleUrl, type StoredJob } from '../../src/queue/job-queue.js';
import { QueueFullError } from '../../src/queue/job-store.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-queue-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function onDisk(): Promise<StoredJob[]> {
  return (JSON.parse(await readFile(path.join(dir, JOBS_FILE), 'utf8')) as { jobs: StoredJob[] }).jobs;
}

const open = async (maxQueued?: number) => (await JobQueue.open(dir, { maxQueued })).queue;

describe('JobQueue', () => {
  it('has the job on disk when submit resolves, and keeps nothing when the write fails', async () => {
    const queue = await open();
    const { id, created } = await queue.submit({ kind: 'url', url: 'https://news.example.com/a' });
    expect(created).toBe(true);
    expect((await onDisk()).map((job) => [job.id, job.status, job.request])).toEqual([[id, 'queued', { kind: 'url', url: 'https://news.example.com/a' }]]);

    // A folder where the file must go: the rename fails, as on a full or read-only disk.
    await rm(path.join(dir, JOBS_FILE));
    await mkdir(path.join(dir, JOBS_FILE));
    await expect(queue.submit({ kind: 'url', url: 'https://news.example.com/b' })).rejects.toThrow();
    expect((await queue.list()).map((job) => job.id)).toEqual([id]);
  });

  it('is one job per article: the same URL without its fragment or tracking parameters answers the same id', async () => {
    const queue = await open();
    const first = await queue.submit({ kind: 'url', url: 'https://news.example.com/story?id=7' });
    expect(await queue.submit({ kind: 'url', url: 'https://NEWS.example.com/story?id=7&utm_source=x#comments' })).toEqual({ id: first.id, created: false });
    expect((await queue.submit({ kind: 'url', url: 'https://news.example.com/story?id=8' })).created).toBe(true);
    expect(normalizeArticleUrl('https://a.example/p?utm_medium=m&fbclid=1')).toBe('https://a.example/p');
    const text = await queue.submit({ kind: 'text', title: 'Note', text: 'Body.' });
    expect(await queue.submit({ kind: 'text', title: 'Note', text: 'Body.' })).toEqual({ id: text.id, created: false });
    expect(text.id).toBe(jobIdOf({ kind: 'text', title: 'Note', text: 'Body.' }));
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // A followed entry linking to an article sent through the API is that same article.
    expect(
      jobIdOf({ kind: 'entry', feed: 'https://news.example.com/feed', title: 'Story', link: 'https://news.example.com/story?id=7', html: '<p>x</p>' }),
    ).toBe(first.id);
  });

  it('answers 503-worthy QueueFullError at the cap; finished jobs do not count', async () => {
    const queue = await open(2);
    const a = await queue.submit({ kind: 'url', url: 'https://e.example/a' });
    await queue.submit({ kind: 'url', url: 'https://e.example/b' });
    await expect(queue.submit({ kind: 'url', url: 'https://e.example/c' })).rejects.toBeInstanceOf(QueueFullError);
    const job = await queue.take(new AbortController().signal);
    expect(job?.id).toBe(a.id);
    await queue.finish(a.id, { slug: 'a-1', title: 'A' });
    expect((await queue.submit({ kind: 'url', url: 'https://e.example/c' })).created).toBe(true);
  });

  it('queues again, after a restart, the job that was being briefed; finished ones stay finished', async () => {
    const queue = await open();
    const a = await queue.submit({ kind: 'url', url: 'https://e.example/a' });
    const b = await queue.submit({ kind: 'text', text: 'Pasted words.' });
    const taken = await queue.take(new AbortController().signal);
    expect(taken).toMatchObject({ id: a.id, status: 'working', attempts: 1 });
    await queue.setEpisode(a.id, { slug: 'story-abc123', title: 'Story' });
    expect((await onDisk()).find((job) => job.id === a.id)).toMatchObject({ status: 'working', episode: { slug: 'story-abc123' } });

    const reopened = await open();
    expect(reopened.find(a.id)).toMatchObject({ status: 'queued', attempts: 1, episode: { slug: 'story-abc123', title: 'Story' } });
    expect((await onDisk()).map((job) => job.status)).toEqual(['queued', 'queued']);
    const again = await reopened.take(new AbortController().signal);
    expect(again?.id).toBe(a.id);
    await reopened.finish(a.id, { slug: 'story-abc123', title: 'Story' });
    await reopened.take(new AbortController().signal);
    await reopened.finish(b.id, { slug: 'pasted-words-x1y2z3', title: 'Pasted words' });
    expect(await reopened.get(b.id)).toMatchObject({ status: 'done', episode: { title: 'Pasted words', file: 'pasted-words-x1y2z3.mp3' } });
    // The episode holds the text now.
    expect((await onDisk()).find((job) => job.id === b.id)?.request).toEqual({ kind: 'text', text: '' });
    expect((await (await open()).list()).map((job) => job.status)).toEqual(['done', 'done']);
  });

  it('hands out jobs oldest first, waits for one, and stops waiting when aborted', async () => {
    const queue = await open();
    const controller = new AbortController();
    const waiting = queue.take(controller.signal);
    const { id } = await queue.submit({ kind: 'url', url: 'https://e.example/later' });
    expect((await waiting)?.id).toBe(id);
    const idle = queue.take(controller.signal);
    controller.abort();
    expect(await idle).toBeUndefined();
  });

  it('fails with a reason, retries a failed article sent again, and puts a job stopped by shutdown back', async () => {
    const queue = await open();
    const signal = new AbortController().signal;
    const a = await queue.submit({ kind: 'url', url: 'https://e.example/a' });
    const b = await queue.submit({ kind: 'url', url: 'https://e.example/b' });
    await queue.take(signal);
    await queue.fail(a.id, 'Fetching https://e.example/a failed: HTTP 404.');
    expect(await queue.get(a.id)).toMatchObject({ status: 'failed', error: 'Fetching https://e.example/a failed: HTTP 404.', label: 'https://e.example/a' });
    expect(await queue.submit({ kind: 'url', url: 'https://e.example/a' })).toEqual({ id: a.id, created: true });
    expect((await queue.list()).map((job) => [job.id, job.status])).toEqual([
      [b.id, 'queued'],
      [a.id, 'queued'],
    ]);
    const taken = await queue.take(signal);
    expect(taken?.id).toBe(b.id);
    await queue.release(b.id);
    expect(queue.find(b.id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('fails a job that stopped the server every time it was taken, instead of looping on it', async () => {
    const { id } = await (await open()).submit({ kind: 'url', url: 'https://e.example/crashes' });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const queue = await open();
      expect((await queue.take(new AbortController().signal))?.attempts).toBe(attempt);
    }
    const queue = await open();
    const controller = new AbortController();
    const next = queue.take(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await next).toBeUndefined();
    expect(await queue.get(id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped 3 times while briefing this article/) });
  });

  it('forgets the jobs of removed episodes, so their articles may be sent again', async () => {
    const queue = await open();
    const { id } = await queue.submit({ kind: 'url', url: 'https://e.example/a' });
    await queue.take(new AbortController().signal);
    await queue.finish(id, { slug: 'a-111111', title: 'A' });
    await queue.forgetEpisodes(['a-111111']);
    expect(await queue.get(id)).toBeUndefined();
    expect(await queue.submit({ kind: 'url', url: 'https://e.example/a' })).toEqual({ id, created: true });
  });

  it('moves an unreadable jobs file aside and starts empty, saying so', async () => {
    await writeFile(path.join(dir, JOBS_FILE), '{"version": 99}');
    const { queue, warnings } = await JobQueue.open(dir);
    expect(await queue.list()).toEqual([]);
    expect(warnings).toEqual([
      `${path.join(dir, JOBS_FILE)} is not a job list this version understands; it was moved to ${path.join(dir, JOBS_FILE)}.unreadable and the queue starts empty.`,
    ]);
    expect(await readFile(path.join(dir, `${JOBS_FILE}.unreadable`), 'utf8')).toBe('{"version": 99}');
  });
});
