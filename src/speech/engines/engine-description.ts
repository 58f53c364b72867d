// An engine as a description: data and small pure functions that say how to find it, what it can read, the
// exact command line of one run and how to read what it prints. The runners do everything around a description
// (process-engine.ts for installed programs, flite-wasm.ts for the WebAssembly build), so that adding an engine
// is one description file and its tests (docs/ARCHITECTURE.md, "How to add an engine").
import type { PcmClip } from '../../audio/wav.js';
import { stderrTail, type ToolResult } from '../../run-tool.js';
import type { EngineInfo, EngineName, StampedFile, VoiceInfo, VoiceStamp } from '../engine.js';

/**
 * One engine run as its argv builder sees it. Every path is absolute, so that none can read as an option.
 * `Setup` is what the probe learned that every run needs (piper: which of its command lines it speaks and the files
 * behind each voice); most engines need nothing.
 */
export interface EngineCall<Setup = undefined> {
  voice: string;
  /** Words per minute; undefined keeps the engine's own speed. */
  rateWpm?: number;
  /** The text files, in order: one, unless the engine reads several sentences a file each (festival); none for an engine that reads stdin. */
  textPaths: readonly string[];
  outputWav: string;
  /** A fresh, empty folder for a run that writes one WAV per text (`sentences.wavOrder`). */
  outputDir?: string;
  /** Where the description's scripts were written for this run, by their names in `scripts`. */
  scriptPaths: Readonly<Record<string, string>>;
  /** The probe's `setup`; undefined for a runner that has not probed. */
  setup?: Setup;
}

/** Several sentences in one run (one start-up instead of many), cut apart afterwards at the ends the engine reports. */
interface SentenceReading<Setup> {
  /** Every text is its own utterance, read exactly as alone: any segment may share a run, not just whole sentences. */
  anySegment?: boolean;
  /** What the run's text files hold (all the sentences in one file, or one file each), or what goes to its stdin. */
  texts(sentences: readonly string[], rateWpm: number | undefined): string[];
  args(call: EngineCall<Setup>): string[];
  /**
   * Where each text's audio ends, one of two ways. `durations`: each sentence's duration in seconds in the one WAV
   * the run wrote, from what it printed or from the WAV; `wavOrder`: the run wrote one WAV per text into
   * `outputDir`, and these are their file names in the order of the texts. Undefined when unknown.
   */
  durations?(output: { stdout: string; clip: PcmClip | undefined }, count: number): number[] | undefined;
  wavOrder?(output: { stdout: string; names: readonly string[] }, count: number): string[] | undefined;
  /** SpeechEngine.minGroupChars: the least text worth a run of its own. */
  minGroupChars?: number;
}

/** What both runners need to know about an engine to read a text with it. */
export interface EngineDescription<Setup = undefined> {
  name: EngineName;
  /** Longest text (in characters) the engine is given in one request; the script stage chunks to this. */
  maxChars: number;
  /** Voice names safe on its command line; a name starting with "-" is refused whatever the pattern says. */
  voicePattern: RegExp;
  /** Every voice the engine has, for an engine that silently reads an unknown name with its default voice. */
  voices?: readonly string[];
  /** The text as the engine can read it: toAsciiSpeech or toUnicodeSpeech. */
  speech(text: string): string;
  /** The argv (without the program) of a run that reads one text (a file, or stdin). */
  args(call: EngineCall<Setup>): string[];
  sentences?: SentenceReading<Setup>;
  /** 'stdin': the text goes to the engine's standard input (UTF-8) instead of a file; `texts` then gives one string. */
  textInput?: 'file' | 'stdin';
  /** Variables set for every run of the engine (piper: Python reads its stdin as UTF-8 whatever the locale). */
  environment?: Readonly<Record<string, string>>;
  /** A failure the engine reports only in its output, exiting 0 all the same (festival's "SIOD ERROR"). */
  detectFailure?(output: { stdout: string; stderr: string }): string | undefined;
  /** Constant files the engine runs (sapi's PowerShell script), written beside the text for each run: name to content. */
  scripts?: Readonly<Record<string, string>>;
  /** Says how to get the engine, wherever it turns out to be missing. */
  installHint: string;
  /**
   * Natural (neural) voices: --engine auto takes the engine with a single voice for the language rather than pass
   * it over for one with a distinct host.
   */
  naturalVoices?: boolean;
  /** SpeechEngine.voiceStamp, from what the probe learned (`setup`): for an engine whose voices are files. */
  voiceStamp?(setup: Setup | undefined, voice: string): VoiceStamp | undefined;
}

/** A command run while probing, with a constant stdin at most: never anything a user wrote. */
interface ProbeCommand {
  /** Another program than the engine's executable: the probe's companion, or a system tool. */
  program?: string;
  args: readonly string[];
  input?: string;
  timeoutMs?: number;
}

export interface ProbePaths {
  executable: string;
  /** The folders searched for voice files, for an engine whose voices are files (`probe.voiceFolders`). */
  voiceFolders?: readonly string[];
  /** The companion program, when the description names one. */
  companion?: string;
  scriptPaths: Readonly<Record<string, string>>;
}

