// The flags every speaking command shares (brief, script, batch) and their validation, in one place so that
// the commands cannot drift apart. Light on imports: --help must stay fast.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { INPUT_FORMATS, type InputFormat } from '../types.js';
import { ENGINES, type EngineName } from '../speech/engine.js';
import type { Lexicon } from '../script/lexicon.js';

export const MP3_BITRATES = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

export function integerIn(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

export function bitrate(value: string): number {
  const n = Number(value);
  if (!MP3_BITRATES.includes(n)) throw new InvalidArgumentError(`choose one of ${MP3_BITRATES.join(', ')} (kbps).`);
  return n;
}

export interface SpeechFlags {
  from?: InputFormat;
  engine: EngineName | 'auto';
  voice?: string;
  hostVoice?: string;
  rate?: number;
  pauseSentence: number;
  pauseParagraph: number;
  pauseSection: number;
  lexicon?: string;
}

export function addSpeechOptions(command: Command): Command {
  return command
    .addOption(new Option('--from <format>', 'input format when it cannot be told from the name (stdin)').choices(INPUT_FORMATS))
    .addOption(new Option('-e, --engine <name>', 'speech engine').choices(['auto', ...ENGINES]).default('auto'))
    .option('--voice <name>', "narrator voice (see `briefcast voices`); default: the engine's narrator")
    .option('--host-voice <name>', "host voice for the opening, section intros and closing; default: the engine's host")
    .option('-r, --rate <wpm>', "speaking rate in words per minute; default: the engine's own", integerIn('--rate', 60, 500))
    .option('--pause-sentence <ms>', 'silence after a sentence', integerIn('--pause-sentence', 0, 10_000), 250)
    .option('--pause-paragraph <ms>', 'silence after a paragraph', integerIn('--pause-paragraph', 0, 10_000), 600)
    .option('--pause-section <ms>', 'silence before a new section', integerIn('--pause-section', 0, 20_000), 1000)
    .option('--lexicon <file>', 'pronunciation lexicon (JSON or YAML: words, rules, spell), applied over the built-in one');
}

/** The --lexicon file, read and checked (an InputError names what is wrong with it). */
export async function readLexiconFlag(flags: Pick<SpeechFlags, 'lexicon'>): Promise<Lexicon | undefined> {
  if (!flags.lexicon) return undefined;
  const { readLexicon } = await import('../read/read-lexicon.js');
  return readLexicon(flags.lexicon);
}

export function toPauses(flags: SpeechFlags) {
  return { sentenceMs: flags.pauseSentence, paragraphMs: flags.pauseParagraph, sectionMs: flags.pauseSection };
}
