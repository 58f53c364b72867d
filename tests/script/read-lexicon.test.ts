import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseLexicon, readLexicon } from '../../src/read/read-lexicon.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-lexicon-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).not.toMatch(/\n/);
  return error as InputError;
}

describe('readLexicon', () => {
  it('reads JSON', async () => {
    const target = await file(
      'names.json',
      JSON.stringify({
        words: { Xi: 'Shee' },
        rules: [{ pattern: '\\bKh', flags: 'g', replacement: 'K' }],
        spell: ['ZTE'],
      }),
    );
    expect(await readLexicon(target)).toEqual({ words: { Xi: 'Shee' }, rules: [{ pattern: '\\bKh', flags: 'g', replacement: 'K' }], spell: ['ZTE'] });
  });

  it('reads YAML, with every part optional', async () => {
    const target = await file(
      'names.yaml',
      ['words:', '  Xi: Shee', '  "Jong Un": Jong Oon', 'rules:', '  - pattern: "(\\\\d+)bn"', '    replacement: "$1 billion"'].join('\n'),
    );
    expect(await readLexicon(target)).toEqual({
      words: { Xi: 'Shee', 'Jong Un': 'Jong Oon' },
      rules: [{ pattern: '(\\d+)bn', replacement: '$1 billion' }],
      spell: [],
    });
    expect(await readLexicon(await file('empty.yml', ''))).toEqual({ words: {}, rules: [], spell: [] });
  });

  it('says when the file cannot be read', async () => {
    const error = await failure(readLexicon(path.join(dir, 'missing.yaml')));
    expect(error.message).toBe(`Lexicon ${path.join(dir, 'missing.yaml')}: cannot read it (no such file). Check the path given to --lexicon.`);
    expect((await failure(readLexicon(dir))).message).toMatch(/it is a directory/);
  });

  it('reads a pipe as a stream and stops at 5 MB', async () => {
    // A bounded 6 MB through a FIFO stands for a device that never ends (/dev/zero).
    const pipe = path.join(dir, 'lexicon-pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    const feeder = spawn('sh', ['-c', `head -c 6291456 /dev/zero | tr '\\0' a > '${pipe}'`]);
    const fed = new Promise((resolve) => feeder.on('close', resolve));
    expect((await failure(readLexicon(pipe))).message).toBe(
      `Lexicon ${pipe}: it is larger than 5 MB, more than a lexicon needs. Check the path given to --lexicon.`,
    );
    await fed;
  });

  it('says when the file is not valid JSON or YAML, on one line', async () => {
    expect((await failure(readLexicon(await file('bad.json', '{"words": {')))).message).toMatch(/^Lexicon .*bad\.json: not valid JSON \(/);
    expect((await failure(readLexicon(await file('bad.yaml', 'words: [a, b\nrules: {')))).message).toMatch(/^Lexicon .*bad\.yaml: not valid YAML \(/);
  });

  it('names the rule whose regular expression is invalid', async () => {
    const target = await file(
      'regex.json',
      JSON.stringify({
        rules: [
          { pattern: 'ok', replacement: '' },
          { pattern: '(unclosed', replacement: 'x' },
        ],
      }),
    );
    const error = await failure(readLexicon(target));
    expect(error.message).toMatch(
      /^Lexicon .*regex\.json: rules\[1\] has an invalid regular expression \/\(unclosed\/: .*Fix the pattern or remove the rule\.$/,
    );
  });

  it('names the rule that would need backtracking', async () => {
    const target = await file('lookahead.yaml', 'rules:\n  - pattern: "Kh(?=an)"\n    replacement: K\n');
    const error = await failure(readLexicon(target));
    expect(error.message).toBe(
      `Lexicon ${target}: rules[0] has an unsupported regular expression /Kh(?=an)/: a lookahead ((?= or (?!) needs backtracking, which can take exponential time; match the text itself instead. Fix the pattern or remove the rule.`,
    );
  });
});

describe('parseLexicon', () => {
  it.each([
    [['a list'], 'expected a mapping with "words", "rules" and/or "spell", found a list.'],
    ['text', 'expected a mapping with "words", "rules" and/or "spell", found string "text".'],
    [{ word: {} }, 'unknown key "word"; a lexicon has only "words", "rules" and "spell".'],
    [{ words: ['Xi'] }, '"words" must be a mapping of written word to spoken form, found a list.'],
    [{ words: { Xi: 5 } }, 'words."Xi" must be text (how to say it), found number 5.'],
    [{ words: { ' ': 'x' } }, '"words" has an empty key; give the word as it is written.'],
    [{ words: { ['ab'.repeat(150)]: 'x' } }, `words has a key of 300 characters, more than the 200 a word or name needs: "${'ab'.repeat(20)}…".`],
    [{ spell: ['ok', 'X'.repeat(201)] }, 'spell[1] is 201 characters long, more than the 200 a word needs.'],
    [{ rules: { pattern: 'a' } }, '"rules" must be a list of {pattern, replacement, flags?}, found a mapping.'],
    [{ rules: ['a'] }, 'rules[0] must be a mapping with "pattern" and "replacement", found string "a".'],
    [{ rules: [{ pattern: 'a' }] }, 'rules[0].replacement must be text, found nothing.'],
    [{ rules: [{ pattern: '', replacement: '' }] }, 'rules[0].pattern must be a non-empty regular expression, found string "".'],
    [
      { rules: [{ pattern: 'a', replacement: 'b', flag: 'i' }] },
      'rules[0] has an unknown key "flag"; a rule has "pattern", "replacement" and optional "flags".',
    ],
    [{ rules: [{ pattern: 'a', replacement: 'b', flags: 'x' }] }, 'rules[0].flags must be regular-expression flags such as "i" or "iu", found string "x".'],
    [{ spell: 'ZTE' }, '"spell" must be a list of words to spell letter by letter, found string "ZTE".'],
    [{ spell: ['ZTE', 3] }, 'spell[1] must be a word, found number 3.'],
  ])('%j', (data, problem) => {
    expect(() => parseLexicon(data, 'config.yaml')).toThrow(new InputError(`Lexicon config.yaml: ${problem}`));
  });

  it('accepts an empty document as an empty lexicon', () => {
    expect(parseLexicon(null, 'x')).toEqual({ words: {}, rules: [], spell: [] });
    expect(parseLexicon({}, 'x')).toEqual({ words: {}, rules: [], spell: [] });
  });
});
