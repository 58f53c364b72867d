// espeak-ng, run as `espeak-ng -v <voice> [-s <wpm>] -b 1 -f <textfile> -w <wav>`. Without -m it reads
// no SSML; "[[...]]" phoneme input is defused by toUnicodeSpeech. Several sentences go through one run as SSML
// (-m), every character of the text escaped, with a long break between sentences to cut the WAV at.
import type { VoiceInfo } from '../engine.js';
import { findSilentStretches } from '../../audio/pcm.js';
import { escapeXmlText } from '../../publish/escape.js';
import { ENGINE_DEFAULT_WPM } from '../../defaults.js';
import { toUnicodeSpeech } from './engine-text.js';
import {
  describeInstall,
  describeUnlistedVoices,
  oneTextCall,
  type EngineCall,
  type OneTextCall,
  type ProcessEngineDescription,
} from './engine-description.js';
import { pickDefaultVoices } from './pick-default-voices.js';

/** espeak-ng is fast and steady on long inputs; a larger chunk keeps sentence intonation intact. */
export const ESPEAK_NG_MAX_CHARS = 1000;

const NAME = /^[A-Za-z0-9_-]+$/;
/** A voice, optionally with a variant: "en-us", "en-gb+f3". */
export const ESPEAK_NG_VOICE_PATTERN = /^[A-Za-z0-9_-]+(?:\+[A-Za-z0-9_-]+)?$/;

// espeak-ng's -s range; outside it espeak-ng clamps silently or garbles.
const MIN_WPM = 80;
const MAX_WPM = 450;

interface VoiceListRow {
  language: string;
  gender: string | undefined;
  voiceName: string;
  file: string;
  rest: string;
}

function parseVoiceListRows(output: string): VoiceListRow[] {
  const rows: VoiceListRow[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s*\d+\s+(\S+)\s+\S*\/([MF-])\s+(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!match) continue;
    const [, language = '', genderCode, voiceName = '', file = '', rest = ''] = match;
    rows.push({ language, gender: genderCode === 'M' ? 'male' : genderCode === 'F' ? 'female' : undefined, voiceName, file, rest });
  }
  return rows;
}

/** Voices from `espeak-ng --voices[=<lang>]`, one per language code; MBROLA voices (they need the separate mbrola program) and variants left out. */
export function parseEspeakVoiceList(output: string): VoiceInfo[] {
  const voices = new Map<string, VoiceInfo>();
  for (const row of parseVoiceListRows(output)) {
    if (row.language === 'variant' || row.file.startsWith('mb/') || !NAME.test(row.language) || voices.has(row.language)) continue;
    voices.set(row.language, {
      name: row.language,
      language: row.language,
      ...(row.gender ? { gender: row.gender } : {}),
      description: row.voiceName.replace(/_/g, ' '),
    });
  }
  return [...voices.values()];
}

/** Variant names from `espeak-ng --voices=variant` (the file name after "!v/", as `-v en-us+<variant>` wants it). */
export function parseEspeakVariantList(output: string): string[] {
  const variants: string[] = [];
  for (const row of parseVoiceListRows(output)) {
    const name = row.file.startsWith('!v/') ? row.file.slice(3) : '';
    // A file name with a space ("Mr serious") spills into the next column: it cannot be named on -v anyway.
    if (row.language === 'variant' && NAME.test(name) && /^\s*(?:\(.*\))?\s*$/.test(row.rest) && !variants.includes(name)) variants.push(name);
  }
  return variants;
}

/** "1.51" from `espeak-ng --version` ("eSpeak NG text-to-speech: 1.51  Data at: ..."). */
export function parseEspeakVersion(output: string): string {
  return /text-to-speech:\s*(\S+)/.exec(output)?.[1] ?? 'unknown';
}

/** US English narrates; the host is a female British variant, so the two roles are easy to tell apart. */
export function pickEspeakDefaults(voices: readonly string[], variants: readonly string[]): { narrator: string; host: string } {
  const picked = pickDefaultVoices(voices, ['en-us', 'en', 'en-gb'], ['en-gb', 'en-gb-x-rp', 'en-us', 'en']);
  const hostVariant = variants.find((variant) => variant === 'f3') ?? variants.find((variant) => /^f\d$/.test(variant));
  if (hostVariant !== undefined) return { narrator: picked.narrator, host: `${picked.host}+${hostVariant}` };
  return picked;
}

