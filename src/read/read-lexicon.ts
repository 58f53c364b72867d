// The lexicon edge: a user's pronunciation lexicon file (JSON or YAML) becomes a validated Lexicon. Everything
// that can be wrong with the file becomes an InputError with one line that names the file, the entry and the fix.
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { describeFileFailure, readSpecialFile } from './read-input.js';
import { compileRule, type Lexicon, type LexiconRule } from '../script/lexicon.js';

const KEYS = ['words', 'rules', 'spell'];
const FLAGS = /^[dgimsuvy]*$/;
const MAX_LEXICON_BYTES = 5 * 1024 * 1024;
// A key is a word or a name, a few words at most; the lexicon's keys become one pattern, nested a level a letter.
const MAX_KEY_CHARS = 200;

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape of a lexicon given as data (a parsed file, or an object inside a config file) and returns
 * it as a Lexicon. `source` names where it came from in the error message.
 */
export function parseLexicon(data: unknown, source: string): Lexicon {
  const fail = (problem: string): never => {
    throw new InputError(`Lexicon ${source}: ${problem}`);
  };
  if (data === null || data === undefined) return { words: {}, rules: [], spell: [] };
  if (!isRecord(data)) return fail(`expected a mapping with "words", "rules" and/or "spell", found ${describe(data)}.`);
  const unknown = Object.keys(data).filter((key) => !KEYS.includes(key));
  if (unknown.length) fail(`unknown key "${unknown[0]}"; a lexicon has only "words", "rules" and "spell".`);

  const words: Record<string, string> = {};
  if (data.words !== undefined) {
    if (!isRecord(data.words)) fail(`"words" must be a mapping of written word to spoken form, found ${describe(data.words)}.`);
    for (const [key, value] of Object.entries(data.words as Record<string, unknown>)) {
      if (!key.trim()) fail('"words" has an empty key; give the word as it is written.');
      if (key.length > MAX_KEY_CHARS)
        fail(`words has a key of ${key.length} characters, more than the ${MAX_KEY_CHARS} a word or name needs: "${key.slice(0, 40)}…".`);
      if (typeof value !== 'string') fail(`words."${key}" must be text (how to say it), found ${describe(value)}.`);
      words[key] = value as string;
    }
  }

  const rules: LexiconRule[] = [];
  if (data.rules !== undefined) {
    if (!Array.isArray(data.rules)) fail(`"rules" must be a list of {pattern, replacement, flags?}, found ${describe(data.rules)}.`);
    (data.rules as unknown[]).forEach((rule, index) => {
      const where = `rules[${index}]`;
      if (!isRecord(rule)) return fail(`${where} must be a mapping with "pattern" and "replacement", found ${describe(rule)}.`);
      const extra = Object.keys(rule).find((key) => !['pattern', 'flags', 'replacement'].includes(key));
      if (extra) fail(`${where} has an unknown key "${extra}"; a rule has "pattern", "replacement" and optional "flags".`);
      if (typeof rule.pattern !== 'string' || !rule.pattern) fail(`${where}.pattern must be a non-empty regular expression, found ${describe(rule.pattern)}.`);
      if (typeof rule.replacement !== 'string') fail(`${where}.replacement must be text, found ${describe(rule.replacement)}.`);
      if (rule.flags !== undefined && (typeof rule.flags !== 'string' || !FLAGS.test(rule.flags))) {
        fail(`${where}.flags must be regular-expression flags such as "i" or "iu", found ${describe(rule.flags)}.`);
      }
      const checked: LexiconRule = { pattern: rule.pattern as string, replacement: rule.replacement as string };
      if (rule.flags !== undefined) checked.flags = rule.flags as string;
      try {
        compileRule(checked);
      } catch (error) {
        fail(`${where} has an ${firstLine(error)}. Fix the pattern or remove the rule.`);
      }
      rules.push(checked);
    });
  }

  const spell: string[] = [];
  if (data.spell !== undefined) {
    if (!Array.isArray(data.spell)) fail(`"spell" must be a list of words to spell letter by letter, found ${describe(data.spell)}.`);
    (data.spell as unknown[]).forEach((entry, index) => {
      if (typeof entry !== 'string' || !entry.trim()) fail(`spell[${index}] must be a word, found ${describe(entry)}.`);
      if ((entry as string).length > MAX_KEY_CHARS)
        fail(`spell[${index}] is ${(entry as string).length} characters long, more than the ${MAX_KEY_CHARS} a word needs.`);
      spell.push(entry as string);
    });
  }
  return { words, rules, spell };
}

/** Reads a lexicon file: JSON when it is named .json, YAML (of which JSON is a subset) otherwise. */
export async function readLexicon(file: string, options: { signal?: AbortSignal } = {}): Promise<Lexicon> {
  let content: string;
  try {
    // A pipe (--lexicon <(…)) or a device is read as a stream, up to the limit: /dev/zero never ends.
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
    const tooLarge = () =>
      new InputError(
        `Lexicon ${file}: it is larger than ${MAX_LEXICON_BYTES / (1024 * 1024)} MB, more than a lexicon needs. Check the path given to --lexicon.`,
      );
    if (info.isFile() && info.size > MAX_LEXICON_BYTES) throw tooLarge();
    const bytes = info.isFile() ? await readFile(file) : await readSpecialFile(file, info.isFIFO(), MAX_LEXICON_BYTES, tooLarge, options.signal);
    content = Buffer.from(bytes).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EISDIR' ? 'it is a directory' : describeFileFailure(error);
    throw new InputError(`Lexicon ${file}: cannot read it (${reason}). Check the path given to --lexicon.`, { cause: error });
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(content) : (await import('yaml')).parse(content);
  } catch (error) {
    throw new InputError(`Lexicon ${file}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'} (${firstLine(error)}).`, { cause: error });
  }
  return parseLexicon(data, file);
}
