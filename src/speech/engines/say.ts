// macOS `say`, run as `say -v <voice> [-r <wpm>] -f <textfile> -o <out.wav> --file-format=WAVE --data-format=LEI16@22050`.
// Only macOS has it; argv building and voice-list parsing are pure so they are tested on any system.
import type { VoiceInfo } from '../engine.js';
import { toUnicodeSpeech } from './engine-text.js';
import { describeProbeOutput, oneTextCall, type OneTextCall, type ProcessEngineDescription } from './engine-description.js';
import { pickDefaultVoices } from './pick-default-voices.js';

export const SAY_MAX_CHARS = 2000;

/**
 * Voice names as `say -v ?` prints them: letters, digits, spaces, parentheses, hyphens, dots and
 * apostrophes ("Eddy (English (UK))", "Grandma (English (US))"), never starting with "-".
 */
export const SAY_VOICE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ()._'-]*$/u;

/**
 * Parses `say -v ?`, one voice a line: the name (which may hold spaces and parentheses), the locale,
 * then "# " and a sample sentence: "Eddy (English (UK)) en_GB    # Hello! My name is Eddy."
 */
export function parseSayVoiceList(output: string): VoiceInfo[] {
  const voices: VoiceInfo[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^(.+?)\s+([a-z]{2,3}(?:[_-][A-Za-z0-9]+)*)\s+#\s?(.*)$/.exec(line.trimEnd());
    if (!match) continue;
    const [, name = '', locale = '', sample = ''] = match;
    const trimmed = name.trim();
    if (!SAY_VOICE_PATTERN.test(trimmed) || voices.some((voice) => voice.name === trimmed)) continue;
    voices.push({ name: trimmed, language: locale.replace('_', '-'), description: sample.trim() });
  }
  return voices;
}

/** Samantha narrates and Daniel hosts; without them, the first two English voices. */
export function pickSayDefaults(voices: readonly VoiceInfo[]): { narrator: string; host: string } {
  const english = voices.filter((voice) => /^en\b/i.test(voice.language ?? '')).map((voice) => voice.name);
  const names = english.length > 0 ? english : voices.map((voice) => voice.name);
  return pickDefaultVoices(names, ['Samantha', 'Alex', 'Allison', 'Ava'], ['Daniel', 'Alex', 'Tom', 'Fred']);
}

/** say's argv (without the program name). */
export function buildSayArgs({ voice, textPath, outputWav, rateWpm }: OneTextCall): string[] {
  // say's -r is words per minute; below ~90 or above ~500 it distorts.
  const rate = rateWpm === undefined ? [] : ['-r', String(Math.round(Math.min(500, Math.max(90, rateWpm))))];
  return ['-v', voice, ...rate, '-f', textPath, '-o', outputWav, '--file-format=WAVE', '--data-format=LEI16@22050'];
}

export const SAY: ProcessEngineDescription = {
  name: 'say',
  installHint: 'say is not available: it is the speech engine built into macOS. On this system use --engine auto or --engine flite-wasm.',
  platform: 'darwin',
  executable: { name: 'say', usualPath: () => '/usr/bin/say', searchPath: false },
  probe: {
    commands: () => [{ args: ['-v', '?'] }, { program: '/usr/bin/sw_vers', args: ['-productVersion'] }],
    parse([list, macosVersion]) {
      const voices = parseSayVoiceList(list!.stdout);
      if (voices.length === 0) {
        return {
          problem: `say did not list any voices (say -v ?: ${describeProbeOutput(list!, 'no voices')}). Add a voice in System Settings > Accessibility > Spoken Content, or choose another --engine.`,
        };
      }
      const macos = macosVersion!.stdout.trim();
      return { version: macos ? `macOS ${macos}` : 'unknown', voices, defaultVoices: pickSayDefaults(voices) };
    },
  },
  maxChars: SAY_MAX_CHARS,
  voicePattern: SAY_VOICE_PATTERN,
  speech: toUnicodeSpeech,
  args: (call) => buildSayArgs(oneTextCall(call)),
};
