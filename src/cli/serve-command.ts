// `briefcast serve <dir>`: a private podcast server for the folder. It prints `Feed: <url>` and `Page: <url>` on
// stdout once listening, progress on stderr, and runs until Ctrl-C or SIGTERM (exit 130 or 143). Heavy modules
// load only when the command runs, so --help stays fast.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { InterruptedError } from '../errors.js';
import { parseDuration } from '../follow/parse-duration.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../follow/poll-schedule.js';
import { DEFAULT_FIRST_POLL_TAKE } from '../follow/select-entries.js';
import { formatNotice } from './messages.js';
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

export const DEFAULT_SERVE_PORT = 8750;

interface ServeFlags extends SpeechFlags, AudioFlags {
  jobs?: number;
  host: string;
  port: number;
  publicUrl?: string;
  public?: boolean;
  rotateToken?: boolean;
  allowPrivate?: boolean;
  artwork?: string;
  ownerEmail?: string;
  keep?: number;
  follow?: string[];
  followEvery: number;
  followFirst: number;
  quiet?: boolean;
  /** redis://…: workers brief the articles; this server publishes them. */
  queue?: string;
}

function httpUrl(option: string) {
  return (value: string): string => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InvalidArgumentError(`${option} takes an absolute http(s) URL, not "${value}".`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`${option} takes an http(s) URL, not a ${url.protocol} one.`);
    return url.href;
  };
}

function collectFeeds(value: string, previous: string[] = []): string[] {
  return [...previous, httpUrl('--follow')(value)];
}

function email(value: string): string {
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value)) throw new InvalidArgumentError(`--owner-email takes an email address, not "${value}".`);
  return value;
}

function duration(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function registerServeCommand(program: Command, signal: AbortSignal): void {
  addSpeechOptions(
    addAudioOptions(
      program
        .command('serve <dir>')
        .description(
          'serve <dir> as a private podcast: articles added from the page, the API or followed feeds become episodes by themselves; prints the feed and page addresses',
        ),
    )
      .addOption(
        engineJobsOption(
          '-j, --jobs <n>',
          'engine runs at once within each article (default: the number of cores); not with --queue, where each worker sets its --engine-jobs',
        ),
      )
      .option('--host <address>', 'address to listen on: 127.0.0.1 is this computer only, 0.0.0.0 the home network too', '127.0.0.1')
      .option('--port <n>', `port to listen on (0: any free one)`, integerIn('--port', 0, 65535), DEFAULT_SERVE_PORT)
      .option(
        '--public-url <url>',
        "the address podcast apps reach the server at, through a tunnel or reverse proxy (the feed's links use it)",
        httpUrl('--public-url'),
      )
      .addOption(
        new Option('--public', 'serve at / without the secret path: anyone who finds the address can listen and add articles').conflicts('rotateToken'),
      )
      .option('--rotate-token', 'make a new secret path: the old feed and page addresses stop working')
      .option('--allow-private', 'also fetch articles and feeds from private, loopback and link-local addresses (an intranet)')
      .option('--artwork <file>', "square PNG or JPEG artwork for the feed, 1400 to 3000 pixels (default: briefcast's own)")
      .option('--owner-email <address>', 'itunes:owner email of the feed', email)
      .option('--keep <n>', 'keep only the newest <n> episodes; older ones leave the feed and the folder', integerIn('--keep', 1, 100_000))
      .option('--follow <feed-url...>', "follow sites' RSS, Atom or JSON feeds: their new articles become episodes", collectFeeds)
      .addOption(
        new Option('--follow-every <duration>', 'how often followed feeds are read, e.g. 45m, 2h, 30s')
          .argParser(duration)
          .default(DEFAULT_POLL_INTERVAL_MS, '30m'),
      )
      .option(
        '--follow-first <n>',
        "how many of a newly followed feed's newest articles are briefed",
        integerIn('--follow-first', 0, 100),
        DEFAULT_FIRST_POLL_TAKE,
      )
      .addOption(queueOption('hand the articles to `briefcast worker` processes through this Redis (redis://host:port); this server publishes them'))
      .option('-q, --quiet', 'no progress lines on stderr'),
  ).action(async (dir: string, flags: ServeFlags) => {
    const { serveFolder } = await import('../serve/serve-folder.js');
    if (flags.queue) refuseJobsWithQueue(flags.jobs, '--engine-jobs');
    // Reached first: a queue that is not there fails in one line, before the folder is touched.
    const remote = flags.queue ? await openRemoteBriefer(flags.queue) : undefined;
    const log = (line: string) => {
      if (!flags.quiet || line.startsWith('warning: ')) process.stderr.write(formatNotice(line));
    };
    await serveFolder({
      dir,
      host: flags.host,
      port: flags.port,
      ...(flags.publicUrl === undefined ? {} : { publicUrl: flags.publicUrl }),
      isPublic: Boolean(flags.public),
      rotateToken: Boolean(flags.rotateToken),
      allowPrivate: Boolean(flags.allowPrivate),
      ...(flags.artwork === undefined ? {} : { artwork: flags.artwork }),
      ...(flags.ownerEmail === undefined ? {} : { ownerEmail: flags.ownerEmail }),
      ...(flags.keep === undefined ? {} : { keep: flags.keep }),
      follow: flags.follow ?? [],
      followEveryMs: flags.followEvery,
      followFirst: flags.followFirst,
      speech: await toSpeechRequest(flags),
      render: toRenderSettings(flags, flags.jobs),
      signal,
      onListening: ({ feedUrl, pageUrl }) => {
        process.stdout.write(`Feed: ${feedUrl}\nPage: ${pageUrl}\n`);
        log('serving: open the page to add articles, or subscribe to the feed. Press Ctrl-C to stop.');
      },
      log,
      ...(remote ? { remote } : {}),
    }).finally(() => remote?.close());
    // Only a signal ends the server.
    const reason: unknown = signal.reason;
    throw new InterruptedError(
      reason instanceof InterruptedError ? reason.signal : 'SIGINT',
      'the server stopped; articles still waiting are briefed at the next start.',
    );
  });
}
