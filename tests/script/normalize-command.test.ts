// `briefcast normalize`: in process (arguments), and end to end through the built module with real stdin and
// stdout (dist/ comes from `npm run build`, which `npm test` runs first).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerNormalizeCommand } from '../../src/cli/normalize-command.js';
import { runTool } from '../../src/run-tool.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The command on a program of its own, so the test does not depend on the rest of the CLI.
const DRIVER = [
  "import { Command } from 'commander';",
  "import { registerNormalizeCommand } from './dist/cli/normalize-command.js';",
  "const program = new Command('briefcast').exitOverride();",
  'registerNormalizeCommand(program);',
  "try { await program.parseAsync(process.argv.slice(1), { from: 'user' }); }",
  'catch (error) { process.stderr.write(`briefcast: ${error.message}\\n`); process.exitCode = error.exitCode ?? 1; }',
].join('\n');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-normalize-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function normalize(input: string, args: string[] = []) {
  return runTool(process.execPath, ['--input-type=module', '-e', DRIVER, 'normalize', ...args], { input, cwd: ROOT });
}

describe('briefcast normalize (in process)', () => {
  it('prints the spoken form of each argument on its own line', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write);
    try {
      const program = new Command('briefcast').exitOverride();
      registerNormalizeCommand(program);
      await program.parseAsync(['normalize', 'It cost $1.5bn.', 'Henry VIII'], { from: 'user' });
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toBe('It cost one point five billion dollars.\nHenry the Eighth\n');
  });
});

describe('briefcast normalize (end to end, stdin to stdout)', () => {
  it('writes one line per input line, in order, empty lines kept', async () => {
    const result = await normalize('Mr. Lee paid $12.50.\n\nThe U.S.-led order, 1990s.\r\nCall 911. Now!\n');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('Mister Lee paid twelve dollars and fifty cents.\n\nThe U S led order, nineteen nineties.\nCall nine one one. Now!\n');
  });

  it('reads a last line without a newline, and nothing from nothing', async () => {
    expect((await normalize('5 km')).stdout).toBe('five kilometers\n');
    expect((await normalize('')).stdout).toBe('');
  });

  it('keeps line count and order over many lines', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? '' : `Line ${i} costs $${i}.`));
    const result = await normalize(`${lines.join('\n')}\n`);
    const out = result.stdout.split('\n');
    expect(out).toHaveLength(lines.length + 1);
    expect(out[0]).toBe('');
    expect(out[1]).toBe('Line one costs one dollar.');
    expect(out[1999]).toBe('Line one thousand nine hundred ninety-nine costs one thousand nine hundred ninety-nine dollars.');
  });

  it('reads with a lexicon file over the built-in one', async () => {
    const lexicon = path.join(dir, 'names.yaml');
    await writeFile(lexicon, 'words:\n  Xi: See\nspell: [ZTE]\n');
    const result = await normalize('Xi met ZTE in Kyiv.\n', ['--lexicon', lexicon]);
    expect(result.stdout).toBe('See met Z T E in Keev.\n');
  });

  it("reads the text as the language --lang names, in that language's words", async () => {
    const result = await normalize('Am 3. Oktober 1990 kam z. B. Prof. Weber.\nAm 3.10. war Nr. 5 da.\n', ['--lang', 'de']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('Am dritten Oktober neunzehnhundertneunzig kam zum Beispiel Professor Weber.\nAm dritten Oktober war Nummer 5 da.\n');
    // A region subtag is its language; without --lang the text is English.
    expect((await normalize('M. Dupont, p. ex.\n', ['--lang', 'fr-CA'])).stdout).toBe('Monsieur Dupont, par exemple.\n');
    expect((await normalize('Am 3. Oktober\n')).stdout).toBe('Am three. Oktober\n');
  });

  it('refuses a --lang that is no language tag, as a briefing does: one line, usage exit code', async () => {
    const result = await normalize('Am 3. Oktober\n', ['--lang', 'x!']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('briefcast: --lang "x!" is not a language tag. Give a BCP 47 tag such as fr, de, es or pt-BR.\n');
  });

  it('fails with one line and the input exit code on a bad lexicon', async () => {
    const lexicon = path.join(dir, 'bad.json');
    await writeFile(lexicon, JSON.stringify({ rules: [{ pattern: '(', replacement: '' }] }));
    const result = await normalize('x\n', ['--lexicon', lexicon]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^briefcast: Lexicon .*bad\.json: rules\[0\] has an invalid regular expression \/\(\/: .*\n$/);
  });
});
