// `briefcast batch`: many articles into one output folder (MP3s, sidecars, feed.xml, index.html), optionally
// watching for more. Heavy modules load only when the command runs, so --help stays fast.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { describeFailure, PartialFailureError, UsageError } from '../errors.js';
import { formatClock } from '../format-clock.js';
import { isUrl } from '../is-url.js';
import { formatNotice, formatWarning } from './messages.js';
import { refuseJobsWithQueue } from './worker-command.js';
import {
  addAudioOptions,
  addSpeechOptions,
  engineJobsOption,
  integerIn,
  openRemoteBriefer,
  queueOption,
  toRenderSettings,
  toSpeechRequest,
  type AudioFlags,
  type SpeechFlags,
} from './shared-options.js';
import type { BatchItemResult, BatchOptions, BatchReport } from '../batch/run-batch.js';

interface BatchFlags extends SpeechFlags, AudioFlags {
  output: string;
  /** Articles briefed at once. */
  jobs?: number;
  /** Engine runs at once within each article. */
  engineJobs?: number;
  force?: boolean;
  watch?: boolean;
  digest?: string;
  feedUrl?: string;
  feedTitle?: string;
  feedDescription?: string;
  feedAuthor?: string;
  feedLanguage?: string;
  feedImage?: string;
  json?: boolean;
  quiet?: boolean;
  followFirst?: number;
  allowPrivate?: boolean;
  /** redis://…: workers brief the articles; this run publishes them. */
  queue?: string;
}

const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png'];

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('give an absolute http(s) URL, e.g. https://example.com/briefings/');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('give an http(s) URL: podcast apps fetch nothing else.');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function mp3Path(value: string): string {
  if (!/\.mp3$/i.test(value)) throw new InvalidArgumentError('the digest is an MP3: give a file name ending in .mp3.');
  return value;
}

/** Artwork is copied into the output folder, so that the feed and the page can point at it. */
async function copyArtwork(image: string, outDir: string): Promise<string> {
  const extension = path.extname(image).toLowerCase();
  if (!IMAGE_EXTENSIONS.includes(extension)) throw new UsageError(`--feed-image ${image}: use a JPEG or PNG (square, 1400 to 3000 pixels for Apple Podcasts).`);
  const name = `cover${extension === '.jpeg' ? '.jpg' : extension}`;
  await mkdir(outDir, { recursive: true });
  try {
    await copyFile(image, path.join(outDir, name));
  } catch (error) {
    throw new UsageError(`--feed-image ${image}: cannot copy it (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check the path.`, {
      cause: error,
    });
  }
  return name;
}

function describeRow(result: BatchItemResult): string {
  if (result.status === 'failed') return `failed  ${result.input}: ${result.error ?? ''}`;
  const clips = result.cache ? `; ${result.cache.misses} clips synthesized, ${result.cache.hits} from cache` : '';
  return `${result.status}  ${result.input}  (${formatClock(result.durationMs ?? 0)}, ${result.chapters ?? 0} chapters${clips})`;
}

function toJson(report: BatchReport) {
  return {
    outDir: report.outDir,
    items: report.items,
    feed: report.published?.feed,
    page: report.published?.page,
    digest: report.digest,
    failed: report.failed,
  };
}

export function registerBatchCommand(program: Command, signal: AbortSignal): void {
  addSpeechOptions(
    addAudioOptions(
      program
        .command('batch <inputs...>')
        .description(
          'brief many articles (files, folders, quoted globs such as "articles/**/*.md", or the URLs of RSS, Atom or JSON feeds to take new articles from) into one folder: an MP3 with chapters and transcript per article, feed.xml and index.html',
        )
        .requiredOption('-o, --output <dir>', 'folder for the briefings, feed.xml and index.html'),
    )
      .option(
        '-j, --jobs <n>',
        'articles briefed at once (default: 1, or 2 on 4 cores or more); not with --queue, where each worker sets its --concurrency',
        integerIn('--jobs', 1, 16),
      )
      .addOption(engineJobsOption('--engine-jobs <n>', 'engine runs at once within each article (default: the cores shared among the articles)'))
      .option('--force', 'brief every article again, even those up to date')
      .option('-w, --watch', 'keep running: brief new or changed articles as they appear (Ctrl-C to stop)')
      .option('--digest <file.mp3>', 'also write one briefing of all the articles, a chapter each, after a rundown of the headlines', mp3Path)
      .option('--feed-url <base>', 'public URL of the output folder, for absolute links in feed.xml (podcast apps need them)', httpUrl)
      .option('--feed-title <text>', 'title of the feed and the page (remembered for later runs)')
      .option('--feed-description <text>', 'description of the feed (remembered)')
      .option('--feed-author <name>', 'itunes:author of the feed (remembered)')
      .option('--feed-language <code>', 'language of the feed, e.g. en or en-GB (remembered)')
      .option('--feed-image <file>', 'square JPEG or PNG artwork for the feed, copied into the folder (remembered)')
      .option(
        '--follow-first <n>',
        "how many of a newly followed feed's newest articles are briefed (default: 3); later runs brief whatever is new since",
        integerIn('--follow-first', 0, 100),
      )
      .option('--allow-private', 'also fetch feeds and articles from private, loopback and link-local addresses (an intranet)')
      .addOption(queueOption('hand the articles to `briefcast worker` processes through this Redis (redis://host:port); this run waits and publishes'))
      .option('--json', 'print the summary as JSON on stdout (one line per run with --watch)')
      .option('-q, --quiet', 'no progress lines'),
  ).action(async (inputs: string[], flags: BatchFlags) => {
    if (flags.queue) refuseJobsWithQueue(flags.jobs, '--concurrency');
    // Reached first: a queue that is not there fails in one line, before anything is written.
    const remote = flags.queue ? await openRemoteBriefer(flags.queue) : undefined;
    try {
      await briefBatch(inputs, flags, signal, remote);
    } finally {
      await remote?.close();
    }
  });
}

