// What a voice sounds like before the programme starts: its sample rate and its loudness, measured once on a
// fixed passage and cached. The rate fixes the programme's rate before the first sample reaches the encoder;
// the loudness seeds the voice's running loudness, which the programme's own clips then refine.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { estimateLimiterLoss, measureClipLoudness } from '../audio/loudness.js';
import type { Segment } from '../types.js';
import type { SpeechEngine } from './engine.js';
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
  /** Where calibrations are kept; undefined measures afresh every time. */
  cacheDir?: string;
  targetLufs: number;
  limiterCeilingDb: number;
  signal?: AbortSignal;
}

export async function calibrateVoice(engine: SpeechEngine, voice: string, options: CalibrationOptions): Promise<VoiceCalibration> {
  const key = createHash('sha256')
    .update(JSON.stringify(['calibration-2', engine.name, options.engineVersion, voice, options.rateWpm ?? null, options.targetLufs, options.limiterCeilingDb, CALIBRATION_TEXT]))
    .digest('hex');
  const cached = options.cacheDir ? path.join(options.cacheDir, 'voices', `${key}.json`) : undefined;
  if (cached) {
    const stored = await readFile(cached, 'utf8').then(parseCalibration, () => undefined);
    if (stored) return stored;
  }
  const segment: Segment = { role: 'body', voice, text: CALIBRATION_TEXT, pauseAfterMs: 0 };
  // Voices are calibrated at the same time: each needs a folder of its own.
  const workDir = path.join(options.workDir, `calibration-${key.slice(0, 12)}`);
  await mkdir(workDir, { recursive: true });
  const clip = await synthesizeWithRetry(segment, -1, engine, { ...options, workDir });
  const integratedLufs = measureClipLoudness(clip.samples, clip.sampleRate);
  // The loss grows with the gain that makes up for it: two rounds settle it to a tenth of a LU.
  const baseGain = options.targetLufs - integratedLufs;
  let limiterLossLu = 0;
  if (Number.isFinite(baseGain)) {
    for (let round = 0; round < 2; round++) {
      limiterLossLu = estimateLimiterLoss(clip.samples, clip.sampleRate, baseGain + limiterLossLu, options.limiterCeilingDb);
    }
  }
  const calibration: VoiceCalibration = { sampleRate: clip.sampleRate, integratedLufs, limiterLossLu };
  if (cached && Number.isFinite(integratedLufs)) {
    const partial = `${cached}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(cached), { recursive: true });
      await writeFile(partial, JSON.stringify(calibration));
      await rename(partial, cached);
    } catch {
      await rm(partial, { force: true }).catch(() => {});
    }
  }
  return calibration;
}

function parseCalibration(text: string): VoiceCalibration | undefined {
  try {
    const value = JSON.parse(text) as Partial<VoiceCalibration>;
    const valid = Number.isInteger(value.sampleRate) && value.sampleRate! > 0 && Number.isFinite(value.integratedLufs) && Number.isFinite(value.limiterLossLu);
    return valid ? { sampleRate: value.sampleRate!, integratedLufs: value.integratedLufs!, limiterLossLu: value.limiterLossLu! } : undefined;
  } catch {
    return undefined;
  }
}
