// Synthesizes every segment of a script with a bounded pool of engine runs, and hands the clips on in
// programme order as soon as each is ready, so the join can start before synthesis ends.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeWithFfmpeg } from '../audio/ffmpeg.js';
import { findSoundRange } from '../audio/pcm.js';
import { parseWav, WavFormatError, type PcmClip } from '../audio/wav.js';
import { BriefcastError, EngineError, UsageError } from '../errors.js';
import type { Segment } from '../types.js';
import type { SpeechEngine } from './engine.js';
import { clipCacheKey, type ClipCache } from './clip-cache.js';
import { voiceKey } from './engine-version.js';
import { ENGINE_DEFAULT_WPM } from '../defaults.js';

export interface SynthesisOptions {
  ffmpeg: string;
  workDir: string;
  jobs: number;
  rateWpm?: number;
  signal?: AbortSignal;
  /** Reused clips; undefined synthesizes everything. */
  cache?: ClipCache;
  /**
   * How long an engine may take on a short text before it counts as hung (default DEFAULT_ENGINE_TIMEOUT_MS); a
   * longer text gets as much again per 200 characters. BRIEFCAST_ENGINE_TIMEOUT_MS sets it (readEngineTimeoutMs).
   */
  engineTimeoutMs?: number;
  /** The engine's version changes the audio, so it is part of the cache key. */
  engineVersion: string;
  /** Called once per segment, in programme order, with its trimmed clip. */
  onClip: (index: number, clip: PcmClip) => Promise<void>;
}

// The fastest plausible speech at an engine's own pace (~175 wpm, about 13 letters a second): a clip much shorter
// than this for its text means the engine dropped words. It scales with --rate, which goes up to 500 wpm.
const MAX_LETTERS_PER_SECOND = 40;

const DEFAULT_ENGINE_TIMEOUT_MS = 20_000;
/** The environment variable that sets SynthesisOptions.engineTimeoutMs, for slow machines and for tests. */
const ENGINE_TIMEOUT_VARIABLE = 'BRIEFCAST_ENGINE_TIMEOUT_MS';
// Node's timers take no longer delay: a longer one fires at once.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const CHARACTERS_PER_TIMEOUT = 200;

/** How long an engine may take on a text before it is considered hung: generous, and growing with the text. */
export function synthesisTimeoutMs(text: string, baseMs = DEFAULT_ENGINE_TIMEOUT_MS): number {
  return Math.min(MAX_TIMEOUT_MS, Math.round(baseMs * (1 + text.length / CHARACTERS_PER_TIMEOUT)));
}

/** The engine timeout ENGINE_TIMEOUT_VARIABLE asks for, undefined when it is unset; UsageError for anything but whole milliseconds. */
export function readEngineTimeoutMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env[ENGINE_TIMEOUT_VARIABLE]?.trim();
  if (value === undefined || value === '') return undefined;
  const ms = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (ms >= 1 && ms <= MAX_TIMEOUT_MS) return ms;
  throw new UsageError(
    `${ENGINE_TIMEOUT_VARIABLE} is ${JSON.stringify(value.slice(0, 40))}: it must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, the time an engine may take on a short text. Unset it for the default, ${DEFAULT_ENGINE_TIMEOUT_MS}.`,
  );
}

