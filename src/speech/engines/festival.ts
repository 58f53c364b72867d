// festival through text2wave: `text2wave -mode fundamental -o <wav> -eval '(voice_<name>)' <textfile>`.
// Festival's Scheme sees only what we build here: a validated voice name and numbers we compute. Article
// text is only ever in the text file, which text2wave reads in a text mode (never as Scheme).
import { EngineError } from '../../errors.js';
import { toAsciiSpeech } from './engine-text.js';
import {
  describeInstall,
  describeProbeOutput,
  describeVoices,
  formatFactor,
  oneTextCall,
  type KnownVoice,
  type OneTextCall,
  type ProcessEngineDescription,
} from './engine-description.js';
import { pickDefaultVoices } from './pick-default-voices.js';
import FESTIVAL_VOICE_DATA from './festival-voices.json' with { type: 'json' };

/** Festival costs about a second to start but slows on long utterances; 600 characters is a paragraph. */
export const FESTIVAL_MAX_CHARS = 600;

/** Festival voice names become part of a Scheme symbol: nothing else may get through. */
export const FESTIVAL_VOICE_PATTERN = /^[a-z0-9_]+$/;

/**
 * What is known of festival's voices (festival-voices.json): baseWpm measured like flite's (see flite.ts), slt_hts
 * 138 wpm and kal 132 on the sample article. The voices of other languages Debian packages (each with its
 * language's text frontend) are not measured: a --rate is taken against festival's usual 150 wpm.
 */
const FESTIVAL_VOICES: Readonly<Record<string, KnownVoice>> = FESTIVAL_VOICE_DATA;

/** Festival prints voice.list as a Scheme list: "(cmu_us_slt_arctic_hts kal_diphone)". */
export function parseFestivalVoiceList(output: string): string[] {
  const match = /\(([^()]*)\)/.exec(output);
  if (!match) return [];
  return (match[1] ?? '').split(/\s+/).filter((name) => FESTIVAL_VOICE_PATTERN.test(name));
}

/** "2.5.0" from `festival --version` ("festival: Festival Speech Synthesis System: 2.5.0:release December 2017"). */
export function parseFestivalVersion(output: string): string {
  return /(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1] ?? 'unknown';
}

export function pickFestivalDefaults(names: readonly string[]): { narrator: string; host: string } {
  return pickDefaultVoices(names, ['cmu_us_slt_arctic_hts', 'kal_diphone'], ['kal_diphone', 'ked_diphone', 'rab_diphone']);
}

/** The Scheme text2wave evaluates before synthesis: select the voice, then (optionally) its speed. */
export function buildFestivalEval(voice: string, rateWpm?: number): string {
  if (!FESTIVAL_VOICE_PATTERN.test(voice)) throw new EngineError(`festival cannot use voice "${voice}": not a festival voice name.`);
  if (rateWpm === undefined) return `(voice_${voice})`;
  const baseWpm = FESTIVAL_VOICES[voice]?.baseWpm ?? 150;
  const stretch = formatFactor(baseWpm / rateWpm, 0.25, 4);
  const speed = formatFactor(rateWpm / baseWpm, 0.25, 4);
  // Diphone and clustergen voices follow Duration_Stretch; HTS voices ignore it and take hts_engine's
  // "-r" speed instead. Setting both is harmless: each voice reads only its own.
  return `(begin (voice_${voice}) (Parameter.set 'Duration_Stretch ${stretch}) (set! hts_engine_params (append hts_engine_params (list (list "-r" ${speed})))))`;
}

/** text2wave's argv (without the program name). */
export function buildFestivalArgs({ voice, textPath, outputWav, rateWpm }: OneTextCall): string[] {
  // An explicit mode: otherwise text2wave picks one from the file's path (".ogi", ".sable", ".email"
  // anywhere in it), and the markup modes would read the text differently.
  return ['-mode', 'fundamental', '-o', outputWav, '-eval', buildFestivalEval(voice, rateWpm), textPath];
}

/**
 * text2wave reads several text files into one WAV. This constant wrapper (no article text in it) prints the
 * running sample count after each file, so the WAV can be cut back into one clip per file.
 */
export function buildFestivalSentencesArgs({
  voice,
  textPaths,
  outputWav,
  rateWpm,
}: Omit<OneTextCall, 'textPath'> & { textPaths: readonly string[] }): string[] {
  const report =
    '(set! bc_tts_file tts_file) (define (tts_file f m) (bc_tts_file f m) ' +
    '(format t "BCSAMPLES %d %d\\n" totalnumsamples (get_param (quote sample_rate) (wave.info (utt.wave an_utt)) 0)))';
  return ['-mode', 'fundamental', '-o', outputWav, '-eval', `(begin ${buildFestivalEval(voice, rateWpm)} ${report})`, ...textPaths];
}

/** Seconds per file from the BCSAMPLES lines (cumulative samples and the rate) the wrapper prints. */
export function parseFestivalFileDurations(stdout: string): number[] {
  const marks = [...stdout.matchAll(/^BCSAMPLES (\d+) (\d+)$/gm)].map((m) => ({ total: Number(m[1]), rate: Number(m[2]) }));
  return marks.map((mark, i) => (mark.total - (marks[i - 1]?.total ?? 0)) / (mark.rate || 1));
}

/** Festival reports Scheme errors on stderr and still exits 0. */
function detectSchemeError(result: { stdout: string; stderr: string }): string | undefined {
  const output = `${result.stderr}\n${result.stdout}`;
  const line = output.split(/\r?\n/).find((text) => text.includes('SIOD ERROR'));
  return line ? line.trim() : undefined;
}

export const FESTIVAL: ProcessEngineDescription = {
  name: 'festival',
  installHint: describeInstall('festival', { apt: 'festival festvox-kallpc16k festvox-us-slt-hts' }),
  executable: { name: 'text2wave' },
  probe: {
    // festival itself answers --version and lists voices; it sits next to text2wave or on PATH.
    companion: 'festival',
    commands: ({ companion }) => [
      { program: companion, args: ['--version'] },
      // A constant Scheme expression on stdin: no file, no user input.
      { program: companion, args: ['--pipe'], input: '(print (voice.list))\n', timeoutMs: 30_000 },
    ],
    parse([version, list], { companion }) {
      const names = parseFestivalVoiceList(list!.stdout);
      if (names.length === 0) {
        return {
          problem: `festival at ${companion} has no usable voices (${describeProbeOutput(list!, 'no voices')}). Install one with \`sudo apt-get install festvox-kallpc16k\` or choose another --engine.`,
        };
      }
      return {
        version: parseFestivalVersion(version!.stdout + version!.stderr),
        voices: describeVoices(names, FESTIVAL_VOICES),
        defaultVoices: pickFestivalDefaults(names),
      };
    },
  },
  maxChars: FESTIVAL_MAX_CHARS,
  voicePattern: FESTIVAL_VOICE_PATTERN,
  speech: toAsciiSpeech,
  args: (call) => buildFestivalArgs(oneTextCall(call)),
  // Festival spends about a second starting and loading its voice: a paragraph's sentences share one run, a file
  // each. A file is read to its end as its own utterance, so a heading or a piece of a sentence may share it too.
  sentences: {
    anySegment: true,
    texts: (sentences) => [...sentences],
    args: buildFestivalSentencesArgs,
    durations: ({ stdout }) => parseFestivalFileDurations(stdout),
  },
  detectFailure: detectSchemeError,
};
