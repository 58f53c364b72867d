// piper (neural voices, offline), in either of its two generations, which spell their options differently:
//   legacy C++ release (rhasspy/piper 1.x): --model M --config C --output_file F | --output_dir D --length_scale X --speaker N --sentence_silence S
//   Python piper-tts (OHF-Voice/piper1-gpl): --model M --config C --output-file F | --output-dir D --length-scale X --speaker N --sentence-silence S
// Which one is installed is read from its --help. The text goes to stdin as UTF-8, one line per text; an output
// is always named (without one, piper plays the audio or writes output.wav where it runs). Several texts share a
// run with the output folder: piper writes one WAV per input line there, so each text's audio is one whole file.
// A voice is `<name>.onnx` with `<name>.onnx.json` beside it, in the folders of BRIEFCAST_PIPER_VOICES and the
// data folder; a multi-speaker voice is read as `<name>#<speaker>` through its config's speaker_id_map.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import type { VoiceInfo, VoiceStamp } from '../engine.js';
import { formatFactor, type EngineCall, type ProcessEngineDescription, type VoiceFilePair } from './engine-description.js';
import { toUnicodeSpeech } from './engine-text.js';
import { defaultPiperVoiceFolder, PIPER_VOICES_VARIABLE, piperVoiceFolders } from './piper-folders.js';

/** Which of piper's command lines the installed program speaks. */
export type PiperCommandLine = 'legacy' | 'python';

/** One voice as a run needs it: its files, its speakers, its own length scale. */
export interface PiperVoiceModel {
  model: string;
  config: string;
  /** speaker_id_map: speaker name to the number piper's --speaker takes. */
  speakers: Readonly<Record<string, number>>;
  /** The config's inference.length_scale: the voice's own pace, which --rate scales. */
  lengthScale: number;
  /** Which copy of the voice this is: a retrained model of the same name is another voice to the clip cache and a batch. */
  stamp: VoiceStamp;
}

/** What the probe learned that every run needs. */
export interface PiperSetup {
  commandLine: PiperCommandLine;
  voices: Readonly<Record<string, PiperVoiceModel>>;
}

const EXAMPLE_VOICE = 'en_US-lessac-medium';

/** Which command line a piper's --help describes: Python's argparse lists `--output-file`, the C++ release `--output_file`. */
export function detectPiperCommandLine(help: string): PiperCommandLine | undefined {
  if (!/--model\b/.test(help)) return undefined;
  if (/--output-file\b/.test(help)) return 'python';
  if (/--output_file\b/.test(help)) return 'legacy';
  return undefined;
}

/** "1.2.0" from the C++ release's --version; the Python package has no --version and is named instead. */
export function parsePiperVersion(commandLine: PiperCommandLine, versionOutput: string): string {
  if (commandLine === 'python') return 'piper-tts';
  return /^\s*(\d+\.\d+(?:\.\d+)?\S*)\s*$/m.exec(versionOutput)?.[1] ?? 'unknown';
}

/** What a voice config says that briefcast uses. */
export interface PiperVoiceConfig {
  /** BCP 47, from language.code ("en_US" -> "en-US"), else espeak.voice, else the file name; undefined if none says. */
  language?: string;
  /** audio.sample_rate; absent in the config, the WAV header tells. */
  sampleRate?: number;
  speakers: Record<string, number>;
  lengthScale: number;
}

/** A language code in piper's spelling ("en_US", "en-us", "fr") as BCP 47 ("en-US", "en-US", "fr"); undefined unless it looks like one. */
function toLanguageTag(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const tag = code.trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return undefined;
  try {
    // The canonical case ("en-gb" -> "en-GB"), so that a voice's language compares as other engines' do.
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return tag;
  }
}

/**
 * The language a voice's file name starts with, as piper names every voice ("en_US-lessac-medium" -> "en-US"). The
 * region is required: a bare "my-voice" would otherwise read as Burmese.
 */
