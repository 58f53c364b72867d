// Reads a synthesized WAV back with tools we did not write: ffprobe for its format and length, sox for its level.
import { runTool, stderrTail } from '../../src/run-tool.js';

export interface WavFacts {
  durationSeconds: number;
  sampleRate: number;
  /** RMS amplitude, 0..1, as `sox <wav> -n stat` reports it. */
  rms: number;
}

export async function readBackWav(file: string): Promise<WavFacts> {
  const probe = await runTool('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate,duration', '-of', 'json', file], {
    timeoutMs: 30_000,
  });
  if (probe.failure) throw new Error(`ffprobe failed on ${file}: ${probe.failure} ${stderrTail(probe.stderr)}`);
  const stream = (JSON.parse(probe.stdout) as { streams: { sample_rate: string; duration: string }[] }).streams[0];
  if (!stream) throw new Error(`ffprobe found no audio stream in ${file}`);
  const stat = await runTool('sox', [file, '-n', 'stat'], { timeoutMs: 30_000 });
  if (stat.failure) throw new Error(`sox stat failed on ${file}: ${stat.failure} ${stderrTail(stat.stderr)}`);
  const rms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(stat.stderr)?.[1]);
  return { durationSeconds: Number(stream.duration), sampleRate: Number(stream.sample_rate), rms };
}
