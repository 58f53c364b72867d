#!/usr/bin/env node
// The command line: wires flags into one validated options record and calls the pipeline. Heavy modules
// (the pipeline, jsdom, engines) load only when a command runs, so --help and --version answer fast.
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { describeFailure, EXIT_CODES, InterruptedError } from './errors.js';
import { formatNotice, formatWarning } from './cli/messages.js';
import type { BriefingOptions } from './pipeline.js';
import type { VoiceInfo } from './speech/engine.js';
import { registerBatchCommand } from './cli/batch-command.js';
import { registerNormalizeCommand } from './cli/normalize-command.js';
import { registerServeCommand } from './cli/serve-command.js';
import { registerWorkerCommand } from './cli/worker-command.js';
import { formatClock } from './format-clock.js';
import {
  addAudioOptions,
  addSpeechOptions,
  engineJobsOption,
  toRenderSettings,
  toSpeechRequest,
  type AudioFlags,
  type SpeechFlags,
} from './cli/shared-options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const debug = process.argv.includes('--debug');

/** Commander's message as one sentence on one line. */
function toSentence(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return /[.!?)]$/.test(line) ? line : `${line}.`;
}

function buildProgram(signal: AbortSignal): Command {
  const program = new Command('briefcast')
    .description(
      'Turn an article (text, Markdown, HTML, stdin or a URL) into a podcast-style MP3 briefing with chapters, using the speech engines on this computer.',
    )
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces and tool output on errors')
    .exitOverride()
    // One line per error: commander's message, then where to look.
    .configureOutput({ outputError: (text, write) => write(formatNotice(`${toSentence(text.replace(/^error: /, ''))} Run \`briefcast --help\` for usage.`)) });

  addSpeechOptions(
    addAudioOptions(
      program
        .command('brief <input>', { isDefault: true })
        .description('brief an article: a file (.txt, .md, .html), - for stdin, or an http(s) URL → one chaptered MP3')
        .option('-o, --output <file>', 'where to write the MP3 (default: output/<slug>.mp3)'),
    )
      .addOption(engineJobsOption('-j, --jobs <n>', 'engine runs at once (default: the number of cores)'))
      .option('--json', 'print a JSON summary (file, duration, chapters) on stdout')
      .option('-q, --quiet', 'no progress bar')
      .option('--timings', 'print wall and CPU time per stage on stderr at the end')
      .option('--no-sidecars', 'do not write <name>.chapters.json (Podcasting 2.0 chapters) and <name>.vtt (transcript) beside the MP3'),
  ).action(
    async (
      input: string,
      flags: SpeechFlags & AudioFlags & { output?: string; jobs?: number; json?: boolean; quiet?: boolean; timings?: boolean; sidecars: boolean },
    ) => {
      const { createBriefing } = await import('./pipeline.js');
      const { createTerminalReporter } = await import('./cli/progress-bar.js');
      const { withTimings } = await import('./cli/timings.js');
      const terminal = createTerminalReporter(process.stderr, { quiet: Boolean(flags.quiet) });
      const timings = flags.timings ? withTimings(terminal) : undefined;
      const reporter = timings ?? terminal;
      const options: BriefingOptions = {
        input,
        ...(await toSpeechRequest(flags)),
        ...toRenderSettings(flags, flags.jobs),
        output: flags.output,
        signal,
        sidecars: flags.sidecars,
        reporter,
      };
      try {
        const briefing = await createBriefing(options);
        terminal.finish();
        if (timings) process.stderr.write(`${timings.report()}\n`);
        if (flags.json) {
          const { file, durationMs, chapters, cache, sidecars } = briefing;
          process.stdout.write(`${JSON.stringify({ file, durationMs, duration: durationMs / 1000, chapters, cache, sidecars }, null, 2)}\n`);
          return;
        }
        const { hits, misses } = briefing.cache;
        process.stdout.write(
          `${briefing.file}  (${formatClock(briefing.durationMs)}, ${briefing.chapters.length} chapter${briefing.chapters.length === 1 ? '' : 's'}; ${misses} clips synthesized, ${hits} from cache)\n`,
        );
        for (const chapter of briefing.chapters) process.stdout.write(`  ${formatClock(chapter.startMs).padStart(7)}  ${chapter.title}\n`);
      } finally {
        terminal.finish();
      }
    },
  );

  addSpeechOptions(
    program
      .command('script <input>')
      .description(
        'print what will be spoken (chapters, roles, voices, pauses) without synthesizing; a line the engine reads differently from how it is written is followed by its written form',
      )
      .option('--json', 'print the script as JSON (each segment\'s written "text" and its "spoken" reading)'),
  ).action(async (input: string, flags: SpeechFlags & { json?: boolean }) => {
    const { prepareScript } = await import('./pipeline.js');
    const { script, engine } = await prepareScript({ input, ...(await toSpeechRequest(flags)), signal, reporter: warningsOnly() });
    if (flags.json) {
      // The language and the engine that will read it first: what a reader checks before anything is spoken.
      const { title, language, chapters } = script;
      process.stdout.write(`${JSON.stringify({ title, language, engine: engine.info.name, chapters }, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${script.title}\n`);
    script.chapters.forEach((chapter, index) => {
      process.stdout.write(`\n## ${index + 1}. ${chapter.title}\n`);
      for (const segment of chapter.segments) {
        process.stdout.write(`[${segment.role} · ${segment.voice}] ${segment.spoken}  (${segment.pauseAfterMs} ms)\n`);
        // What the transcript shows, where the reading differs from it.
        if (segment.text && segment.text !== segment.spoken) process.stdout.write(`    written: ${segment.text}\n`);
      }
    });
  });

  program
    .command('voices')
    .description('list the speech engines found on this computer, their versions and voices')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { listEngines } = await import('./speech/select-engine.js');
      const { engines, unusable } = await listEngines();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ engines, unusable }, null, 2)}\n`);
        return;
      }
      if (!engines.length)
        process.stdout.write('No speech engine found. Install flite (`sudo apt-get install flite`), or reinstall briefcast for its embedded flite-wasm.\n');
      for (const engine of engines) {
        process.stdout.write(`${engine.name} ${engine.version}  (${engine.path})\n`);
        process.stdout.write(`  narrator: ${engine.defaultVoices.narrator}, host: ${engine.defaultVoices.host}\n`);
        process.stdout.write(`  voices: ${engine.voices.map(describeVoice).join(', ')}\n`);
      }
      // Installed but not usable yet (piper without a voice): what to do, so that the engine is not silently missing.
      for (const engine of unusable) process.stdout.write(`${engine.name} (not usable): ${engine.problem}\n`);
    });

  registerNormalizeCommand(program);
  registerBatchCommand(program, signal);
  registerServeCommand(program, signal);
  registerWorkerCommand(program, signal);
  return program;
}

/** "name (language)", "name (language; 2 speakers as #a, #b)": the language only where the name does not say it already. */
function describeVoice(voice: VoiceInfo): string {
  const speakers = voice.speakers
    ? `${voice.speakers.length} speakers as #${voice.speakers.slice(0, 3).join(', #')}${voice.speakers.length > 3 ? ', …' : ''}`
    : undefined;
  const details = [voice.language && voice.language.toLowerCase() !== voice.name.toLowerCase() ? voice.language : undefined, speakers].filter(Boolean);
  return details.length ? `${voice.name} (${details.join('; ')})` : voice.name;
}

