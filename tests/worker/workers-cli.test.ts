// Briefing on workers through Redis, end to end: a real redis-server on loopback, two `briefcast worker`
// processes (dist/cli.js), `briefcast batch --queue` enqueuing and publishing, real flite and ffmpeg, the MP3s
// read back with ffprobe and ffmpeg's ebur128. Checked: both workers take part in one batch; a worker killed
// with kill -9 mid-job has its job finished by the other and every episode is published once; a Redis that is
// not there fails in one line with nothing written; a Redis restarted (empty) mid-batch costs a pause, not the batch.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPISODE_QUEUE, type EpisodeJobData } from '../../src/worker/episode-job.js';
import {
  createSandbox,
  expectNoTemporaries,
  expectOneLineError,
  pathWithFakeEngines,
  runCli,
  startCli,
  type CliResult,
  type Sandbox,
} from '../cli/cli-harness.js';
import { measureFileLoudness, probeFile, probePacketSizes } from '../helpers/media-tools.js';
import { freePort, startRedis, type RedisServer } from '../helpers/redis.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { checkFeed } from '../publish/feed-check.js';
import { postArticle, startServe, waitForJob } from '../serve/serve-process.js';

/** Short enough that locks lapse quickly in the kill -9 test (BullMQ's default is 30 s). */
const LOCK_MS = 4_000;
const TOPICS = ['Harbour', 'Orchard', 'Railway', 'Library', 'Market'];

/** Five short articles, distinct per batch so no clip comes from another batch's cache. */
async function writeArticles(dir: string, batch: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    TOPICS.map(async (topic, index) => {
      const file = path.join(dir, `${topic.toLowerCase()}.md`);
      const text = `# The ${topic} in ${batch}\n\nThe ${topic.toLowerCase()} opened again on day ${index + 2} of the ${batch} season. Visitors came early.\n\n## Plans\n\nThe council will meet in ${batch} to agree the budget. Work starts next month.\n`;
      await writeFile(file, text);
      return file;
    }),
  );
}

interface RunningWorker {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  finished: Promise<CliResult>;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startWorker(sandbox: Sandbox, url: string, env: NodeJS.ProcessEnv = {}): Promise<RunningWorker> {
  const { child, finished } = startCli(['worker', '--queue', url, '--engine-jobs', '1'], sandbox, {
    env: { BRIEFCAST_WORKER_LOCK_MS: String(LOCK_MS), ...env },
    timeoutMs: 600_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const worker = { child, stdout: () => stdout, stderr: () => stderr, finished };
  await waitFor('the worker to listen', () => stderr.includes('waiting for jobs') || child.exitCode !== null);
  expect(child.exitCode, stderr).toBeNull();
  return worker;
}

/** The worker's "made …" lines for episodes in `outDir`. */
function madeIn(worker: RunningWorker, outDir: string): string[] {
  return worker
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith(`made ${outDir}${path.sep}`));
}

interface StateFile {
  items: { slug: string; source: string; chapters: unknown[] }[];
}

/** Every article published once: one state entry, one feed item, one MP3 each. */
async function expectPublishedOnce(outDir: string, articles: readonly string[]): Promise<StateFile> {
  const state = JSON.parse(await readFile(path.join(outDir, '.briefcast', 'state.json'), 'utf8')) as StateFile;
  expect(state.items.map((item) => item.source).sort()).toEqual([...articles].sort());
  const feed = await readFile(path.join(outDir, 'feed.xml'), 'utf8');
  expect(checkFeed(feed, { absoluteUrls: false })).toEqual([]);
  for (const item of state.items) expect(feed.split(`${item.slug}.mp3"`).length - 1, `${item.slug} in the feed`).toBe(1);
  expect(feed.split('<item>').length - 1).toBe(articles.length);
  return state;
}

const batchArgs = (inDir: string, outDir: string, url: string) => ['batch', inDir, '-o', outDir, '--engine', 'flite', '--queue', url];

describeWithBinaries(
  'redis-server',
  'flite',
  'ffmpeg',
  'ffprobe',
)('briefcast worker and batch --queue on a real Redis', () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  const workers: RunningWorker[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    sandbox = await createSandbox('briefcast-workers-');
    // Each is kept as soon as it runs, so that afterAll stops it even if the second fails to start.
    workers.push(await startWorker(sandbox, redis.url));
    workers.push(await startWorker(sandbox, redis.url));
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGINT');
    await Promise.all(workers.map((worker) => worker.finished));
    await redis?.stop();
    await sandbox?.remove();
  });