async function briefBatch(inputs: string[], flags: BatchFlags, signal: AbortSignal, remote: BatchOptions['remote']): Promise<void> {
  const { runBatch } = await import('../batch/run-batch.js');
  const { formatSummaryTable } = await import('../batch/summary-table.js');
  const outDir = path.resolve(flags.output);
  const chatty = !flags.quiet && process.stderr.isTTY;
  const options: BatchOptions = {
    inputs,
    outDir,
    speech: await toSpeechRequest(flags),
    ...toRenderSettings(flags, flags.engineJobs),
    articleJobs: flags.jobs,
    follow: { firstPollTake: flags.followFirst, allowPrivate: Boolean(flags.allowPrivate) },
    force: flags.force,
    digest: flags.digest,
    feed: {
      url: flags.feedUrl,
      title: flags.feedTitle,
      description: flags.feedDescription,
      author: flags.feedAuthor,
      language: flags.feedLanguage,
      image: flags.feedImage ? await copyArtwork(flags.feedImage, outDir) : undefined,
    },
    remote,
    signal,
    reporter: {
      started: (input) => chatty && process.stderr.write(`briefing ${input}…\n`),
      finished: (result) => chatty && result.status !== 'up to date' && process.stderr.write(`${describeRow(result)}\n`),
      warn: (message) => process.stderr.write(formatWarning(message)),
    },
  };

  const print = (report: BatchReport, onlyChanges: boolean) => {
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(toJson(report), null, onlyChanges ? undefined : 2)}\n`);
      return;
    }
    const rows = onlyChanges ? report.items.filter((item) => item.status !== 'up to date') : report.items;
    if (rows.length) process.stdout.write(formatSummaryTable(rows));
    const digest = report.digest;
    if (digest && (!onlyChanges || digest.status !== 'up to date')) {
      const detail = digest.status === 'failed' ? `: ${digest.error ?? ''}` : ` (${formatClock(digest.durationMs ?? 0)}, ${digest.chapters ?? 0} chapters)`;
      process.stdout.write(`Digest ${digest.status}: ${digest.file}${detail}\n`);
    }
    if (report.published && (!onlyChanges || rows.length)) {
      process.stdout.write(`Feed: ${report.published.feed}\nPage: ${report.published.page}\n`);
    }
  };

  if (flags.watch) {
    const feeds = inputs.filter(isUrl);
    if (feeds.length > 0) {
      throw new UsageError(
        `--watch watches files and folders, not feeds (${feeds[0]}): run \`briefcast batch <feed-url> -o <dir>\` from cron, or follow feeds with \`briefcast serve <dir> --follow <feed-url>\`.`,
      );
    }
    const { watchArticles } = await import('../batch/watch-articles.js');
    process.stderr.write(formatNotice(`watching ${inputs.join(', ')} for new or changed articles; press Ctrl-C to stop.`));
    await watchArticles({
      ...options,
      signal,
      onReport: (report) => print(report, true),
      onError: (error) => process.stderr.write(formatNotice(describeFailure(error).message)),
    });
    process.stderr.write(formatNotice('stopped watching.'));
    return;
  }

  const report = await runBatch(options);
  print(report, false);
  if (report.failed > 0) {
    const names = [
      ...report.items.filter((item) => item.status === 'failed').map((item) => item.input),
      ...(report.digest?.status === 'failed' ? ['the digest'] : []),
    ];
    const total = report.items.length + (report.digest ? 1 : 0);
    throw new PartialFailureError(`${report.failed} of ${total} failed (${names.join(', ')}); the others are in ${outDir}. See the summary above for why.`);
  }
}