/** espeak-ng's argv (without the program name). `-b 1`: the text file is UTF-8 whatever the locale says. */
export function buildEspeakArgs({ voice, textPath, outputWav, rateWpm }: OneTextCall): string[] {
  const speed = rateWpm === undefined ? [] : ['-s', String(Math.round(Math.min(MAX_WPM, Math.max(MIN_WPM, rateWpm))))];
  return ['-v', voice, ...speed, '-b', '1', '-f', textPath, '-w', outputWav];
}

// espeak-ng's own pauses stay under 0.7 s even at its slowest rate (0.3 s at its default), and it shortens an
// SSML break in proportion above its default 175 wpm: asked for this much longer, a break lasts about 2.5 s at any
// rate, and only breaks are long enough to be cut at.
const SENTENCE_BREAK_MS = 2500;
const MIN_BREAK_SECONDS = 1.5;
// A break is digital silence; speech never stays this quiet for 1.5 s.
const BREAK_THRESHOLD = 32;

/**
 * One SSML document: the sentences as escaped character data, which espeak-ng -m reads and never obeys, with a
 * long break between each two.
 */
export function buildEspeakSentencesSsml(sentences: readonly string[], rateWpm: number | undefined): string {
  const rate = Math.min(MAX_WPM, Math.max(MIN_WPM, rateWpm ?? ENGINE_DEFAULT_WPM));
  const breakMs = Math.round(SENTENCE_BREAK_MS * Math.max(1, rate / ENGINE_DEFAULT_WPM));
  return `<speak>${sentences.map(escapeXmlText).join(`\n<break time="${breakMs}ms"/>\n`)}</speak>`;
}

/**
 * Each sentence's duration (seconds) in a WAV read from buildEspeakSentencesSsml, cut at the middle of each
 * break; undefined unless there is exactly one break between each two sentences.
 */
export function durationsBetweenBreaks(samples: Int16Array, sampleRate: number, sentenceCount: number): number[] | undefined {
  const breaks = findSilentStretches(samples, sampleRate, MIN_BREAK_SECONDS, BREAK_THRESHOLD)
    // A break at the very start or end is the engine's own padding, not a sentence boundary.
    .filter(([start, end]) => start > 0 && end < samples.length);
  if (breaks.length !== sentenceCount - 1) return undefined;
  const cuts = [0, ...breaks.map(([start, end]) => Math.round((start + end) / 2)), samples.length];
  return cuts.slice(1).map((cut, i) => (cut - cuts[i]!) / sampleRate);
}

const espeakArgs = (call: EngineCall) => buildEspeakArgs(oneTextCall(call));

export const ESPEAK_NG: ProcessEngineDescription = {
  name: 'espeak-ng',
  installHint: describeInstall('espeak-ng', { apt: 'espeak-ng', brew: 'espeak-ng' }),
  executable: { name: 'espeak-ng' },
  probe: {
    commands: () => [{ args: ['--version'] }, { args: ['--voices'] }, { args: ['--voices=variant'] }],
    parse([version, list, variantList], { executable }) {
      const voices = parseEspeakVoiceList(list!.stdout);
      if (voices.length === 0) return { problem: describeUnlistedVoices('espeak-ng', executable, 'espeak-ng --voices', list!) };
      const variants = parseEspeakVariantList(variantList!.stdout);
      return {
        version: parseEspeakVersion(version!.stdout),
        voices,
        variants,
        defaultVoices: pickEspeakDefaults(
          voices.map((voice) => voice.name),
          variants,
        ),
      };
    },
  },
  maxChars: ESPEAK_NG_MAX_CHARS,
  voicePattern: ESPEAK_NG_VOICE_PATTERN,
  speech: toUnicodeSpeech,
  args: espeakArgs,
  // One start-up for a paragraph's sentences instead of one each: about 40 ms of espeak-ng's CPU saved per
  // sentence, which on a long article is more than the speech itself costs.
  sentences: {
    texts: (sentences, rateWpm) => [buildEspeakSentencesSsml(sentences, rateWpm)],
    args: (call) => ['-m', ...espeakArgs(call)],
    durations: ({ clip }, count) => (clip ? durationsBetweenBreaks(clip.samples, clip.sampleRate, count) : undefined),
  },
};