function warningsOnly() {
  return { stage() {}, segments() {}, warn: (message: string) => process.stderr.write(formatWarning(message)) };
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const controller = new AbortController();
  // `on`, not `once`: execa's exit hook (signal-exit) re-raises a signal it believes nobody else handles, and a
  // `once` listener is already gone when that check runs, so the process died before cleaning up.
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => () => {
    const interrupted = new InterruptedError(signal);
    // A second Ctrl-C while cleanup runs: stop at once.
    if (controller.signal.aborted) process.exit(interrupted.exitCode);
    controller.abort(interrupted);
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    await buildProgram(controller.signal).parseAsync(argv);
    return EXIT_CODES.ok;
  } catch (error) {
    // After Ctrl-C, whatever failed on the way out is a consequence of it; a batch rethrows the interruption
    // itself, saying what it kept.
    return reportError(error instanceof InterruptedError || !controller.signal.aborted ? error : controller.signal.reason);
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
  const failure = describeFailure(error);
  process.stderr.write(formatNotice(failure.exitCode === undefined ? `${failure.message} (run again with --debug for details)` : failure.message));
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return failure.exitCode ?? EXIT_CODES.failure;
}

// A reader that stops early (`briefcast script article.txt | head`) is no error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? EXIT_CODES.ok);
});

const exitCode = await main();
// After an interruption, cleanup is done (children stopped, temporary files removed): leave now rather than wait
// for a timer or a handle someone left open.
if (exitCode === EXIT_CODES.interrupted || exitCode === EXIT_CODES.terminated) process.exit(exitCode);
process.exitCode = exitCode;
