// flite (CMU Flite), run as `flite -voice <v> [--setf duration_stretch=<x>] -f <textfile> -o <wav>`.
// Its argv, voices and speeds are shared with flite-wasm, which runs the same program compiled to WASI.
import path from 'node:path';
import { EngineError } from '../../errors.js';
import { runTool, stderrTail } from '../../run-tool.js';
import type { EngineInfo, SentencesRequest, SpeechEngine, SynthesisRequest, VoiceInfo } from '../engine.js';
import { hasSpeakableText, toAsciiSpeech, writeTextFile } from './engine-text.js';
import { findExecutable } from '../../find-executable.js';
import { describeMissingEngine } from './install-hints.js';
import { pickDefaultVoices } from './pick-default-voices.js';
import { assertSpeakable, assertVoiceArgument, formatFactor, runEngine } from './run-engine.js';

/** flite's CPU time grows faster than linearly with the text (DESIGN.md): paragraphs, not pages. */
export const FLITE_MAX_CHARS = 600;

export const FLITE_VOICE_PATTERN = /^[A-Za-z0-9_]+$/;

interface FliteVoiceDetail {
  language: string;
  gender: string;
  description: string;
  /**
   * The voice's speed at duration_stretch 1, on espeak-ng's `-s` scale so that one --rate sounds alike on
   * every engine: measured over the 521-word sample article (pauses included) and scaled by 175/155, the
   * ratio espeak-ng itself showed there (-s 175 measured 155 wpm). slt measured 151 wpm, rms 131, awb 151,
   * kal 144, kal16 146.
   */
  baseWpm: number;
}

const FLITE_VOICES: Readonly<Record<string, FliteVoiceDetail>> = {
  slt: { language: 'en-US', gender: 'female', description: 'US English, female (CMU ARCTIC slt)', baseWpm: 170 },
  rms: { language: 'en-US', gender: 'male', description: 'US English, male (CMU ARCTIC rms)', baseWpm: 148 },
  awb: { language: 'en-GB', gender: 'male', description: 'Scottish English, male (CMU ARCTIC awb)', baseWpm: 170 },
  kal16: { language: 'en-US', gender: 'male', description: 'US English, male, diphone, 16 kHz', baseWpm: 165 },
  kal: { language: 'en-US', gender: 'male', description: 'US English, male, diphone, 8 kHz', baseWpm: 163 },
};

// awb_time is a limited-domain voice that can only say clock times.
const EXCLUDED_VOICES = new Set(['awb_time']);

export const FLITE_DEFAULT_PREFERENCES = { narrator: ['slt', 'kal16', 'awb'], host: ['rms', 'awb', 'kal16'] } as const;

/** Voice names from `flite -lv` ("Voices available: kal awb_time kal16 awb rms slt"), minus the ones that cannot read prose. */
export function parseFliteVoiceList(output: string): string[] {
  const match = /Voices available:([^\n]*)/.exec(output);
  if (!match) return [];
  return (match[1] ?? '')
    .split(/\s+/)
    .filter((name) => name !== '' && FLITE_VOICE_PATTERN.test(name) && !EXCLUDED_VOICES.has(name));
}

/** "2.2-current" from `flite --version` ("version: flite-2.2-current Sep 2018 (http://cmuflite.org)"). */
export function parseFliteVersion(output: string): string {
  return /version:\s*(?:flite-)?(\S+)/.exec(output)?.[1] ?? 'unknown';
}

export function describeFliteVoices(names: readonly string[]): VoiceInfo[] {
  return names.map((name) => {
    const detail = FLITE_VOICES[name];
    return detail ? { name, language: detail.language, gender: detail.gender, description: detail.description } : { name };
  });
}

export function pickFliteDefaults(names: readonly string[]): { narrator: string; host: string } {
  return pickDefaultVoices(names, FLITE_DEFAULT_PREFERENCES.narrator, FLITE_DEFAULT_PREFERENCES.host);
}

/** The duration_stretch that makes a voice speak at rateWpm, or undefined to keep flite's own speed. */
export function fliteDurationStretch(voice: string, rateWpm: number | undefined): string | undefined {
  if (rateWpm === undefined) return undefined;
  const baseWpm = FLITE_VOICES[voice]?.baseWpm ?? 170;
  return formatFactor(baseWpm / rateWpm, 0.25, 4);
}

