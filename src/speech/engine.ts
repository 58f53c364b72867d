// The interface every text-to-speech engine adapter implements.
import type { PcmClip } from '../audio/wav.js';

// piper first: its neural voices are the most natural, and it counts as present only once a voice is installed.
export const ENGINES = ['piper', 'say', 'sapi', 'flite', 'festival', 'espeak-ng', 'flite-wasm'] as const;
export type EngineName = (typeof ENGINES)[number];
/** --engine auto tries engines in this order and picks the first one present. */
export const AUTO_ENGINE_ORDER: readonly EngineName[] = [...ENGINES];

export interface VoiceInfo {
  /** The name passed to --voice / --host-voice. */
  name: string;
  /** BCP 47 ("en-US"), as far as the engine tells. */
  language?: string;
  gender?: string;
  description?: string;
  /** The speakers of a multi-speaker voice, chosen as `<name>#<speaker>` (piper); absent for one-speaker voices. */
  speakers?: string[];
}

export interface EngineInfo {
  name: EngineName;
  /** Absolute path of the executable (or the .wasm module for flite-wasm). */
  path: string;
  version: string;
  voices: VoiceInfo[];
  /**
   * Voice variants an engine can add to any voice as `<voice>+<variant>` (espeak-ng's `en-us+f3`);
   * absent for engines without them.
   */
  variants?: string[];
  defaultVoices: { narrator: string; host: string };
}

/** A file behind a voice as it was when the voice was probed. */
export interface StampedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * What tells this copy of a voice's files from another of the same name (piper: a retrained or resized model put
 * in place of the old one). Voices built into an engine have none: the engine's version and path cover them.
 */
export interface VoiceStamp {
  /** Changes whenever the voice's files do; part of the clip cache's, the calibrations' and a batch's keys. */
  identity: string;
  /** The files as the identity saw them: a later look at their size and time tells whether it still holds. */
  files: readonly StampedFile[];
}

export interface SynthesisRequest {
  text: string;
  voice: string;
  /** Words per minute; undefined keeps the engine's default speed. */
  rateWpm?: number;
  /** Where the engine must write a WAV file. */
  outputWav: string;
  /**
   * An existing folder the adapter may write scratch files into (e.g. the text file). Requests running at the
   * same time may share it, so every file an adapter puts there has a name of its own.
   */
  workDir: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface SentencesRequest extends Omit<SynthesisRequest, 'text'> {
  /**
   * Texts read in one engine run: whole sentences, each ending in sentence punctuation, or any segments' texts
   * for an engine that groupsAnySegment.
   */
  sentences: string[];
}

/** What an engine run gives back besides the WAV file it wrote. */
export interface SpeechOutput {
  /**
   * The WAV at outputWav, already read and parsed, so that nobody reads it twice; absent when the caller must read
   * the file itself (an encoding only ffmpeg decodes).
   */
  clip?: PcmClip;
}

export interface SentencesOutput extends SpeechOutput {
  /** Each sentence's duration in seconds, in order: where to cut the WAV into one clip per sentence. */
  durations: number[];
}

export interface SpeechEngine {
  readonly name: EngineName;
  /** Longest text (in characters) the adapter is given in one request; the script stage chunks to this. */
  readonly maxChars: number;
  /** Resolves to null when the engine is not installed on this machine. */
  probe(): Promise<EngineInfo | null>;
  /** Writes a WAV for the text. Throws EngineError on failure. */
  synthesize(request: SynthesisRequest): Promise<SpeechOutput>;
  /**
   * Optional: reads several sentences in one run (one start-up instead of many) into one WAV and resolves to
   * each sentence's duration; undefined when the engine split the text otherwise.
   */
  synthesizeSentences?(request: SentencesRequest): Promise<SentencesOutput | undefined>;
  /**
   * synthesizeSentences reads every text as its own utterance, exactly as it would read it alone, so segments that
   * end no sentence (headings, pieces of a long sentence) may share a run too.
   */
  readonly groupsAnySegment?: boolean;
  /**
   * The least text worth a run of its own, where groups shrink towards the end of the programme: larger for an
   * engine whose start-up costs more (piper loads a neural model). Undefined: the pool's own.
   */
  readonly minGroupChars?: number;
  /** The stamp of a voice that is files (piper), once probed; undefined for a voice the engine itself holds. */
  voiceStamp?(voice: string): VoiceStamp | undefined;
}
