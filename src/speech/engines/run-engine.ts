// What every engine does around a run, whatever runs it (a process, or flite-wasm's worker): check the voice and
// the text, run once, turn each way a run can fail into one EngineError that names the engine, the voice and the
// text, and read the WAV it wrote once, checking it on the way.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseWav, WavFormatError, type PcmClip } from '../../audio/wav.js';
import { EngineError } from '../../errors.js';
import { stderrTail, type ToolResult } from '../../run-tool.js';
import type { EngineInfo, EngineName, SentencesOutput, SentencesRequest, SpeechEngine, SynthesisRequest } from '../engine.js';
import type { EngineCall, EngineDescription } from './engine-description.js';
import { hasSpeakableText, quoteFirstWords } from './engine-text.js';

/** "flite (voice slt) failed on "Chinese President Xi Jinping…"" — the start of every synthesis error. */
export function describeSynthesis(engine: EngineName, request: Pick<SynthesisRequest, 'voice' | 'text'>): string {
  return `${engine} (voice ${request.voice}) failed on ${quoteFirstWords(request.text)}`;
}

/** Throws EngineError unless a voice name is safe to put on a command line (and, for an engine that lists them all, one it has). */
function assertVoiceArgument(description: Pick<EngineDescription<unknown>, 'name' | 'voicePattern' | 'voices'>, voice: string): void {
  const { name, voicePattern, voices } = description;
  // The list check lives in resolveVoices; this guards adapters called directly, so that a voice can
  // never start with "-" (an option) or carry characters the engine would parse.
  if (!voicePattern.test(voice) || voice.startsWith('-')) {
    throw new EngineError(`${name} cannot use voice "${voice}": not a valid ${name} voice name. Run \`briefcast voices\` to see the voices installed.`);
  }
  if (voices && !voices.includes(voice)) {
    throw new EngineError(`${name} has no voice "${voice}". Its voices are ${voices.join(', ')}; run \`briefcast voices\` to see them.`);
  }
}

function assertSpeakable(engine: EngineName, request: SynthesisRequest, prepared: string): void {
  if (!hasSpeakableText(prepared)) {
    const reason = prepared === request.text ? 'it has no letters or digits' : `nothing in it is text ${engine} can read`;
    throw new EngineError(`${describeSynthesis(engine, request)}: ${reason}. Remove the segment or use --engine espeak-ng for non-Latin text.`);
  }
}

/** How one run ended, told alike by both runners. */
export interface EngineOutcome extends Pick<ToolResult, 'exitCode' | 'stdout' | 'stderr' | 'signalName'> {
  /** ToolResult's failures, and 'crash' for a runner that died itself (flite-wasm's worker). */
  failure?: ToolResult['failure'] | 'crash';
  /** What was started, for the message when it could not be. */
  program?: string;
  crashMessage?: string;
}

/** The paths of one run's files as the engine sees them, and what the runner's probe learned. */
type EnginePaths<Setup> = Pick<EngineCall<Setup>, 'textPaths' | 'outputWav' | 'scriptPaths' | 'setup'>;

export interface EngineJob<Setup = undefined> {
  /** What each text file holds, in order (or, for an engine that reads stdin, its one input). */
  texts: readonly string[];
  /** The argv (without the program) once the runner knows where the files are. */
  args(paths: EnginePaths<Setup>): string[];
  request: SynthesisRequest;
}

/** Runs descriptions: where the engine is, what is installed, and one run of it. */
interface EngineRunner<Setup> {
  probe(): Promise<EngineInfo | null>;
  /** Runs the engine once; rejects only for a failure of the runner itself, never for the engine's. */
  run(job: EngineJob<Setup>): Promise<EngineOutcome>;
}

