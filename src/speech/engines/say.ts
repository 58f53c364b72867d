// macOS `say`, run as `say -v <voice> [-r <wpm>] -f <textfile> -o <out.wav> --file-format=WAVE --data-format=LEI16@22050`.
// Only macOS has it; argv building and voice-list parsing are pure so they are tested on any system.
import path from 'node:path';
import { EngineError } from '../../errors.js';
import { runTool, stderrTail } from '../../run-tool.js';
import type { EngineInfo, SpeechEngine, SynthesisRequest, VoiceInfo } from '../engine.js';
import { hasSpeakableText, toUnicodeSpeech, writeTextFile } from './engine-text.js';
import { findExecutable } from '../../find-executable.js';
import { describeMissingEngine } from './install-hints.js';
import { pickDefaultVoices } from './pick-default-voices.js';
import { assertSpeakable, assertVoiceArgument, runEngine } from './run-engine.js';

export const SAY_MAX_CHARS = 2000;

/**
 * Voice names as `say -v ?` prints them: letters, digits, spaces, parentheses, hyphens, dots and
 * apostrophes ("Eddy (English (UK))", "Grandma (English (US))"), never starting with "-".
 */
export const SAY_VOICE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ()._'-]*$/u;

const SAY_PATH = '/usr/bin/say';

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

export interface SayArgs {
  voice: string;
  textPath: string;
  outputWav: string;
  rateWpm?: number;
}

/** say's argv (without the program name). */
export function buildSayArgs({ voice, textPath, outputWav, rateWpm }: SayArgs): string[] {
  // say's -r is words per minute; below ~90 or above ~500 it distorts.
  const rate = rateWpm === undefined ? [] : ['-r', String(Math.round(Math.min(500, Math.max(90, rateWpm))))];
  return ['-v', voice, ...rate, '-f', textPath, '-o', outputWav, '--file-format=WAVE', '--data-format=LEI16@22050'];
}

export function createSayEngine(options: { executablePath?: string } = {}): SpeechEngine {
  const locate = () => findExecutable('say', options.executablePath ?? SAY_PATH);
  return {
    name: 'say',
    maxChars: SAY_MAX_CHARS,

    async probe(): Promise<EngineInfo | null> {
      if (process.platform !== 'darwin') return null;
      const executable = locate();
      if (!executable) return null;
      const [voicesResult, versionResult] = await Promise.all([runTool(executable, ['-v', '?']), runTool('/usr/bin/sw_vers', ['-productVersion'])]);
      const voices = parseSayVoiceList(voicesResult.stdout);
      if (voices.length === 0) {
        const tail = stderrTail(voicesResult.stderr) || voicesResult.failure || 'no voices';
        throw new EngineError(`say did not list any voices (say -v ?: ${tail}). Add a voice in System Settings > Accessibility > Spoken Content, or choose another --engine.`);
      }
      const macos = versionResult.stdout.trim();
      return {
        name: 'say',
        path: executable,
        version: macos ? `macOS ${macos}` : 'unknown',
        voices,
        defaultVoices: pickSayDefaults(voices),
      };
    },

    async synthesize(request: SynthesisRequest): Promise<void> {
      assertVoiceArgument('say', request.voice, SAY_VOICE_PATTERN);
      const text = toUnicodeSpeech(request.text);
      assertSpeakable('say', request, text, hasSpeakableText(text));
      const executable = locate() ?? options.executablePath ?? SAY_PATH;
      const textFile = await writeTextFile(request.workDir, 'say', text);
      try {
        await runEngine({
          engine: 'say',
          executable,
          args: buildSayArgs({ voice: request.voice, textPath: textFile.path, outputWav: path.resolve(request.outputWav), rateWpm: request.rateWpm }),
          request,
          missingHint: describeMissingEngine('say'),
        });
      } finally {
        await textFile.remove();
      }
    },
  };
}
