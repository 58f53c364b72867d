// flite (CMU Flite), run as `flite -voice <v> [--setf duration_stretch=<x>] -f <textfile> -o <wav>`.
// How it reads (FLITE_READING) is shared with flite-wasm, which runs the same program compiled to WASI.
import { toAsciiSpeech } from './engine-text.js';
import {
  describeInstall,
  describeUnlistedVoices,
  describeVoices,
  formatFactor,
  oneTextCall,
  type EngineCall,
  type EngineDescription,
  type KnownVoice,
  type OneTextCall,
  type ProcessEngineDescription,
} from './engine-description.js';
import type { VoiceInfo } from '../engine.js';
import { pickDefaultVoices } from './pick-default-voices.js';
import FLITE_VOICE_DATA from './flite-voices.json' with { type: 'json' };

/** flite's CPU time grows faster than linearly with the text: paragraphs, not pages. */
export const FLITE_MAX_CHARS = 600;

export const FLITE_VOICE_PATTERN = /^[A-Za-z0-9_]+$/;

/**
 * What is known of flite's voices (flite-voices.json). baseWpm is the voice's speed at duration_stretch 1:
 * measured over the 521-word sample article (pauses included) and scaled by 175/155, the ratio espeak-ng itself
 * showed there (-s 175 measured 155 wpm). slt measured 151 wpm, rms 131, awb 151, kal 144, kal16 146.
 */
const FLITE_VOICES: Readonly<Record<string, KnownVoice>> = FLITE_VOICE_DATA;

// awb_time is a limited-domain voice that can only say clock times.
const EXCLUDED_VOICES = new Set(['awb_time']);

export const FLITE_DEFAULT_PREFERENCES = { narrator: ['slt', 'kal16', 'awb'], host: ['rms', 'awb', 'kal16'] } as const;

/** Voice names from `flite -lv` ("Voices available: kal awb_time kal16 awb rms slt"), minus the ones that cannot read prose. */
export function parseFliteVoiceList(output: string): string[] {
  const match = /Voices available:([^\n]*)/.exec(output);
  if (!match) return [];
  return (match[1] ?? '').split(/\s+/).filter((name) => name !== '' && FLITE_VOICE_PATTERN.test(name) && !EXCLUDED_VOICES.has(name));
}

/** "2.2-current" from `flite --version` ("version: flite-2.2-current Sep 2018 (http://cmuflite.org)"). */
export function parseFliteVersion(output: string): string {
  return /version:\s*(?:flite-)?(\S+)/.exec(output)?.[1] ?? 'unknown';
}

export function describeFliteVoices(names: readonly string[]): VoiceInfo[] {
  return describeVoices(names, FLITE_VOICES);
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
export function buildFliteArgs({ voice, textPath, outputWav, rateWpm }: OneTextCall): string[] {
  const stretch = fliteDurationStretch(voice, rateWpm);
  return ['-voice', voice, ...(stretch === undefined ? [] : ['--setf', `duration_stretch=${stretch}`]), '-f', textPath, '-o', outputWav];
}

const fliteArgs = (call: EngineCall) => buildFliteArgs(oneTextCall(call));

/** How flite reads a text, whichever build runs it. */
export const FLITE_READING = {
  maxChars: FLITE_MAX_CHARS,
  voicePattern: FLITE_VOICE_PATTERN,
  speech: toAsciiSpeech,
  args: fliteArgs,
  // Starting flite costs about as much as reading a sentence with its clustergen voices, so a paragraph's
  // sentences go through one run and are cut apart at the utterance ends flite reports. A blank line ends an
  // utterance whatever comes before it: a heading or a piece of a long sentence reads exactly as it does alone.
  sentences: {
    anySegment: true,
    texts: (sentences) => [sentences.join('\n\n')],
    args: (call) => ['-psdur', ...fliteArgs(call)],
    durations: ({ stdout }) => parseFliteUtteranceDurations(stdout),
  },
} satisfies Omit<EngineDescription, 'name' | 'installHint'>;

export const FLITE: ProcessEngineDescription = {
  name: 'flite',
  installHint: describeInstall('flite', { apt: 'flite', brew: 'flite' }),
  executable: { name: 'flite' },
  probe: {
    commands: () => [{ args: ['--version'] }, { args: ['-lv'] }],
    parse([version, list], { executable }) {
      const names = parseFliteVoiceList(list!.stdout);
      if (names.length === 0) return { problem: describeUnlistedVoices('flite', executable, 'flite -lv', list!) };
      return { version: parseFliteVersion(version!.stdout + version!.stderr), voices: describeFliteVoices(names), defaultVoices: pickFliteDefaults(names) };
    },
  },
  ...FLITE_READING,
};