/** A SpeechEngine that reads with a description and runs with a runner. */
export function createDescribedEngine<Setup>(description: EngineDescription<Setup>, runner: EngineRunner<Setup>): SpeechEngine {
  const { name, sentences } = description;

  async function runOnce(
    texts: readonly string[],
    args: (call: EngineCall<Setup>) => string[],
    request: SynthesisRequest,
    outputDir?: string,
  ): Promise<{ stdout: string; clip: PcmClip | undefined }> {
    request.signal?.throwIfAborted();
    // A stale file from an earlier attempt must not pass for this run's output.
    await rm(request.outputWav, { force: true });
    const outcome = await runner.run({
      texts,
      request,
      args: (paths) => args({ ...paths, voice: request.voice, rateWpm: request.rateWpm, ...(outputDir === undefined ? {} : { outputDir }) }),
    });
    const failure = describeFailure(description, outcome, request);
    if (failure) throw new EngineError(`${describeSynthesis(name, request)}: ${failure}`);
    return { stdout: outcome.stdout, clip: outputDir === undefined ? await readWrittenWav(name, request) : undefined };
  }

  /**
   * A run that writes one WAV per text into a folder of its own: the WAVs read in the order the description
   * gives, joined into one clip, each one's length its text's duration. Undefined when anything does not add up.
   */
  async function readOneWavEach(texts: readonly string[], request: SentencesRequest): Promise<SentencesOutput | undefined> {
    const outputDir = await mkdtemp(path.join(request.workDir, `${name}-wavs-`));
    try {
      const { stdout } = await runOnce(sentences!.texts(texts, request.rateWpm), sentences!.args, { ...request, text: texts.join(' ') }, outputDir);
      const names = (await readdir(outputDir)).filter((file) => file.toLowerCase().endsWith('.wav'));
      const ordered = names.length === texts.length ? sentences!.wavOrder!({ stdout, names }, texts.length) : undefined;
      if (ordered?.length !== texts.length) return undefined;
      const clips: PcmClip[] = [];
      for (const file of ordered) {
        const clip = parseWavOrUndefined(await readFile(path.join(outputDir, file)));
        if (!clip || clip.sampleRate !== (clips[0] ?? clip).sampleRate) return undefined;
        clips.push(clip);
      }
      return { durations: clips.map((clip) => clip.samples.length / clip.sampleRate), clip: joinClips(clips) };
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  }

  const engine: SpeechEngine = {
    name,
    maxChars: description.maxChars,
    probe: () => runner.probe(),

    async synthesize(request) {
      assertVoiceArgument(description, request.voice);
      const text = description.speech(request.text);
      assertSpeakable(name, request, text);
      const { clip } = await runOnce([text], description.args, request);
      return { clip };
    },
  };
  if (!sentences) return engine;
  return {
    ...engine,
    groupsAnySegment: sentences.anySegment === true,
    ...(sentences.minGroupChars === undefined ? {} : { minGroupChars: sentences.minGroupChars }),
    async synthesizeSentences(request): Promise<SentencesOutput | undefined> {
      assertVoiceArgument(description, request.voice);
      const texts = request.sentences.map(description.speech);
      if (!texts.every(hasSpeakableText)) return undefined;
      if (sentences.wavOrder) return readOneWavEach(texts, request);
      const { stdout, clip } = await runOnce(sentences.texts(texts, request.rateWpm), sentences.args, { ...request, text: texts.join(' ') });
      const durations = sentences.durations?.({ stdout, clip }, texts.length);
      // Anything doubtful and the caller reads the sentences one run each, with its checks and precise errors.
      return durations?.length === texts.length && durations.every((duration) => duration > 0) ? { durations, clip } : undefined;
    },
  };
}

function parseWavOrUndefined(bytes: Buffer): PcmClip | undefined {
  try {
    return parseWav(bytes);
  } catch (error) {
    if (error instanceof WavFormatError) return undefined;
    throw error;
  }
}

/** One clip of several at one rate, end to end. */
function joinClips(clips: readonly PcmClip[]): PcmClip {
  const samples = new Int16Array(clips.reduce((sum, clip) => sum + clip.samples.length, 0));
  let offset = 0;
  for (const clip of clips) {
    samples.set(clip.samples, offset);
    offset += clip.samples.length;
  }
  return { sampleRate: clips[0]!.sampleRate, samples };
}

function describeFailure(description: EngineDescription<unknown>, outcome: EngineOutcome, request: SynthesisRequest): string | undefined {
  const tail = stderrTail(outcome.stderr) || stderrTail(outcome.stdout);
  switch (outcome.failure) {
    case undefined:
      return description.detectFailure?.(outcome);
    case 'missing':
      return `${outcome.program ?? description.name} could not be started (not found or not executable). ${description.installHint}`;
    case 'timeout':
      return `no result after ${formatSeconds(request.timeoutMs)}, so it was stopped. Try a shorter text or another --engine.`;
    case 'aborted':
      // The caller's abort reason (Ctrl-C) wins over an engine error.
      request.signal?.throwIfAborted();
      return 'it was stopped';
    case 'signal':
      return `killed by ${outcome.signalName ?? 'a signal'}${tail ? `: ${tail}` : ''}`;
    case 'exit':
      return `exit ${outcome.exitCode ?? '?'}${tail ? `: ${tail}` : ''}`;
    case 'crash':
      return `it crashed: ${outcome.crashMessage ?? 'unknown error'}`;
  }
}

function formatSeconds(ms: number | undefined): string {
  return ms === undefined ? 'too long' : `${Math.round(ms / 100) / 10} s`;
}

const WAV_HEADER_BYTES = 44;

/**
 * The WAV at request.outputWav, read once: parsed when parseWav reads its encoding, undefined when only ffmpeg
 * can. Throws EngineError unless it is a RIFF/WAVE file with more than a header in it.
 */
async function readWrittenWav(engine: EngineName, request: SynthesisRequest): Promise<PcmClip | undefined> {
  const bytes = await readFile(request.outputWav).catch(() => undefined);
  const problem = describeWavProblem(bytes);
  if (problem) throw new EngineError(`${describeSynthesis(engine, request)}: ${problem} (${path.basename(request.outputWav)}).`);
  try {
    return parseWav(bytes!);
  } catch (error) {
    if (error instanceof WavFormatError) return undefined;
    throw error;
  }
}

function describeWavProblem(bytes: Buffer | undefined): string | undefined {
  if (bytes === undefined) return 'it wrote no audio file';
  if (bytes.length === 0) return 'it wrote an empty audio file';
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') return 'it wrote a file that is not a WAV';
  if (bytes.length <= WAV_HEADER_BYTES) return 'it wrote a WAV with no audio in it';
  return undefined;
}
