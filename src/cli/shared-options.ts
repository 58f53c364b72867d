// The flags the commands share, each declared once so that the commands cannot drift apart: every command that
// speaks (brief, script, batch, and any command added later, such as a server or a worker) takes the speech
// flags; every command that makes audio also takes the audio flags. This is also the one place where the CLI's
// names (--voice, --host-voice, --rate) become the library's (narrator, host, rateWpm). Light on imports:
// --help must stay fast.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_BITRATE_KBPS, DEFAULT_PAUSES, type Pauses } from '../defaults.js';
import { INPUT_FORMATS, type InputFormat } from '../types.js';
import { ENGINES, type EngineName } from '../speech/engine.js';
import type { Lexicon } from '../script/lexicon.js';
import type { RenderSettings, SpeechRequest } from '../pipeline.js';
import { formatNotice } from './messages.js';

const MP3_BITRATES = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
/** Most engine runs at once a user may ask for. */
const MAX_ENGINE_JOBS = 64;

export function integerIn(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

function bitrate(value: string): number {
  const n = Number(value);
  if (!MP3_BITRATES.includes(n)) throw new InvalidArgumentError(`choose one of ${MP3_BITRATES.join(', ')} (kbps).`);
  return n;
}

/** The speech flags as commander parses them. */
export interface SpeechFlags {
  from?: InputFormat;
  engine: EngineName | 'auto';
  voice?: string;
  hostVoice?: string;
  rate?: number;
  pauseSentence: number;
  pauseParagraph: number;
  pauseSection: number;
  lexicon?: string;
  lang?: string;
}

/** The audio flags as commander parses them. */
export interface AudioFlags extends ToolFlags {
  bitrate: number;
}

/** --ffmpeg and the cache flags as commander parses them. */
export interface ToolFlags {
  ffmpeg?: string;
  cacheDir?: string;
  /** False with --no-cache. */
  cache: boolean;
}

/** --from, --engine, --voice, --host-voice, --rate, the pauses and --lexicon. */
export function addSpeechOptions(command: Command): Command {
  return command
    .addOption(new Option('--from <format>', 'input format when it cannot be told from the name (stdin)').choices(INPUT_FORMATS))
    .addOption(new Option('-e, --engine <name>', 'speech engine').choices(['auto', ...ENGINES]).default('auto'))
    .option('--lang <tag>', "the article's language as a BCP 47 tag (fr, de, pt-BR); default: what the article declares, else what its text is written in")
    .option('--voice <name>', "narrator voice (see `briefcast voices`); default: the engine's narrator")
    .option('--host-voice <name>', "host voice for the opening, section intros and closing; default: the engine's host")
    .option('-r, --rate <wpm>', "speaking rate in words per minute; default: the engine's own", integerIn('--rate', 60, 500))
    .option('--pause-sentence <ms>', 'silence after a sentence', integerIn('--pause-sentence', 0, 10_000), DEFAULT_PAUSES.sentenceMs)
    .option('--pause-paragraph <ms>', 'silence after a paragraph', integerIn('--pause-paragraph', 0, 10_000), DEFAULT_PAUSES.paragraphMs)
    .option('--pause-section <ms>', 'silence before a new section', integerIn('--pause-section', 0, 20_000), DEFAULT_PAUSES.sectionMs)
    .addOption(lexiconOption());
}

/** --lexicon, for the speaking commands and `briefcast normalize`. */
export function lexiconOption(): Option {
  return new Option('--lexicon <file>', 'pronunciation lexicon (JSON or YAML: words, rules, spell), applied over the built-in one');
}

/** -b/--bitrate, --ffmpeg, --cache-dir and --no-cache. */
export function addAudioOptions(command: Command): Command {
  return addToolOptions(command.option('-b, --bitrate <kbps>', 'constant MP3 bitrate', bitrate, DEFAULT_BITRATE_KBPS));
}

/** --ffmpeg, --cache-dir and --no-cache: where this machine's tools and clip cache are (`briefcast worker`, whose bitrate comes with each job). */
export function addToolOptions(command: Command): Command {
  return command
    .option('--ffmpeg <path>', 'ffmpeg to use (default: FFMPEG_PATH, ffmpeg-static, ffmpeg on PATH, @ffmpeg-installer)')
    .option('--cache-dir <dir>', 'where synthesized clips are kept for reuse (default: $XDG_CACHE_HOME/briefcast or ~/.cache/briefcast)')
    .option('--no-cache', 'synthesize every clip afresh and store nothing');
}

/**
 * The flag for engine runs at once: `-j, --jobs <n>` where one briefing is made at a time, `--engine-jobs <n>`
 * where -j counts articles (batch).
 */
export function engineJobsOption(flags: '-j, --jobs <n>' | '--engine-jobs <n>', description: string): Option {
  const name = flags.replace(/^-j, /, '').replace(/ <n>$/, '');
  return new Option(flags, description).argParser(integerIn(name, 1, MAX_ENGINE_JOBS));
}

/** The speech flags as the library takes them; reads and checks the --lexicon file (InputError). */
export async function toSpeechRequest(flags: SpeechFlags): Promise<SpeechRequest & { from?: InputFormat }> {
  return {
    from: flags.from,
    engine: flags.engine,
    narrator: flags.voice,
    host: flags.hostVoice,
    rateWpm: flags.rate,
    pauses: toPauses(flags),
    lexicon: await readLexiconFlag(flags),
    ...(flags.lang === undefined ? {} : { language: await checkLanguageFlag(flags.lang) }),
  };
}

/** The audio flags as the library takes them; `jobs` is the command's engine-runs flag. */
export function toRenderSettings(flags: AudioFlags, jobs: number | undefined): RenderSettings {
  return { bitrateKbps: flags.bitrate, ffmpegPath: flags.ffmpeg, cacheDir: flags.cache === false ? false : flags.cacheDir, jobs };
}

/** A --queue value: redis://host:port (checked again, with a message of its own, when the command runs). */
export function queueOption(description: string): Option {
  return new Option('--queue <url>', description);
}

/**
 * The --queue Redis, reached within seconds (QueueUnavailableError in one line otherwise) before anything is
 * written; the caller closes it when done.
 */
export async function openRemoteBriefer(queue: string) {
  const { parseQueueUrl } = await import('../worker/queue-connection.js');
  const { RedisBriefer } = await import('../worker/redis-briefer.js');
  return RedisBriefer.open(parseQueueUrl(queue), (line) => process.stderr.write(formatNotice(line)));
}

/** The --lexicon file, read and checked (an InputError names what is wrong with it). */
export async function readLexiconFlag(flags: Pick<SpeechFlags, 'lexicon'>): Promise<Lexicon | undefined> {
  if (!flags.lexicon) return undefined;
  const { readLexicon } = await import('../read/read-lexicon.js');
  return readLexicon(flags.lexicon);
}

/** --lang as a primary language subtag ("pt" from "pt-BR"); UsageError when it is no language tag. */
export async function checkLanguageFlag(tag: string): Promise<string | undefined> {
  const { checkLanguageRequest } = await import('../pipeline.js');
  return checkLanguageRequest(tag);
}

function toPauses(flags: SpeechFlags): Pauses {
  return { sentenceMs: flags.pauseSentence, paragraphMs: flags.pauseParagraph, sectionMs: flags.pauseSection };
}
