#!/usr/bin/env node
// The command line: wires flags into one validated options record and calls the pipeline. Heavy modules
// (the pipeline, jsdom, engines) load only when a command runs, so --help and --version answer fast.
import { Command, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { BriefcastError, EXIT_CODES, InterruptedError, UsageError } from './errors.js';
import { INPUT_FORMATS, type InputFormat } from './types.js';
import { ENGINES, type EngineName } from './speech/engine.js';
import type { BriefingOptions } from './pipeline.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const MP3_BITRATES = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

const debug = process.argv.includes('--debug');

function integerIn(name: string, min: number, max: number) {
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

interface SpeechFlags {
  from?: InputFormat;
  engine: EngineName | 'auto';
  voice?: string;
  hostVoice?: string;
  rate?: number;
  pauseSentence: number;
  pauseParagraph: number;
  pauseSection: number;
}

function addSpeechOptions(command: Command): Command {
  return command
    .addOption(new Option('--from <format>', 'input format when it cannot be told from the name (stdin)').choices(INPUT_FORMATS))
    .addOption(new Option('-e, --engine <name>', 'speech engine').choices(['auto', ...ENGINES]).default('auto'))
    .option('--voice <name>', "narrator voice (see `briefcast voices`); default: the engine's narrator")
    .option('--host-voice <name>', "host voice for the opening, section intros and closing; default: the engine's host")
    .option('-r, --rate <wpm>', 'speaking rate in words per minute; default: the engine\'s own', integerIn('--rate', 60, 500))
    .option('--pause-sentence <ms>', 'silence after a sentence', integerIn('--pause-sentence', 0, 10_000), 250)
    .option('--pause-paragraph <ms>', 'silence after a paragraph', integerIn('--pause-paragraph', 0, 10_000), 600)
    .option('--pause-section <ms>', 'silence before a new section', integerIn('--pause-section', 0, 20_000), 1000);
}

function toScriptOptions(input: string, flags: SpeechFlags, signal: AbortSignal) {
  return {
    input,
    from: flags.from,
    engine: flags.engine,
    voice: flags.voice,
    hostVoice: flags.hostVoice,
    rateWpm: flags.rate,
    pauses: { sentenceMs: flags.pauseSentence, paragraphMs: flags.pauseParagraph, sectionMs: flags.pauseSection },
    signal,
  };
}

function formatClock(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function buildProgram(signal: AbortSignal): Command {
  const program = new Command('briefcast')
    .description('Turn an article (text, Markdown, HTML, stdin or a URL) into a podcast-style MP3 briefing with chapters, using the speech engines on this computer.')
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces and tool output on errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`briefcast: ${text.replace(/^error: /, '')}`) });

  addSpeechOptions(
    program
      .command('brief <input>', { isDefault: true })
      .description('brief an article: a file (.txt, .md, .html), - for stdin, or an http(s) URL → one chaptered MP3')
      .option('-o, --output <file>', 'where to write the MP3 (default: output/<slug>.mp3)')
      .option('-b, --bitrate <kbps>', 'constant MP3 bitrate', bitrate, 64)
      .option('-j, --jobs <n>', 'engine runs at once (default: the number of cores)', integerIn('--jobs', 1, 64))
      .option('--ffmpeg <path>', 'ffmpeg to use (default: FFMPEG_PATH, ffmpeg-static, ffmpeg on PATH, @ffmpeg-installer)')
      .option('--cache-dir <dir>', 'where synthesized clips are kept for reuse (default: $XDG_CACHE_HOME/briefcast or ~/.cache/briefcast)')
      .option('--no-cache', 'synthesize every clip afresh and store nothing')
      .option('--json', 'print a JSON summary (file, duration, chapters) on stdout')
      .option('-q, --quiet', 'no progress bar'),
  ).action(async (input: string, flags: SpeechFlags & { output?: string; bitrate: number; jobs?: number; ffmpeg?: string; cacheDir?: string; cache: boolean; json?: boolean; quiet?: boolean }) => {
    const { createBriefing } = await import('./pipeline.js');
    const { createTerminalReporter } = await import('./cli/progress-bar.js');
    const reporter = createTerminalReporter(process.stderr, { quiet: Boolean(flags.quiet) });
    const options: BriefingOptions = {
      ...toScriptOptions(input, flags, signal),
      output: flags.output,
      bitrateKbps: flags.bitrate,
      jobs: flags.jobs,
      ffmpegPath: flags.ffmpeg,
      cacheDir: flags.cache === false ? false : flags.cacheDir,
      reporter,
    };
    try {
      const briefing = await createBriefing(options);
      reporter.finish();
      if (flags.json) {
        const { file, durationMs, chapters, cache } = briefing;
        process.stdout.write(`${JSON.stringify({ file, durationMs, duration: durationMs / 1000, chapters, cache }, null, 2)}\n`);
        return;
      }
      const { hits, misses } = briefing.cache;
      process.stdout.write(`${briefing.file}  (${formatClock(briefing.durationMs)}, ${briefing.chapters.length} chapters; ${misses} clips synthesized, ${hits} from cache)\n`);
      for (const chapter of briefing.chapters) process.stdout.write(`  ${formatClock(chapter.startMs).padStart(7)}  ${chapter.title}\n`);
    } finally {
      reporter.finish();
    }
  });

  addSpeechOptions(
    program
      .command('script <input>')
      .description('print what will be spoken (chapters, roles, voices, pauses) without synthesizing')
      .option('--json', 'print the script as JSON'),
  ).action(async (input: string, flags: SpeechFlags & { json?: boolean }) => {
    const { prepareScript } = await import('./pipeline.js');
    const { script } = await prepareScript({ ...toScriptOptions(input, flags, signal), reporter: warningsOnly() });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(script, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${script.title}\n`);
    script.chapters.forEach((chapter, index) => {
      process.stdout.write(`\n## ${index + 1}. ${chapter.title}\n`);
      for (const segment of chapter.segments) {
        process.stdout.write(`[${segment.role} · ${segment.voice}] ${segment.text}  (${segment.pauseAfterMs} ms)\n`);
      }
    });
  });

  program
    .command('voices')
    .description('list the speech engines found on this computer, their versions and voices')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { listEngines } = await import('./speech/engines/index.js');
      const engines = await listEngines();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ engines }, null, 2)}\n`);
        return;
      }
      if (!engines.length) process.stdout.write('No speech engine found. Install flite (`sudo apt-get install flite`), or reinstall briefcast for its embedded flite-wasm.\n');
      for (const engine of engines) {
        process.stdout.write(`${engine.name} ${engine.version}  (${engine.path})\n`);
        process.stdout.write(`  narrator: ${engine.defaultVoices.narrator}, host: ${engine.defaultVoices.host}\n`);
        process.stdout.write(`  voices: ${engine.voices.map((voice) => voice.name).join(', ')}\n`);
      }
    });

  return program;
}

function warningsOnly() {
  return { stage() {}, segments() {}, warn: (message: string) => process.stderr.write(`briefcast: warning: ${message}\n`) };
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => () => controller.abort(new InterruptedError(signal));
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  try {
    await buildProgram(controller.signal).parseAsync(argv);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportError(controller.signal.aborted ? controller.signal.reason : error);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

function reportError(error: unknown): number {
  const commanderCode = (error as { code?: string }).code;
  if (typeof commanderCode === 'string' && commanderCode.startsWith('commander.')) {
    // Commander has already printed its message (or the help/version text).
    const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(commanderCode);
    return helpOrVersion ? EXIT_CODES.ok : EXIT_CODES.usage;
  }
  const known = error instanceof BriefcastError ? error : undefined;
  const message = known ? known.message : `unexpected error: ${error instanceof Error ? error.message : String(error)} (run again with --debug for details)`;
  process.stderr.write(`briefcast: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return known?.exitCode ?? (error instanceof UsageError ? EXIT_CODES.usage : EXIT_CODES.failure);
}

process.exitCode = await main();
