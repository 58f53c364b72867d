// What every process-based adapter does around its engine: run it through runTool, turn each way it can
// fail into one EngineError that names the engine, the voice and the text, and check the WAV it wrote.
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import { runTool, stderrTail, type ToolResult } from '../../run-tool.js';
import type { EngineName, SynthesisRequest } from '../engine.js';
import { quoteFirstWords } from './engine-text.js';

/** "flite (voice slt) failed on "Chinese President Xi Jinping…"" — the start of every synthesis error. */
export function describeSynthesis(engine: EngineName, request: Pick<SynthesisRequest, 'voice' | 'text'>): string {
  return `${engine} (voice ${request.voice}) failed on ${quoteFirstWords(request.text)}`;
}

/** Throws EngineError unless a voice name is safe to put on a command line. */
export function assertVoiceArgument(engine: EngineName, voice: string, pattern: RegExp): void {
  // The list check lives in resolveVoices; this guards adapters called directly, so that a voice can
  // never start with "-" (an option) or carry characters the engine would parse.
  if (!pattern.test(voice) || voice.startsWith('-')) {
    throw new EngineError(`${engine} cannot use voice "${voice}": not a valid ${engine} voice name. Run \`briefcast voices\` to see the voices installed.`);
  }
}

export function assertSpeakable(engine: EngineName, request: SynthesisRequest, prepared: string, hasSpeakable: boolean): void {
  if (!hasSpeakable) {
    const reason = prepared === request.text ? 'it has no letters or digits' : `nothing in it is text ${engine} can read`;
    throw new EngineError(`${describeSynthesis(engine, request)}: ${reason}. Remove the segment or use --engine espeak-ng for non-Latin text.`);
  }
}

export interface EngineRun {
  engine: EngineName;
  executable: string;
  args: readonly string[];
  request: SynthesisRequest;
  input?: string;
  /** Some engines exit 0 after a failure and only say so on stderr (festival's "SIOD ERROR"). */
  detectFailure?: (result: ToolResult) => string | undefined;
  /** Shown when the executable cannot be started. */
  missingHint: string;
}

/** Runs an engine that writes request.outputWav, then checks the WAV. Throws EngineError on any failure. */
export async function runEngine(run: EngineRun): Promise<ToolResult> {
  const { engine, request } = run;
  request.signal?.throwIfAborted();
  // A stale file from an earlier attempt must not pass for this run's output.
  await rm(request.outputWav, { force: true });
  const result = await runTool(run.executable, run.args, {
    ...(run.input !== undefined ? { input: run.input } : {}),
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    cwd: request.workDir,
  });
  const failure = describeToolFailure(run, result);
  if (failure) throw new EngineError(`${describeSynthesis(engine, request)}: ${failure}`);
  await assertWavWritten(engine, request);
  return result;
}

function describeToolFailure(run: EngineRun, result: ToolResult): string | undefined {
  const tail = stderrTail(result.stderr) || stderrTail(result.stdout);
  switch (result.failure) {
    case undefined:
      return run.detectFailure?.(result);
    case 'missing':
      return `${run.executable} could not be started (not found or not executable). ${run.missingHint}`;
    case 'timeout':
      return `no result after ${formatSeconds(run.request.timeoutMs)}, so it was stopped. Try a shorter text or another --engine.`;
    case 'aborted':
      // The caller's abort reason (Ctrl-C) wins over an engine error.
      run.request.signal?.throwIfAborted();
      return 'it was stopped';
    case 'signal':
      return `killed by ${result.signalName ?? 'a signal'}${tail ? `: ${tail}` : ''}`;
    case 'exit':
      return `exit ${result.exitCode ?? '?'}${tail ? `: ${tail}` : ''}`;
  }
}

function formatSeconds(ms: number | undefined): string {
  return ms === undefined ? 'too long' : `${Math.round(ms / 100) / 10} s`;
}

const WAV_HEADER_BYTES = 44;

/** Throws EngineError unless request.outputWav is a RIFF/WAVE file with more than a header in it. */
export async function assertWavWritten(engine: EngineName, request: SynthesisRequest): Promise<void> {
  const problem = await inspectWav(request.outputWav);
  if (problem) throw new EngineError(`${describeSynthesis(engine, request)}: ${problem} (${path.basename(request.outputWav)}).`);
}

async function inspectWav(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return 'it wrote no audio file';
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return 'it wrote an empty audio file';
    const header = Buffer.alloc(12);
    await handle.read(header, 0, 12, 0);
    if (header.toString('latin1', 0, 4) !== 'RIFF' || header.toString('latin1', 8, 12) !== 'WAVE') return 'it wrote a file that is not a WAV';
    if (size <= WAV_HEADER_BYTES) return 'it wrote a WAV with no audio in it';
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Clamps a number and formats it for an engine argument: finite, bounded, no exponent. */
export function formatFactor(value: number, min: number, max: number): string {
  const bounded = Math.min(max, Math.max(min, Number.isFinite(value) ? value : 1));
  return bounded.toFixed(3);
}