// A segment that ends a sentence can share an engine run with other segments of its voice; a heading or a piece
// of a cut sentence only with an engine that groupsAnySegment: another would not end an utterance there.
const SENTENCE_END = /[.!?]["')\]]*$/;
const MAX_GROUP_SEGMENTS = 16;
const MAX_GROUP_CHARS = 2400;
// Groups shrink towards the end of the programme, to no more than a quarter of the text left: the last engine
// runs finish close together instead of one core reading a long group while the other has nothing to do.
const MIN_GROUP_CHARS = 400;
const TAPER_SHARE = 4;
// How far past its first segment a group may reach for more of its voice. The host's intros sit between the
// narrator's paragraphs: reaching over them turns one short engine run per intro into one run for several. The
// reach bounds the clips that wait, ready, for an earlier one (memory), whatever the article's length.
const GROUP_REACH_SEGMENTS = 48;

/**
 * Sets of whole-sentence segments (with `anySegment`, of any segments) of one voice, each within
 * GROUP_REACH_SEGMENTS of its first, that an engine may read in one run; every other segment alone. Groups come
 * in the order of their first segment.
 */
export function groupSegments(segments: readonly Segment[], canGroup: boolean, anySegment = false, minGroupChars = MIN_GROUP_CHARS): number[][] {
  if (!canGroup) return segments.map((_, index) => [index]);
  const groupable = segments.map((segment) => anySegment || SENTENCE_END.test(segment.spoken));
  const charsFrom = new Array<number>(segments.length + 1).fill(0);
  for (let index = segments.length - 1; index >= 0; index--) charsFrom[index] = charsFrom[index + 1]! + segments[index]!.spoken.length;
  const grouped = new Array<boolean>(segments.length).fill(false);
  const groups: number[][] = [];
  for (let first = 0; first < segments.length; first++) {
    if (grouped[first]) continue;
    const group = [first];
    grouped[first] = true;
    if (groupable[first]) {
      const voice = segments[first]!.voice;
      let chars = segments[first]!.spoken.length;
      const budget = Math.min(MAX_GROUP_CHARS, Math.max(minGroupChars, charsFrom[first]! / TAPER_SHARE));
      const reach = Math.min(segments.length, first + GROUP_REACH_SEGMENTS);
      for (let next = first + 1; next < reach && group.length < MAX_GROUP_SEGMENTS; next++) {
        const segment = segments[next]!;
        if (grouped[next] || !groupable[next] || segment.voice !== voice) continue;
        if (chars + segment.spoken.length > budget) break;
        group.push(next);
        grouped[next] = true;
        chars += segment.spoken.length;
      }
    }
    groups.push(group);
  }
  return groups;
}

// How far engine runs may get ahead of the clip the encoder waits for: the ready clips held in memory stay
// bounded whatever the article's length.
const MAX_SEGMENTS_AHEAD = 48;

export async function synthesizeClips(segments: readonly Segment[], engine: SpeechEngine, options: SynthesisOptions): Promise<void> {
  const ready = new Map<number, PcmClip>();
  const groups = groupSegments(segments, Boolean(engine.synthesizeSentences), engine.groupsAnySegment, engine.minGroupChars);
  let nextToDeliver = 0;
  let nextGroup = 0;
  let delivering: Promise<void> = Promise.resolve();
  let failed = false;
  let firstError: unknown;
  // Workers waiting for the encoder to catch up; woken by every delivery and by a failure.
  let waiting: (() => void)[] = [];
  const wakeWorkers = () => {
    const woken = waiting;
    waiting = [];
    woken.forEach((wake) => wake());
  };
  const fail = (error: unknown) => {
    if (!failed) firstError = error;
    failed = true;
    wakeWorkers();
  };

  const deliverInOrder = async () => {
    while (!failed && ready.has(nextToDeliver)) {
      const clip = ready.get(nextToDeliver)!;
      ready.delete(nextToDeliver);
      await options.onClip(nextToDeliver, clip);
      nextToDeliver++;
      wakeWorkers();
    }
  };

  const worker = async () => {
    while (nextGroup < groups.length && !failed) {
      options.signal?.throwIfAborted();
      if (groups[nextGroup]![0]! > nextToDeliver + MAX_SEGMENTS_AHEAD) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const group = groups[nextGroup++]!;
      try {
        for (const [index, clip] of await synthesizeGroup(group, segments, engine, options)) ready.set(index, clip);
        // Delivery is serialized, and the worker does not wait for it: the next engine run starts while the
        // clips are appended and the encoder takes them in.
        delivering = delivering.then(deliverInOrder).catch(fail);
      } catch (error) {
        fail(error);
      }
    }
  };

  const workers = Array.from({ length: Math.max(1, Math.min(options.jobs, groups.length)) }, worker);
  // Wait for every worker, not just the first failure: the others may still have an engine running or a file
  // open in the work folder, which the caller removes as soon as this returns.
  await Promise.allSettled(workers);
  await delivering;
  if (options.signal?.aborted) throw options.signal.reason;
  if (failed) throw firstError;
}

type ClipOptions = Omit<SynthesisOptions, 'onClip' | 'jobs'>;

function cacheKeyFor(segment: Segment, engine: SpeechEngine, options: ClipOptions): string {
  return clipCacheKey({
    engine: engine.name,
    engineVersion: options.engineVersion,
    voice: voiceKey(engine, segment.voice),
    rateWpm: options.rateWpm,
    spoken: segment.spoken,
  });
}

/** A group's clips: cached ones as they are, the rest in one engine run when the engine can, else one by one. */
async function synthesizeGroup(
  indices: readonly number[],
  segments: readonly Segment[],
  engine: SpeechEngine,
  options: ClipOptions,
): Promise<Map<number, PcmClip>> {
  const clips = new Map<number, PcmClip>();
  const missing: number[] = [];
  for (const index of indices) {
    const cached = options.cache ? await options.cache.get(cacheKeyFor(segments[index]!, engine, options)) : undefined;
    if (cached) clips.set(index, cached);
    else missing.push(index);
  }
  const together = missing.length > 1 ? await synthesizeSentencesTogether(missing, segments, engine, options) : undefined;
  for (const index of missing) {
    const clip = together?.get(index) ?? (await synthesizeWithRetry(segments[index]!, index, engine, options));
    clips.set(index, clip);
    await options.cache?.put(cacheKeyFor(segments[index]!, engine, options), clip);
  }
  return clips;
}

/**
 * Several sentences in one engine run, cut apart at the utterance ends the engine reports. Undefined (and the
 * caller reads them one by one, with its retry and its precise error) when anything about the run is off.
 */
async function synthesizeSentencesTogether(
  indices: readonly number[],
  segments: readonly Segment[],
  engine: SpeechEngine,
  options: ClipOptions,
): Promise<Map<number, PcmClip> | undefined> {
  const group = indices.map((index) => segments[index]!);
  const workDir = path.join(options.workDir, `group-${indices[0]}`);
  await mkdir(workDir, { recursive: true });
  try {
    const outputWav = path.join(workDir, 'clip.wav');
    const reading = await engine.synthesizeSentences!({
      sentences: group.map((segment) => segment.spoken),
      voice: group[0]!.voice,
      rateWpm: options.rateWpm,
      outputWav,
      workDir,
      signal: options.signal,
      timeoutMs: synthesisTimeoutMs(group.map((segment) => segment.spoken).join(' '), options.engineTimeoutMs),
    });
    if (!reading) return undefined;
    const { durations } = reading;
    const clip = reading.clip ?? (await readClip(outputWav, options));
    const clips = new Map<number, PcmClip>();
    let elapsed = 0;
    for (const [position, index] of indices.entries()) {
      const from = Math.round(elapsed * clip.sampleRate);
      elapsed += durations[position]!;
      const to = position === indices.length - 1 ? clip.samples.length : Math.round(elapsed * clip.sampleRate);
      const piece = trimReading({ sampleRate: clip.sampleRate, samples: clip.samples.subarray(from, to) }, segments[index]!.spoken, options.rateWpm);
      // Any doubtful piece sends the whole group back to one run per sentence, with its retry and precise error.
      if ('problem' in piece) return undefined;
      clips.set(index, piece.clip);
    }
    return clips;
  } catch {
    options.signal?.throwIfAborted();
    return undefined;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The clip without the engine's silence at its edges, or why it cannot be the reading of the text. */
function trimReading(clip: PcmClip, text: string, rateWpm: number | undefined): { clip: PcmClip } | { problem: string } {
  const [start, end] = findSoundRange(clip.samples, clip.sampleRate);
  if (end <= start) return { problem: `wrote only silence for "${firstWords(text)}"` };
  const seconds = (end - start) / clip.sampleRate;
  if (seconds < minimumSeconds(text, rateWpm)) {
    return { problem: `wrote ${seconds.toFixed(2)} s of audio for "${firstWords(text)}", too short for ${text.length} characters` };
  }
  // A view, not a copy: the engine's output is read once and dropped once its clips are appended, and copying
  // every sample again costs more than the few trimmed milliseconds it would free.
  return { clip: { sampleRate: clip.sampleRate, samples: clip.samples.subarray(start, end) } };
}

function minimumSeconds(text: string, rateWpm: number | undefined): number {
  // Letters and digits only: punctuation ("!!!", "...") takes no time to say.
  const letters = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return letters / (MAX_LETTERS_PER_SECOND * Math.max(1, (rateWpm ?? ENGINE_DEFAULT_WPM) / ENGINE_DEFAULT_WPM));
}

export async function synthesizeWithRetry(
  segment: Segment,
  index: number,
  engine: SpeechEngine,
  options: Omit<SynthesisOptions, 'onClip' | 'jobs'>,
): Promise<PcmClip> {
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
  // A negative index is the voice's calibration passage (calibrate-voice.ts), not a segment of the article.
  const where = index < 0 ? "a test passage read to measure the voice's loudness" : `segment ${index + 1}`;
  throw new EngineError(`${reason.replace(/\.$/, '')} (${where}, tried twice). Check the engine with \`briefcast voices\` or try another --engine.`, {
    cause: lastError,
  });
}

async function synthesizeOne(
  segment: Segment,
  index: number,
  attempt: number,
  engine: SpeechEngine,
  options: Omit<SynthesisOptions, 'onClip' | 'jobs'>,
): Promise<PcmClip> {
  const workDir = path.join(options.workDir, `segment-${index}-${attempt}`);
  const outputWav = path.join(workDir, 'clip.wav');
  await mkdir(workDir, { recursive: true });
  try {
    const output = await engine.synthesize({
      text: segment.spoken,
      voice: segment.voice,
      rateWpm: options.rateWpm,
      outputWav,
      workDir,
      signal: options.signal,
      timeoutMs: synthesisTimeoutMs(segment.spoken, options.engineTimeoutMs),
    });
    const reading = trimReading(output.clip ?? (await readClip(outputWav, options)), segment.spoken, options.rateWpm);
    if ('problem' in reading) throw new EngineError(`${engine.name} (voice ${segment.voice}) ${reading.problem}`);
    return reading.clip;
  } catch (error) {
    if (error instanceof BriefcastError || options.signal?.aborted) throw error;
    throw new EngineError(
      `${engine.name} (voice ${segment.voice}) failed on "${firstWords(segment.spoken)}": ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A WAV the engine left unread: read here without a process; anything else (a future engine's AIFF) goes through ffmpeg. */
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
