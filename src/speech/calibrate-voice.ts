// What a voice sounds like before the programme starts: its sample rate and its loudness, measured once on a
// fixed passage and cached. The rate fixes the programme's rate before the first sample reaches the encoder;
// the loudness seeds the voice's running loudness, which the programme's own clips then refine. A cached calibration
// is used only when its checksum and its values hold: a wrong one would make the whole briefing too quiet or too loud.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { estimateLimiterLoss, measureClipLoudness } from '../audio/loudness.js';
import { numberIn, readCacheRecord, writeCacheRecord } from '../cache-file.js';
import type { Segment } from '../types.js';
import type { SpeechEngine } from './engine.js';
import { voiceKey } from './engine-version.js';
import { synthesizeWithRetry } from './synthesize-clips.js';

// News-like prose with the usual mix of sounds and sentence shapes; changing it changes every calibration.
export const CALIBRATION_TEXT =
  'Officials met on Tuesday to discuss the plan, which would change how the city pays for its roads, ' +
  'schools and hospitals. Supporters say it is fair and overdue; critics warn that families will pay more. ' +
  'The vote is expected next month, after a public hearing.';

export interface VoiceCalibration {
  sampleRate: number;
  integratedLufs: number;
  /** Loudness the encoder's limiter takes from this voice once it is brought to the target (LU). */
  limiterLossLu: number;
}

export interface CalibrationOptions {
  /** For engines whose output only ffmpeg can read. */
  ffmpeg: string;
  workDir: string;
  engineVersion: string;
  rateWpm?: number;
  /** The engine's allowance for a short text (SynthesisOptions.engineTimeoutMs). */
  engineTimeoutMs?: number;
  /** Where calibrations are kept; undefined measures afresh every time. */
  cacheDir?: string;
  /**
   * The loudness the voice is to be brought to. A promise when it is still being measured (the encoder's own
   * level change): a voice measured afresh reads its passage meanwhile, since only the limiter's loss needs it.
   */
  targetLufs: number | Promise<number>;
  limiterCeilingDb: number;
  signal?: AbortSignal;
}

export async function calibrateVoice(engine: SpeechEngine, voice: string, options: CalibrationOptions): Promise<VoiceCalibration> {
  const cached = options.cacheDir ? await readCalibration(options.cacheDir, engine, voice, options, await options.targetLufs) : undefined;
  if (cached?.stored) return cached.stored;
  const segment: Segment = { role: 'body', voice, text: CALIBRATION_TEXT, spoken: CALIBRATION_TEXT, pauseAfterMs: 0 };
  // Voices are calibrated at the same time: each needs a folder of its own.
  const workDir = path.join(options.workDir, `calibration-${hashParts([engine.name, voice]).slice(0, 12)}`);
  await mkdir(workDir, { recursive: true });
  const clip = await synthesizeWithRetry(segment, -1, engine, { ...options, workDir });
  const integratedLufs = measureClipLoudness(clip.samples, clip.sampleRate);
  // The loss grows with the gain that makes up for it: two rounds settle it to a tenth of a LU.
  const baseGain = (await options.targetLufs) - integratedLufs;
  let limiterLossLu = 0;
  if (Number.isFinite(baseGain)) {
    for (let round = 0; round < 2; round++) {
      limiterLossLu = estimateLimiterLoss(clip.samples, clip.sampleRate, baseGain + limiterLossLu, options.limiterCeilingDb);
    }
  }
  const calibration: VoiceCalibration = { sampleRate: clip.sampleRate, integratedLufs, limiterLossLu };
  // Only a plausible measurement is kept; any other is made again next time rather than trusted.
  if (cached && acceptCalibration({ ...calibration })) await writeCacheRecord(cached.file, cached.key, calibration);
  return calibration;
}

function hashParts(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The calibration stored for this voice, these settings and this target, if it holds; and where a new one goes. */
async function readCalibration(cacheDir: string, engine: SpeechEngine, voice: string, options: CalibrationOptions, targetLufs: number) {
  const key = hashParts([
    'calibration-2',
    engine.name,
    options.engineVersion,
    voiceKey(engine, voice),
    options.rateWpm ?? null,
    targetLufs,
    options.limiterCeilingDb,
    CALIBRATION_TEXT,
  ]);
  const file = path.join(cacheDir, 'voices', `${key}.json`);
  return { key, file, stored: await readCacheRecord(file, key, acceptCalibration) };
}

// Sample rates speech engines write (and the rate ffmpeg decodes other formats to).
const ENGINE_SAMPLE_RATES = new Set([8000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000]);
// The voices of flite, espeak-ng and festival read the calibration passage at -17 to -29 LUFS; a stored value far
// outside that is damage, not a voice.
const MIN_VOICE_LUFS = -45;
const MAX_VOICE_LUFS = -8;
// The peakiest voices (espeak-ng, flite kal16) lose about 2.3 LU to the limiter.
const MAX_LIMITER_LOSS_LU = 6;

/** A calibration rebuilt from stored values when every one of them is plausible. */
function acceptCalibration(value: Record<string, unknown>): VoiceCalibration | undefined {
  const sampleRate = typeof value.sampleRate === 'number' && ENGINE_SAMPLE_RATES.has(value.sampleRate) ? value.sampleRate : undefined;
  const integratedLufs = numberIn(value.integratedLufs, MIN_VOICE_LUFS, MAX_VOICE_LUFS);
  const limiterLossLu = numberIn(value.limiterLossLu, 0, MAX_LIMITER_LOSS_LU);
  if (sampleRate === undefined || integratedLufs === undefined || limiterLossLu === undefined) return undefined;
  return { sampleRate, integratedLufs, limiterLossLu };
}
