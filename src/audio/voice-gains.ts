// The gain each voice is given as the programme streams to the encoder. Pure.
import { VoiceLoudness } from './loudness.js';
import type { PcmClip } from './wav.js';

/** What a voice's calibration says about its level (see speech/calibrate-voice.ts). */
export interface VoiceLevel {
  /** Loudness of the voice on the calibration passage. */
  integratedLufs: number;
  /** Loudness the encoder's limiter takes from the voice once it is brought to the target (LU). */
  limiterLossLu: number;
}

/**
 * Each voice is brought to the target by its own gain, from everything it has said so far: voices differ by
 * about 6 LU while each is steady, and the encoder starts before the last clip exists, so a gain is fixed
 * from the clips so far, seeded with the calibration.
 */
export class VoiceGains {
  private readonly loudness: Map<string, VoiceLoudness>;

  /** `inputTargetLufs`: the loudness the encoder's input must have for its output to reach the target. */
  constructor(
    private readonly levels: ReadonlyMap<string, VoiceLevel>,
    private readonly inputTargetLufs: number,
  ) {
    this.loudness = new Map([...levels].map(([voice, level]) => [voice, new VoiceLoudness(level.integratedLufs)]));
  }

  gainFor(voice: string, clip: PcmClip, silenceBeforeMs: number, silenceAfterMs: number): number {
    const running = this.loudness.get(voice)!;
    running.add(clip.samples, clip.sampleRate, silenceBeforeMs, silenceAfterMs);
    return Number.isFinite(running.lufs) ? this.inputTargetLufs - running.lufs + this.levels.get(voice)!.limiterLossLu : 0;
  }
}
