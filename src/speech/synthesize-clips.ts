// Synthesizes every segment of a script with a bounded pool of engine runs, and hands the clips on in
// programme order as soon as each is ready, so the join can start before synthesis ends.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeWithFfmpeg } from '../audio/ffmpeg.js';
import { findSoundRange } from '../audio/pcm.js';
import { parseWav, WavFormatError, type PcmClip } from '../audio/wav.js';
import { BriefcastError, EngineError } from '../errors.js';
import type { Segment } from '../types.js';
import type { SpeechEngine } from './engine.js';
import { clipCacheKey, type ClipCache } from './clip-cache.js';

export interface SynthesisOptions {
  ffmpeg: string;
  workDir: string;
  jobs: number;
  rateWpm?: number;
  signal?: AbortSignal;
  /** Reused clips; undefined synthesizes everything. */
  cache?: ClipCache;
  /** Engine version and lexicon fingerprint: both change the audio, so both are part of the cache key. */
  engineVersion: string;
  lexiconFingerprint?: string;
  /** Called once per segment, in programme order, with its trimmed clip. */
  onClip: (index: number, clip: PcmClip) => Promise<void>;
}

// The fastest plausible speech: a clip much shorter than this for its text means the engine dropped words.
const MAX_CHARS_PER_SECOND = 40;

/** How long an engine may take on a text before it is considered hung: generous, and growing with the text. */
export function synthesisTimeoutMs(text: string): number {
  return 20_000 + text.length * 100;
}

export async function synthesizeClips(segments: readonly Segment[], engine: SpeechEngine, options: SynthesisOptions): Promise<void> {
  const ready = new Map<number, PcmClip>();
  let nextToDeliver = 0;
  let nextToStart = 0;
  let delivering: Promise<void> = Promise.resolve();

  const deliverInOrder = async () => {
    while (ready.has(nextToDeliver)) {
      const clip = ready.get(nextToDeliver)!;
      ready.delete(nextToDeliver);
      await options.onClip(nextToDeliver, clip);
      nextToDeliver++;
    }
  };

  const worker = async () => {
    while (nextToStart < segments.length) {
      options.signal?.throwIfAborted();
      const index = nextToStart++;
      ready.set(index, await synthesizeCached(segments[index]!, index, engine, options));
      // Delivery is serialized: clips are appended one at a time even though they finish out of order.
      delivering = delivering.then(deliverInOrder);
      await delivering;
    }
  };

  const workers = Array.from({ length: Math.max(1, Math.min(options.jobs, segments.length)) }, worker);
  await Promise.all(workers);
  await delivering;
}

async function synthesizeCached(segment: Segment, index: number, engine: SpeechEngine, options: SynthesisOptions): Promise<PcmClip> {
  if (!options.cache) return synthesizeWithRetry(segment, index, engine, options);
  const key = clipCacheKey({
    engine: engine.name,
    engineVersion: options.engineVersion,
    voice: segment.voice,
    rateWpm: options.rateWpm,
    text: segment.text,
    lexicon: options.lexiconFingerprint,
  });
  const cached = await options.cache.get(key);
  if (cached) return cached;
  const clip = await synthesizeWithRetry(segment, index, engine, options);
  await options.cache.put(key, clip);
  return clip;
}

export async function synthesizeWithRetry(segment: Segment, index: number, engine: SpeechEngine, options: Omit<SynthesisOptions, 'onClip' | 'jobs'>): Promise<PcmClip> {
  let lastError: unknown;
  // An engine that fails once may be a transient fault (memory, a killed child): retry once, then give up.
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await synthesizeOne(segment, index, attempt, engine, options);
    } catch (error) {
      options.signal?.throwIfAborted();
      lastError = error;
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  // Engine errors already name the engine, voice and the first words of the text.
  throw new EngineError(`${reason.replace(/\.$/, '')} (segment ${index + 1}, tried twice). Check the engine with \`briefcast voices\` or try another --engine.`, { cause: lastError });
}

async function synthesizeOne(segment: Segment, index: number, attempt: number, engine: SpeechEngine, options: Omit<SynthesisOptions, 'onClip' | 'jobs'>): Promise<PcmClip> {
  const workDir = path.join(options.workDir, `segment-${index}-${attempt}`);
  const outputWav = path.join(workDir, 'clip.wav');
  await mkdir(workDir, { recursive: true });
  try {
    await engine.synthesize({
      text: segment.text,
      voice: segment.voice,
      rateWpm: options.rateWpm,
      outputWav,
      workDir,
      signal: options.signal,
      timeoutMs: synthesisTimeoutMs(segment.text),
    });
    const clip = await readClip(outputWav, options);
    const [start, end] = findSoundRange(clip.samples, clip.sampleRate);
    const what = `${engine.name} (voice ${segment.voice})`;
    if (end <= start) throw new EngineError(`${what} wrote only silence for "${firstWords(segment.text)}"`);
    const seconds = (end - start) / clip.sampleRate;
    const minimumSeconds = segment.text.replace(/\s+/g, '').length / MAX_CHARS_PER_SECOND;
    if (seconds < minimumSeconds) {
      throw new EngineError(`${what} wrote ${seconds.toFixed(2)} s of audio for "${firstWords(segment.text)}", too short for ${segment.text.length} characters`);
    }
    // A copy, so the trimmed clip does not keep the engine's whole output alive.
    return { sampleRate: clip.sampleRate, samples: clip.samples.slice(start, end) };
  } catch (error) {
    if (error instanceof BriefcastError || options.signal?.aborted) throw error;
    throw new EngineError(`${engine.name} (voice ${segment.voice}) failed on "${firstWords(segment.text)}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Engines write WAV, read here without a process; anything else (a future engine's AIFF) goes through ffmpeg. */
async function readClip(file: string, options: Pick<SynthesisOptions, 'ffmpeg' | 'signal'>): Promise<PcmClip> {
  try {
    return parseWav(await readFile(file));
  } catch (error) {
    if (!(error instanceof WavFormatError)) throw error;
    return decodeWithFfmpeg(options.ffmpeg, file, options.signal);
  }
}

export function firstWords(text: string, count = 6): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, count).join(' ') + (words.length > count ? '…' : '');
}
