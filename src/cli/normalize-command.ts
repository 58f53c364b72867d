// `briefcast normalize`: prints how text will be spoken, one output line per input line, in order, so that
// anyone can check a phrase (and a lexicon) before synthesizing. Reads stdin, or the arguments when given; --lang
// reads them as text in that language (English by default), as a briefing of an article in it would.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { checkLanguageFlag, lexiconOption, readLexiconFlag } from './shared-options.js';

interface NormalizeFlags {
  lexicon?: string;
  lang?: string;
}

export function registerNormalizeCommand(program: Command): void {
  program
    .command('normalize [text...]')
    .description('print how text will be spoken: each line of stdin (or each argument) becomes one line of plain words')
    .option('--lang <tag>', 'read the text as this language, a BCP 47 tag (fr, de, pt-BR); default: en')
    .addOption(lexiconOption())
    .action(async (text: string[], flags: NormalizeFlags) => {
      // The same check, message and exit code as a briefing's --lang, before anything is read.
      const language = (flags.lang === undefined ? undefined : await checkLanguageFlag(flags.lang)) ?? 'en';
      const { lexiconInEffect } = await import('../script/plan-script.js');
      const { normalizeText } = await import('../script/normalize/normalize-for-speech.js');
      // The lexicon a briefing would use: the built-in one with the user's over it.
      const lexicon = lexiconInEffect({ lexicon: await readLexiconFlag(flags) });
      const lines: AsyncIterable<string> | Iterable<string> = text.length
        ? text
        : createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
      // A reader that goes away early (`| head`) ends the command quietly; any other write error is reported.
      const stdout = process.stdout;
      let broken: NodeJS.ErrnoException | undefined;
      const onError = (error: NodeJS.ErrnoException) => {
        broken = error;
      };
      stdout.on('error', onError);
      try {
        for await (const line of lines) {
          if (broken) break;
          // Waiting for 'drain' keeps memory flat however long the input is.
          if (!stdout.write(`${normalizeText(line, lexicon, language)}\n`)) await once(stdout, 'drain').catch(() => undefined);
        }
      } finally {
        stdout.off('error', onError);
      }
      if (broken && broken.code !== 'EPIPE') throw broken;
    });
}