/** What a probe learns about an installed engine, and what its runs need to know of it (`setup`). */
type ProbedEngine<Setup> = Omit<EngineInfo, 'name' | 'path'> & { setup?: Setup };

/**
 * A voice that is a pair of files (piper's `<name>.onnx` and `<name>.onnx.json`), found by the runner in the
 * description's voice folders: the config already read, so that `parse` stays pure.
 */
export interface VoiceFilePair {
  /** The model's file name without its suffix. */
  name: string;
  model: string;
  config: string;
  /** The config's text; undefined when it could not be read (`problem` says why). */
  configText?: string;
  /** Both files' size and time as the runner opened them; absent when one could not be read. */
  modelFile?: StampedFile;
  configFile?: StampedFile;
  /** Why the pair cannot be used as it is: a model or config that cannot be read. */
  problem?: string;
}

/** Where an engine whose voices are files looks for them, and what a voice's two files are called. */
interface VoiceFolders {
  /** The folders, in order of precedence (the first voice of a name wins). */
  folders(env: NodeJS.ProcessEnv): string[];
  modelSuffix: string;
  /** Beside each model: `<name><modelSuffix><configSuffix>`. */
  configSuffix: string;
}

/** An engine that is a program on this machine, run once per text by the generic runner (process-engine.ts). */
export interface ProcessEngineDescription<Setup = undefined> extends EngineDescription<Setup> {
  /** The only platform that has the engine (say: darwin, sapi: win32). */
  platform?: NodeJS.Platform;
  executable: {
    /** Its name on PATH. */
    name: string;
    /** Where it normally is, looked at before PATH. */
    usualPath?: () => string;
    /** false: only ever at its usual place. */
    searchPath?: boolean;
    /** An environment variable that, when set, names the executable (PIPER_PATH): then the only place looked at. */
    pathVariable?: string;
  };
  probe: {
    /** A program found beside the executable or on PATH that the probe asks instead (festival beside text2wave); without it the engine counts as missing. */
    companion?: string;
    /** Constant files the probe commands run, written to a private folder for the probe. */
    scripts?: Readonly<Record<string, string>>;
    /** Run side by side; their results reach `parse` in the same order. */
    commands(paths: ProbePaths): ProbeCommand[];
    /** For an engine whose voices are files: where they are. The runner lists them and reads their configs. */
    voiceFolders?: VoiceFolders;
    /**
     * The engine's version, voices and default voices, or why an installed engine cannot be used. `voiceFiles`:
     * the pairs found in `voiceFolders`, in the folders' order and by name within each.
     */
    parse(results: readonly ToolResult[], paths: ProbePaths, voiceFiles?: readonly VoiceFilePair[]): ProbedEngine<Setup> | { problem: string };
  };
}

/** What a description knows about one of its engine's voices, beyond the name the engine lists. */
export interface KnownVoice {
  language: string;
  gender: string;
  description: string;
  /** The voice's own speed on espeak-ng's `-s` scale, so that one --rate sounds alike on every engine. */
  baseWpm: number;
}

/** The voices an engine listed, with what `known` says about each. */
export function describeVoices(names: readonly string[], known: Readonly<Record<string, KnownVoice>>): VoiceInfo[] {
  return names.map((name) => {
    const detail = known[name];
    return detail ? { name, language: detail.language, gender: detail.gender, description: detail.description } : { name };
  });
}

/** The fields of an engine's usual one-text argv builder. */
export interface OneTextCall {
  voice: string;
  textPath: string;
  outputWav: string;
  rateWpm?: number;
}

export function oneTextCall({ voice, textPaths, outputWav, rateWpm }: EngineCall): OneTextCall {
  return { voice, textPath: textPaths[0]!, outputWav, rateWpm };
}

/** The end of what a probe command said on stderr, else how it failed, else `fallback`: for a probe's error message. */
export function describeProbeOutput(result: ToolResult, fallback: string): string {
  return stderrTail(result.stderr) || result.failure || fallback;
}

/** The probe error of an engine whose voice list came back empty. */
export function describeUnlistedVoices(engine: EngineName, executable: string, command: string, result: ToolResult): string {
  return `${engine} at ${executable} did not list its voices (${command}: ${describeProbeOutput(result, 'no output')}). Reinstall ${engine} or choose another --engine.`;
}

/** Clamps a number and formats it for an engine argument: finite, bounded, no exponent. */
export function formatFactor(value: number, min: number, max: number): string {
  const bounded = Math.min(max, Math.max(min, Number.isFinite(value) ? value : 1));
  return bounded.toFixed(3);
}

/** The install hint of an engine packaged for Debian (and Homebrew): "<name> is not installed. Install it with …". */
export function describeInstall(name: string, packages: { apt: string; brew?: string }): string {
  const brew = packages.brew ? ` or \`brew install ${packages.brew}\` (macOS)` : '';
  return `${name} is not installed. Install it with \`sudo apt-get install ${packages.apt}\` (Debian/Ubuntu)${brew}, or use --engine flite-wasm.`;
}
