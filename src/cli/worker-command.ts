// `briefcast worker --queue redis://host:port`: briefs the jobs that `batch --queue` and `serve --queue` put on
// Redis, into the folders they name (a folder every worker reaches at the same path, such as a network mount),
// until Ctrl-C. One line on stdout per article briefed; failures, retries and the connection on stderr.
// Heavy modules load only when the command runs, so --help stays fast.
import type { Command } from 'commander';
import { InterruptedError, UsageError } from '../errors.js';
import { formatNotice } from './messages.js';
import { addToolOptions, engineJobsOption, integerIn, queueOption, type ToolFlags } from './shared-options.js';

interface WorkerFlags extends ToolFlags {
  queue: string;
  concurrency: number;
  engineJobs?: number;
}

/** BRIEFCAST_WORKER_LOCK_MS: how long a job's lock lasts without renewal (tests shorten it to see a killed worker's job taken over quickly). */
function readLockMs(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.BRIEFCAST_WORKER_LOCK_MS;
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1_000 || ms > 3_600_000)
    throw new UsageError(`BRIEFCAST_WORKER_LOCK_MS=${value} must be a whole number of milliseconds from 1000 to 3600000. Fix it or unset it (default 30000).`);
  return ms;
}

/**
 * `-j/--jobs` given with `--queue`: the workers do the briefing, so how many run at once is theirs to say, not the
 * enqueuer's (which puts every article on the queue at once). Refused rather than silently ignored.
 */
export function refuseJobsWithQueue(jobs: number | undefined, workerFlag: '--concurrency' | '--engine-jobs'): void {
  if (jobs === undefined) return;
  const what = workerFlag === '--concurrency' ? 'how many articles each briefs at once' : "each one's engine runs at once";
  throw new UsageError(
    `-j/--jobs has no effect with --queue: the workers brief the articles; set ${what} with \`briefcast worker ${workerFlag} <n>\`. Leave -j out, or drop --queue to brief here.`,
  );
}

export function registerWorkerCommand(program: Command, signal: AbortSignal): void {
  addToolOptions(
    program
      .command('worker')
      .description('brief the articles that `batch --queue` and `serve --queue` put on a Redis queue, into the folders they name, until Ctrl-C')
      .addOption(queueOption('the Redis server to take jobs from, e.g. redis://127.0.0.1:6379').makeOptionMandatory())
      .option('-c, --concurrency <n>', 'articles briefed at once by this worker', integerIn('--concurrency', 1, 64), 1)
      .addOption(engineJobsOption('--engine-jobs <n>', 'engine runs at once within each article (default: the cores shared among the articles)')),
  ).action(async (flags: WorkerFlags) => {
    const { parseQueueUrl } = await import('../worker/queue-connection.js');
    const { runQueueWorker } = await import('../worker/queue-worker.js');
    const address = parseQueueUrl(flags.queue);
    await runQueueWorker({
      address,
      concurrency: flags.concurrency,
      render: { ffmpegPath: flags.ffmpeg, cacheDir: flags.cache === false ? false : flags.cacheDir, jobs: flags.engineJobs },
      lockMs: readLockMs(process.env),
      signal,
      onBriefed: (line) => process.stdout.write(`${line}\n`),
      log: (line) => process.stderr.write(formatNotice(line)),
    });
    // Only a signal ends a worker.
    const reason: unknown = signal.reason;
    throw new InterruptedError(reason instanceof InterruptedError ? reason.signal : 'SIGINT', 'the worker stopped; the jobs in hand went back to the queue.');
  });
}