  it('two workers share a queued batch of five articles; the batch publishes all five and makes their digest', async () => {
    const articles = await writeArticles(sandbox.path('one', 'in'), 'April');
    const outDir = sandbox.path('one', 'out');
    const digest = path.join(outDir, 'digest.mp3');
    const result = await runCli([...batchArgs(sandbox.path('one', 'in'), outDir, redis.url), '--digest', digest], sandbox, { timeoutMs: 170_000 });
    expect(result.exitCode, result.stderr).toBe(0);
    await expectPublishedOnce(outDir, articles);
    // The digest is made by the batch itself, from the texts it read: a rundown, then a chapter per article.
    expect((await probeFile(digest)).chapters).toHaveLength(6);
    const [first, second] = workers.map((worker) => madeIn(worker, outDir).length);
    expect(first, 'the first worker briefed some').toBeGreaterThan(0);
    expect(second, 'the second worker briefed some').toBeGreaterThan(0);
    expect(first! + second!).toBe(5);
  }, 180_000);

  it('a worker killed with kill -9 mid-job: the other finishes its job, every article is published once, every MP3 is whole', async () => {
    const articles = await writeArticles(sandbox.path('two', 'in'), 'May');
    const outDir = sandbox.path('two', 'out');
    const batch = startCli(batchArgs(sandbox.path('two', 'in'), outDir, redis.url), sandbox, { timeoutMs: 170_000 });
    const [victim, survivor] = workers as [RunningWorker, RunningWorker];

    // Kill the first worker while it holds one of this batch's jobs, as BullMQ records who holds a job.
    const queue = new Queue<EpisodeJobData>(EPISODE_QUEUE, { connection: { host: '127.0.0.1', port: redis.port } });
    let held: string | undefined;
    try {
      await waitFor('the first worker to take a job', async () => {
        const active = await queue.getJobs(['active']);
        held = active.find((job) => job.processedBy?.endsWith(`pid ${victim.child.pid}`) && job.data.outDir === outDir)?.data.source;
        return held !== undefined;
      });
    } finally {
      await queue.close();
    }
    victim.child.kill('SIGKILL');
    expect((await victim.finished).signal).toBe('SIGKILL');

    const result = await batch.finished;
    expect(result.exitCode, result.stderr).toBe(0);
    const state = await expectPublishedOnce(outDir, articles);
    expect(
      madeIn(survivor, outDir).some((line) => line.endsWith(` from ${held!}`)),
      `the survivor briefed ${held!}`,
    ).toBe(true);
    for (const item of state.items) {
      const mp3 = path.join(outDir, `${item.slug}.mp3`);
      const probe = await probeFile(mp3);
      expect(probe.chapters.length).toBe(item.chapters.length);
      expect(probe.chapters.length).toBeGreaterThan(1);
      // 64 kbps at 44.1 kHz: every frame is 208 bytes, or 209 where the encoder pads.
      expect(
        [...new Set(await probePacketSizes(mp3))].every((size) => size === 208 || size === 209),
        `${mp3} is CBR`,
      ).toBe(true);
      const { integrated, truePeak } = await measureFileLoudness(mp3);
      expect(Math.abs(integrated + 16), `${mp3} at ${integrated} LUFS`).toBeLessThanOrEqual(1);
      expect(truePeak).toBeLessThanOrEqual(-1);
    }
    // The killed worker's temporary file is swept when the job is briefed again into the same folder.
    await expectNoTemporaries(sandbox, outDir);
    workers[0] = await startWorker(sandbox, redis.url);
  }, 180_000);

  it('a batch pointed at a Redis that is not there fails in one line, within seconds, with nothing written', async () => {
    const articles = sandbox.path('three', 'in');
    await writeArticles(articles, 'June');
    const outDir = sandbox.path('three', 'out');
    const port = await freePort();
    const result = await runCli(batchArgs(articles, outDir, `redis://127.0.0.1:${port}`), sandbox, { timeoutMs: 30_000 });
    expectOneLineError(
      result,
      69,
      `Cannot reach the Redis queue at redis://127.0.0.1:${port} (ECONNREFUSED). Start Redis there, or give the right address with --queue redis://host:port.`,
    );
    expect(existsSync(outDir)).toBe(false);
  }, 60_000);

  it('Redis restarting (empty) mid-batch: the workers and the batch reconnect and the batch completes', async () => {
    const articles = await writeArticles(sandbox.path('four', 'in'), 'July');
    const outDir = sandbox.path('four', 'out');
    const batch = startCli(batchArgs(sandbox.path('four', 'in'), outDir, redis.url), sandbox, { timeoutMs: 170_000 });
    await waitFor('a first episode', () => workers.some((worker) => madeIn(worker, outDir).length > 0), 120_000);
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.restart();

    const result = await batch.finished;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/reconnected to the Redis queue/);
    await expectPublishedOnce(outDir, articles);
    for (const worker of workers) {
      expect(worker.child.exitCode, worker.stderr()).toBeNull();
      await waitFor('the worker to reconnect', () => worker.stderr().includes('reconnected to the Redis queue'), 30_000);
    }
  }, 180_000);