export interface FliteArgs {
  voice: string;
  textPath: string;
  outputWav: string;
  rateWpm?: number;
}

/**
 * Each utterance's duration from `flite -psdur` output: one line per utterance, its segments with their end
 * times, the last one (a pause) ending the utterance. flite writes the utterances back to back in its WAV.
 */
export function parseFliteUtteranceDurations(stdout: string): number[] {
  return stdout
    .split('\n')
    .filter((line) => /\S+:[\d.]+/.test(line))
    .map((line) => Number(/:([\d.]+)\s*$/.exec(line.trim())?.[1] ?? NaN));
}

/** flite's argv (without the program name). */
export function buildFliteArgs({ voice, textPath, outputWav, rateWpm }: FliteArgs): string[] {
  const stretch = fliteDurationStretch(voice, rateWpm);
  return ['-voice', voice, ...(stretch === undefined ? [] : ['--setf', `duration_stretch=${stretch}`]), '-f', textPath, '-o', outputWav];
}

export function createFliteEngine(options: { executablePath?: string } = {}): SpeechEngine {
  const locate = () => findExecutable('flite', options.executablePath);
  return {
    name: 'flite',
    maxChars: FLITE_MAX_CHARS,

    async probe(): Promise<EngineInfo | null> {
      const executable = locate();
      if (!executable) return null;
      const [versionResult, voicesResult] = await Promise.all([runTool(executable, ['--version']), runTool(executable, ['-lv'])]);
      const names = parseFliteVoiceList(voicesResult.stdout);
      if (names.length === 0) {
        const tail = stderrTail(voicesResult.stderr) || voicesResult.failure || 'no output';
        throw new EngineError(`flite at ${executable} did not list its voices (flite -lv: ${tail}). Reinstall flite or choose another --engine.`);
      }
      return {
        name: 'flite',
        path: executable,
        version: parseFliteVersion(versionResult.stdout + versionResult.stderr),
        voices: describeFliteVoices(names),
        defaultVoices: pickFliteDefaults(names),
      };
    },

    async synthesize(request: SynthesisRequest): Promise<void> {
      assertVoiceArgument('flite', request.voice, FLITE_VOICE_PATTERN);
      const text = toAsciiSpeech(request.text);
      assertSpeakable('flite', request, text, hasSpeakableText(text));
      const executable = locate() ?? options.executablePath ?? 'flite';
      const textFile = await writeTextFile(request.workDir, 'flite', text);
      try {
        await runEngine({
          engine: 'flite',
          executable,
          args: buildFliteArgs({ voice: request.voice, textPath: textFile.path, outputWav: path.resolve(request.outputWav), rateWpm: request.rateWpm }),
          request,
          missingHint: describeMissingEngine('flite'),
        });
      } finally {
        await textFile.remove();
      }
    },

    // Starting flite costs about as much as reading a sentence with its clustergen voices, so a paragraph's
    // sentences go through one run and are cut apart at the utterance ends flite reports.
    async synthesizeSentences(request: SentencesRequest): Promise<number[] | undefined> {
      assertVoiceArgument('flite', request.voice, FLITE_VOICE_PATTERN);
      const sentences = request.sentences.map(toAsciiSpeech);
      if (!sentences.every(hasSpeakableText)) return undefined;
      const executable = locate() ?? options.executablePath ?? 'flite';
      const textFile = await writeTextFile(request.workDir, 'flite', sentences.join('\n'));
      try {
        const result = await runEngine({
          engine: 'flite',
          executable,
          args: ['-psdur', ...buildFliteArgs({ voice: request.voice, textPath: textFile.path, outputWav: path.resolve(request.outputWav), rateWpm: request.rateWpm })],
          request: { ...request, text: sentences.join(' ') },
          missingHint: describeMissingEngine('flite'),
        });
        const durations = parseFliteUtteranceDurations(result.stdout);
        return durations.length === sentences.length && durations.every((d) => d > 0) ? durations : undefined;
      } finally {
        await textFile.remove();
      }
    },
  };
}