export function languageFromVoiceName(name: string): string | undefined {
  const match = /^([a-z]{2,3}_[A-Z]{2})(?:-|$)/.exec(name);
  return match ? toLanguageTag(match[1]) : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a voice config (`<name>.onnx.json`): what briefcast needs of it, or the one thing wrong with it. */
export function parsePiperConfig(text: string, voiceName: string): PiperVoiceConfig | { problem: string } {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    return { problem: `is not valid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (!isRecord(config)) return { problem: 'is not a JSON object' };
  const audio = config.audio;
  if (audio !== undefined && !isRecord(audio)) return { problem: '"audio" is not an object' };
  const sampleRate = audio?.sample_rate;
  if (sampleRate !== undefined && !(Number.isInteger(sampleRate) && (sampleRate as number) >= 8000 && (sampleRate as number) <= 192_000)) {
    return { problem: `audio.sample_rate ${JSON.stringify(sampleRate)} is not a sample rate` };
  }
  const map = config.speaker_id_map ?? {};
  if (!isRecord(map) || !Object.values(map).every((id) => Number.isInteger(id) && (id as number) >= 0)) {
    return { problem: 'speaker_id_map is not a map of speaker names to numbers' };
  }
  const inference = isRecord(config.inference) ? config.inference : {};
  const lengthScale = typeof inference.length_scale === 'number' && inference.length_scale > 0 ? inference.length_scale : 1;
  const language =
    toLanguageTag(isRecord(config.language) ? config.language.code : undefined) ??
    toLanguageTag(isRecord(config.espeak) ? config.espeak.voice : undefined) ??
    languageFromVoiceName(voiceName);
  return {
    ...(language === undefined ? {} : { language }),
    ...(sampleRate === undefined ? {} : { sampleRate: sampleRate as number }),
    speakers: map as Record<string, number>,
    lengthScale,
  };
}

/** The command that fetches a voice into a folder (briefcast itself downloads nothing). */
export function voiceDownloadCommand(folder: string, voice = EXAMPLE_VOICE): string {
  return `\`python3 -m piper.download_voices ${voice} --download-dir ${folder}\``;
}

/** How to get a voice, for every message that lacks one: the command, and where to put the files by hand. */
export function describeVoiceDownload(folder: string): string {
  return `${voiceDownloadCommand(folder)} (or put ${EXAMPLE_VOICE}.onnx and ${EXAMPLE_VOICE}.onnx.json from huggingface.co/rhasspy/piper-voices in ${folder}, or in a folder listed in ${PIPER_VOICES_VARIABLE})`;
}

/** Voices briefcast prefers to narrate with when it has them (English first, then the first voice there is). */
function isEnglish(voice: VoiceInfo): boolean {
  return /^en\b/i.test(voice.language ?? '');
}

/** The narrator: an English voice (US first) else the first; the host: another voice of its language, else another speaker of it, else the same. */
export function pickPiperDefaults(voices: readonly VoiceInfo[]): { narrator: string; host: string } {
  const narratorVoice = voices.find((voice) => /^en-us$/i.test(voice.language ?? '')) ?? voices.find(isEnglish) ?? voices[0]!;
  const language = (narratorVoice.language ?? '').slice(0, 2).toLowerCase();
  const sameLanguage = voices.filter((voice) => voice !== narratorVoice && (voice.language ?? '').slice(0, 2).toLowerCase() === language);
  const speakers = narratorVoice.speakers ?? [];
  const narrator = speakers.length > 1 ? `${narratorVoice.name}#${speakers[0]}` : narratorVoice.name;
  const hostVoice = sameLanguage.find((voice) => !voice.speakers || voice.speakers.length < 2) ?? sameLanguage[0];
  if (hostVoice) return { narrator, host: hostVoice.speakers && hostVoice.speakers.length > 1 ? `${hostVoice.name}#${hostVoice.speakers[0]}` : hostVoice.name };
  return { narrator, host: speakers.length > 1 ? `${narratorVoice.name}#${speakers[1]}` : narrator };
}

/** The voices piper can read with, or the first problem among the voice files (a voice that cannot be used is not skipped quietly). */
export function readPiperVoices(pairs: readonly VoiceFilePair[]): { voices: VoiceInfo[]; models: Record<string, PiperVoiceModel> } | { problem: string } {
  const voices: VoiceInfo[] = [];
  const models: Record<string, PiperVoiceModel> = {};
  for (const pair of pairs) {
    // The first folder's voice of a name wins, as on PATH; a name that could read as an option, or holds the "#"
    // that names a speaker, is no voice.
    if (Object.hasOwn(models, pair.name) || pair.name.startsWith('-') || !PIPER_VOICE_NAME.test(pair.name)) continue;
    const folder = path.dirname(pair.model);
    const fix = `Download it again with ${voiceDownloadCommand(folder, pair.name)}, or remove it from ${folder}.`;
    if (pair.problem !== undefined || pair.configText === undefined) {
      return { problem: `piper voice ${pair.name} cannot be used: ${pair.problem ?? `${pair.config} cannot be read`}. ${fix}` };
    }
    const config = parsePiperConfig(pair.configText, pair.name);
    if ('problem' in config) return { problem: `piper voice ${pair.name} cannot be used: its config ${pair.config} ${config.problem}. ${fix}` };
    const speakers = Object.keys(config.speakers).sort((a, b) => config.speakers[a]! - config.speakers[b]!);
    const details = [config.sampleRate === undefined ? undefined : `${config.sampleRate} Hz`, speakers.length > 1 ? `${speakers.length} speakers` : undefined];
    voices.push({
      name: pair.name,
      ...(config.language === undefined ? {} : { language: config.language }),
      description: [`piper voice in ${folder}`, ...details.filter(Boolean)].join(', '),
      ...(speakers.length > 1 ? { speakers } : {}),
    });
    models[pair.name] = { model: pair.model, config: pair.config, speakers: config.speakers, lengthScale: config.lengthScale, stamp: stampVoice(pair) };
  }
  return { voices, models };
}

/**
 * A voice's identity: the model's size and time and the config's whole text. A model is tens of megabytes, too much
 * to hash on every run; one retrained or downloaded again is written anew, so its time changes even where its size
 * (the same architecture) does not.
 */
function stampVoice(pair: VoiceFilePair): VoiceStamp {
  const model = pair.modelFile;
  const identity = createHash('sha256')
    .update(JSON.stringify([model?.size ?? null, model?.mtimeMs ?? null, pair.configText ?? null]))
    .digest('hex')
    .slice(0, 32);
  return { identity, files: [pair.modelFile, pair.configFile].filter((file) => file !== undefined) };
}

/** The stamp of "name" or "name#speaker" (every speaker of a voice shares its files); undefined before the probe or for no such voice. */
export function piperVoiceStamp(setup: PiperSetup | undefined, voice: string): VoiceStamp | undefined {
  const name = voice.split('#', 1)[0]!;
  return setup && Object.hasOwn(setup.voices, name) ? setup.voices[name]!.stamp : undefined;
}

const PIPER_VOICE_NAME = /^[^#\p{Cc}]+$/u;
/** A voice name as listed, optionally with a speaker after "#": nothing in it reaches piper's command line but its files' paths and a number. */
export const PIPER_VOICE_PATTERN = /^[^#\p{Cc}]+(?:#[^#\p{Cc}]+)?$/u;

/** The files and speaker number of "name" or "name#speaker"; EngineError when the probe found no such voice or speaker. */
export function resolvePiperVoice(setup: PiperSetup, voice: string): { model: PiperVoiceModel; speakerId?: number } {
  const hash = voice.indexOf('#');
  const name = hash < 0 ? voice : voice.slice(0, hash);
  const model = Object.hasOwn(setup.voices, name) ? setup.voices[name] : undefined;
  if (!model) throw new EngineError(`piper has no voice "${name}". Run \`briefcast voices\` to see the voices installed.`);
  if (hash < 0) return { model };
  const speaker = voice.slice(hash + 1);
  if (!Object.hasOwn(model.speakers, speaker)) {
    throw new EngineError(`piper voice ${name} has no speaker "${speaker}". Run \`briefcast voices\` to see its speakers.`);
  }
  return { model, speakerId: model.speakers[speaker]! };
}

/** Each generation's spelling of the options briefcast uses. */
const PIPER_OPTIONS: Readonly<
  Record<PiperCommandLine, Readonly<Record<'model' | 'config' | 'outputFile' | 'outputDir' | 'lengthScale' | 'speaker' | 'sentenceSilence', string>>>
> = {
  legacy: {
    model: '--model',
    config: '--config',
    outputFile: '--output_file',
    outputDir: '--output_dir',
    lengthScale: '--length_scale',
    speaker: '--speaker',
    sentenceSilence: '--sentence_silence',
  },
  python: {
    model: '--model',
    config: '--config',
    outputFile: '--output-file',
    outputDir: '--output-dir',
    lengthScale: '--length-scale',
    speaker: '--speaker',
    sentenceSilence: '--sentence-silence',
  },
};

/**
 * A piper voice's pace at its own length scale, on espeak-ng's `-s` scale (ENGINE_DEFAULT_WPM is 175). An estimate:
 * piper's published voices read news prose at roughly 160 words a minute; no voice could be measured here.
 */
const PIPER_BASE_WPM = 160;

/** The --length_scale for a words-per-minute rate, relative to the voice's own; undefined keeps the voice's pace. */
export function piperLengthScale(model: Pick<PiperVoiceModel, 'lengthScale'>, rateWpm: number | undefined): string | undefined {
  if (rateWpm === undefined) return undefined;
  return formatFactor((model.lengthScale * PIPER_BASE_WPM) / rateWpm, 0.25, 4);
}

// Between the sentences piper finds inside one text: both generations' default differs (C++ 0.2 s, Python 0), so
// it is always given. Between texts, briefcast's own pauses apply.
const SENTENCE_SILENCE_SECONDS = '0.2';

/** piper's argv (without the program): one text on stdin into `outputWav`, or, with `outputDir`, one WAV per stdin line there. */
export function buildPiperArgs(call: EngineCall<PiperSetup>, output: 'file' | 'folder'): string[] {
  if (!call.setup) throw new EngineError('piper must be probed before it runs (its command line and voices are not known yet).');
  const options = PIPER_OPTIONS[call.setup.commandLine];
  const { model, speakerId } = resolvePiperVoice(call.setup, call.voice);
  const target = output === 'folder' ? [options.outputDir, call.outputDir ?? ''] : [options.outputFile, call.outputWav];
  if (!target[1]) throw new EngineError('piper was given no output folder.');
  const lengthScale = piperLengthScale(model, call.rateWpm);
  return [
    options.model,
    model.model,
    options.config,
    model.config,
    ...target,
    options.sentenceSilence,
    SENTENCE_SILENCE_SECONDS,
    ...(speakerId === undefined ? [] : [options.speaker, String(speakerId)]),
    ...(lengthScale === undefined ? [] : [options.lengthScale, lengthScale]),
  ];
}

/** One text per line: a line break inside a text would make it two texts, and two WAVs. */
export function toPiperSpeech(text: string): string {
  return toUnicodeSpeech(text).replace(/\s*\n\s*/g, ' ');
}

/**
 * The WAVs of an output-folder run in the order of the lines they read: the C++ release prints each file's path
 * as it finishes it; the Python package prints nothing there and names each file by a monotonic nanosecond clock.
 */
export function orderPiperWavs(output: { stdout: string; names: readonly string[] }): string[] | undefined {
  const { stdout, names } = output;
  const printed = stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /\.wav$/i.test(line))
    .map((line) => line.split(/[\\/]/).pop()!);
  if (printed.length === names.length && new Set(printed).size === names.length && printed.every((name) => names.includes(name))) return printed;
  if (!names.every((name) => /^\d+\.wav$/i.test(name))) return undefined;
  return [...names].sort((a, b) => {
    const [x, y] = [BigInt(a.slice(0, -4)), BigInt(b.slice(0, -4))];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export const PIPER: ProcessEngineDescription<PiperSetup> = {
  name: 'piper',
  naturalVoices: true,
  installHint: `piper is not installed. Install it with \`pip install piper-tts\` (or put the piper release on PATH, or set PIPER_PATH to it), then fetch a voice with ${voiceDownloadCommand('~/.local/share/briefcast/piper-voices')}.`,
  executable: { name: 'piper', pathVariable: 'PIPER_PATH' },
  probe: {
    // Python starts slowly (it loads onnxruntime before it parses a flag): a generous limit for two constant questions.
    commands: () => [
      { args: ['--help'], timeoutMs: 60_000 },
      { args: ['--version'], timeoutMs: 60_000 },
    ],
    voiceFolders: { folders: (env) => piperVoiceFolders(env), modelSuffix: '.onnx', configSuffix: '.json' },
    parse([help, version], { executable, voiceFolders = [] }, voiceFiles = []) {
      const commandLine = detectPiperCommandLine(`${help!.stdout}\n${help!.stderr}`);
      if (!commandLine) {
        return {
          problem: `${executable} does not answer --help as piper does (no --model and --output_file or --output-file in it). Set PIPER_PATH to the piper program, or choose another --engine.`,
        };
      }
      const found = readPiperVoices(voiceFiles);
      if ('problem' in found) return found;
      if (found.voices.length === 0) {
        const folder = voiceFolders.at(-1) ?? defaultPiperVoiceFolder();
        return { problem: `piper (${executable}) has no voice installed. Fetch one with ${describeVoiceDownload(folder)}.` };
      }
      return {
        version: parsePiperVersion(commandLine, version!.stdout),
        voices: found.voices,
        defaultVoices: pickPiperDefaults(found.voices),
        setup: { commandLine, voices: found.models },
      };
    },
  },
  voiceStamp: piperVoiceStamp,
  // A paragraph: piper reads a line as a whole and splits it into sentences itself.
  maxChars: 1000,
  voicePattern: PIPER_VOICE_PATTERN,
  speech: toPiperSpeech,
  textInput: 'stdin',
  // Python reads stdin in the locale's encoding unless told otherwise; the text is always UTF-8.
  environment: { PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' },
  args: (call) => buildPiperArgs(call, 'file'),
  // Loading a voice takes about a second, far more than a sentence: a paragraph's texts go through one run, a line
  // each, and piper writes one WAV per line into the run's folder. Each line is read as it would be alone.
  sentences: {
    anySegment: true,
    texts: (sentences) => [`${sentences.join('\n')}\n`],
    args: (call) => buildPiperArgs(call, 'folder'),
    wavOrder: (output) => orderPiperWavs(output),
    // Towards the end, a run still gets a few paragraphs (about a minute of speech): a second of loading the model
    // again costs more than the last runs gain by sharing two cores more evenly.
    minGroupChars: 1200,
  },
};