  it('serve --queue: an article pasted into the API is briefed by a worker and published by the server', async () => {
    const outDir = sandbox.path('served');
    const server = await startServe([outDir, '--port', '0', '--engine', 'flite', '--queue', redis.url], sandbox);
    const response = await postArticle(server.pageUrl, {
      title: 'Bridge Repainted',
      text: 'The old bridge was repainted in green over the winter. It opens again on Monday.',
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const job = await waitForJob(server.pageUrl, id, 120_000);
    expect(job.status, job.error).toBe('done');
    expect(
      workers.some((worker) => madeIn(worker, outDir).length === 1),
      'a worker made it',
    ).toBe(true);
    const feed = await (await fetch(server.feedUrl)).text();
    expect(feed.split('<item>').length - 1).toBe(1);
    expect(feed).toContain('<title>Bridge Repainted</title>');
    expect((await server.stop('SIGTERM')).code).toBe(143);
  }, 180_000);

  it('an engine that crashes is tried three times, with pauses between; an article with nothing to read fails at once; both say why', async () => {
    // A Redis and a worker of their own: the healthy workers above must not take these jobs. The stand-in flite
    // (tests/fixtures/path-engines) crashes on every text with FAKE_ENGINE_BROKEN=1: fault injection.
    const faultyRedis = await startRedis();
    const broken = await startWorker(sandbox, faultyRedis.url, { PATH: pathWithFakeEngines(), FAKE_ENGINE_BROKEN: '1' });
    try {
      const inDir = sandbox.path('faults', 'in');
      await mkdir(inDir, { recursive: true });
      const good = path.join(inDir, 'good.md');
      const empty = path.join(inDir, 'empty.md');
      await writeFile(good, '# Good news\n\nThe bakery opened a second shop.\n');
      await writeFile(empty, '# A title and nothing else\n');
      const outDir = sandbox.path('faults', 'out');
      const result = await runCli(batchArgs(inDir, outDir, faultyRedis.url), sandbox, { timeoutMs: 170_000 });
      expect(result.exitCode, result.stderr).toBe(7);
      const failures = broken
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('briefcast: failed '));
      const emptyFailures = failures.filter((line) => line.startsWith(`briefcast: failed ${empty}: `));
      expect(emptyFailures).toEqual([
        `briefcast: failed ${empty}: Nothing to read in ${empty}: the Markdown has no paragraphs of text. Give an article with some body text.`,
      ]);
      const goodFailures = failures.filter((line) => line.startsWith(`briefcast: failed ${good}: `));
      expect(goodFailures).toHaveLength(3);
      expect(goodFailures[0]).toMatch(/flite .*failed.*\(attempt 1 of 3; it will be tried again\)$/);
      expect(goodFailures[1]).toMatch(/\(attempt 2 of 3; it will be tried again\)$/);
      expect(goodFailures[2]).not.toMatch(/tried again/);
      // The batch's summary gives each article the worker's reason.
      expect(result.stdout).toContain('Nothing to read in');
      expect(result.stdout).toMatch(/good\.md\s+failed/);
      expect(existsSync(path.join(outDir, 'good.mp3'))).toBe(false);
    } finally {
      broken.child.kill('SIGINT');
      await broken.finished;
      await faultyRedis.stop();
    }
  }, 180_000);
});

describe('-j/--jobs with --queue', () => {
  // The workers brief the articles, so -j would do nothing: it is refused, before Redis is reached (nothing
  // listens on the port: reaching for it would exit 69) and before anything is written.
  it('is a usage error for batch and serve, naming the worker flag that sets it', async () => {
    const sandbox = await createSandbox('briefcast-queue-jobs-');
    try {
      const queue = `redis://127.0.0.1:${await freePort()}`;
      await writeFile(sandbox.path('a.md'), '# A\n\nThe bakery opened a second shop.\n');
      const outDir = sandbox.path('out');
      const batch = await runCli(['batch', sandbox.path('a.md'), '-o', outDir, '--queue', queue, '-j', '2'], sandbox, { timeoutMs: 30_000 });
      expectOneLineError(
        batch,
        2,
        '-j/--jobs has no effect with --queue: the workers brief the articles; set how many articles each briefs at once with `briefcast worker --concurrency <n>`. Leave -j out, or drop --queue to brief here.',
      );
      expect(existsSync(outDir)).toBe(false);
      const served = sandbox.path('served');
      const serve = await runCli(['serve', served, '--port', '0', '--queue', queue, '--jobs', '3'], sandbox, { timeoutMs: 30_000 });
      expectOneLineError(
        serve,
        2,
        "-j/--jobs has no effect with --queue: the workers brief the articles; set each one's engine runs at once with `briefcast worker --engine-jobs <n>`. Leave -j out, or drop --queue to brief here.",
      );
      expect(existsSync(served)).toBe(false);
      // The worker has both.
      const help = await runCli(['worker', '--help'], sandbox);
      expect(help.stdout).toMatch(/-c, --concurrency <n>/);
      expect(help.stdout).toMatch(/--engine-jobs <n>/);
    } finally {
      await sandbox.remove();
    }
  }, 60_000);
});
