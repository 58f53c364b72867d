// Property tests over the pure half of the pipeline (parseArticle -> planScript) for all three formats:
// whatever Unicode arrives, it either plans a script or fails with a clean InputError, and a planned script
// never has an empty or over-long segment and never loses, doubles or reorders a word of the article's paragraphs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SKIPPED_NOTES } from '../../src/article/collect-sections.js';
import { parseArticle } from '../../src/article/parse-article.js';
import { InputError } from '../../src/errors.js';
import { planScript } from '../../src/script/plan-script.js';
import { ESPEAK_NG_MAX_CHARS } from '../../src/speech/engines/espeak-ng.js';
import { FESTIVAL_MAX_CHARS } from '../../src/speech/engines/festival.js';
import { FLITE_MAX_CHARS } from '../../src/speech/engines/flite.js';
import { INPUT_FORMATS, type Article, type InputFormat, type Script } from '../../src/types.js';

// jsdom makes an HTML run ~50x slower than text: fewer runs there keep the file near 15 s on a 2-core machine.
const RUNS: Record<InputFormat, number> = { text: 400, markdown: 400, html: 120 };
const MAX_CHARS = [FLITE_MAX_CHARS, FESTIVAL_MAX_CHARS, ESPEAK_NG_MAX_CHARS, 40, 7] as const;

// Pieces articles are made of, and the characters that break naive text handling.
const STRUCTURE = [
  '\n',
  '\n\n',
  '\n\n\n',
  '\r\n',
  '\t',
  ' ',
  '  ',
  '. ',
  '! ',
  '? ',
  ', ',
  '; ',
  ': ',
  '...',
  '…',
  ' — ',
  ' – ',
  '-',
  '"',
  '“',
  '”',
  "'",
  '’',
  '# ',
  '## ',
  '### ',
  '- ',
  '* ',
  '1. ',
  '> ',
  '```\n',
  '~~~',
  '---\n',
  '+++\n',
  '| a | b |\n|---|---|\n',
  '[link](http://x.test/)',
  '![img](a.png)',
  '<p>',
  '</p>',
  '<h1>',
  '</h1>',
  '<h2>',
  '</h2>',
  '<article>',
  '</article>',
  '<script>alert(1)</script>',
  '<!--',
  '-->',
  '<br>',
  '&amp;',
  '&#0;',
  '&nbsp;',
  'Mr. ',
  'U.S. ',
  'a.m. ',
  'No. 5',
  '$1.5bn',
  '1990s',
  'Henry VIII',
  'e.g. ',
  '* * *',
  '###',
  '\u00A0',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u202E',
  '\u0301',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u0085',
  '\u2028',
  '\uFFFD',
  '\uD800',
  '🎉',
  '👩🏽‍🚀',
  '🇺🇳',
  '习近平',
  'مرحبا',
  'שלום',
  'Ελλάδα',
  'ǅ',
  'ﬁ',
  '𝔘𝔫𝔦',
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...STRUCTURE) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z]{1,12}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{30,700}$/) },
);
const anyContent = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 80 }).map((parts) => parts.join('')) },
);

/** The body's words (paragraphs of the lead and of every section that has something to say), as planScript reads them. */
function paragraphsRead(article: Article): string[] {
  const hasSomethingToSay = (text: string) => /[\p{L}\p{N}]/u.test(text);
  const lead = article.sections.find((section) => section.heading === '');
  const leadParagraphs = lead?.paragraphs.length ? lead.paragraphs : article.description ? [article.description] : [];
  const sections = article.sections.filter((section) => section.heading !== '' && section.paragraphs.some(hasSomethingToSay));
  return [...leadParagraphs, ...sections.flatMap((section) => section.paragraphs)];
}

function expectWellFormed(script: Script, maxChars: number): void {
  expect(script.chapters.length).toBeGreaterThan(0);
  for (const chapter of script.chapters) {
    // The chapter title goes into the ID3 tag: never blank.
    expect(chapter.title.trim()).not.toBe('');
    expect(chapter.segments.length).toBeGreaterThan(0);
    for (const segment of chapter.segments) {
      expect(segment.spoken.length).toBeLessThanOrEqual(maxChars);
      expect(segment.spoken).toBe(segment.spoken.trim());
      // Something an engine can say: a letter or a digit, and no control or invisible characters.
      expect(segment.spoken).toMatch(/[\p{L}\p{N}]/u);
      expect(segment.spoken).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B\u2028\u2029\uFEFF]/u);
      // The written form is shown, not read: tidy, with no control or invisible characters either.
      expect(segment.text).toBe(segment.text.trim());
      expect(segment.text).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B\u2028\u2029\uFEFF]/u);
      expect(Number.isInteger(segment.pauseAfterMs) && segment.pauseAfterMs >= 0).toBe(true);
    }
  }
}

async function plan(content: string, format: InputFormat, maxChars: number): Promise<{ article: Article; script: Script } | undefined> {
  let article: Article;
  try {
    article = await parseArticle(content, format, `article.${format}`);
  } catch (error) {
    // The only acceptable failure: a clean "nothing to read" for the user, with a one-line message.
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toMatch(/\n/);
    return undefined;
  }
  try {
    return { article, script: planScript(article, { narrator: 'slt', host: 'rms', maxChars }) };
  } catch (error) {
    // An article with no word to say (only symbols or emoji) is refused by the planner, in one line.
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^Nothing to read in article\.\w+: its text has no words to speak/);
    // The notes of skipped code and tables have words, but none of the article's own ("+++" over a table).
    const own = article.sections.flatMap((section) => section.paragraphs).filter((paragraph) => !(SKIPPED_NOTES as readonly string[]).includes(paragraph));
    expect(own.join(' ')).not.toMatch(/[\p{L}\p{N}]/u);
    return undefined;
  }
}

describe.each(INPUT_FORMATS)('parse-to-script over arbitrary Unicode (%s)', (format) => {
  it('never throws anything but an InputError, and never makes an empty or over-long segment or chapter', async () => {
    await fc.assert(
      fc.asyncProperty(anyContent, fc.constantFrom(...MAX_CHARS), async (content, maxChars) => {
        const planned = await plan(content, format, maxChars);
        if (planned) expectWellFormed(planned.script, maxChars);
      }),
      // A counterexample once found: symbols over a table, refused as nothing to read while its note has words.
      { numRuns: RUNS[format], examples: [['+++\n| a | b |\n|---|---|\n', 600]] },
    );
  }, 120_000);

  it("never loses, doubles or reorders a word of the article's paragraphs", async () => {
    // Lower-case Cyrillic and Greek words: no rule of the English speech normalization (abbreviations,
    // acronyms, Roman numerals, numbers) applies to them, so each must come out exactly as it went in.
    const word = fc.stringMatching(/^[а-яё]{1,12}$|^[α-ω]{1,12}$/);
    const separator = fc.constantFrom(
      ' ',
      ' ',
      ' ',
      ', ',
      '. ',
      '; ',
      ' — ',
      '! ',
      '? ',
      '\n',
      '\n\n',
      '\n\n',
      ' "',
      '" ',
      ' (',
      ') ',
      ' * * * ',
      '\n\n## ',
      '\n\n- ',
    );
    const body = fc
      .tuple(word, fc.array(fc.tuple(separator, word), { minLength: 1, maxLength: 120 }))
      .map(([first, rest]) => `${first}${rest.map(([sep, w]) => sep + w).join('')}.`);
    const article = body.map((text) =>
      format === 'html'
        ? `<html><head><title>Заголовок</title></head><body><article><h1>Заголовок</h1><p>${text
            .replace(/\n\n## ([^\n]*)/g, '</p><h2>$1</h2><p>')
            .replace(/\n\n/g, '</p><p>')}</p></article></body></html>`
        : `Заголовок\n\n${text}`,
    );
    const words = (text: string) => text.match(/[а-яёα-ω]+/gu) ?? [];
    await fc.assert(
      fc.asyncProperty(article, fc.constantFrom(...MAX_CHARS), async (content, maxChars) => {
        const planned = await plan(content, format, maxChars);
        if (!planned) return;
        const expected = paragraphsRead(planned.article).flatMap(words);
        const body = planned.script.chapters.flatMap((chapter) => chapter.segments.filter((segment) => segment.role === 'body'));
        // The written text is never cut inside a word.
        expect(body.flatMap((segment) => words(segment.text))).toEqual(expected);
        const spoken = body.flatMap((segment) => words(segment.spoken));
        // A word whose reading is longer than maxChars has its reading cut into pieces: then compare the letters in order.
        if (maxChars >= 12) expect(spoken).toEqual(expected);
        else expect(spoken.join('')).toBe(expected.join(''));
        expectWellFormed(planned.script, maxChars);
      }),
      { numRuns: RUNS[format] },
    );
  }, 120_000);
});

describe('planScript: paragraphs with nothing to say', () => {
  it('drops "* * *", "..." and "###" paragraphs and a section made only of them, instead of handing them to an engine', async () => {
    const planned = await plan('Title\n\nFirst.\n\n* * *\n\n...\n\nStars\n\n###\n\nSection\n\nLast words.\n', 'text', 600);
    const texts = planned!.script.chapters.map((chapter) => [chapter.title, ...chapter.segments.map((segment) => segment.text)]);
    expect(texts.map(([title]) => title)).toEqual(['Title', 'Section']);
    expect(texts.flat()).not.toContain('* * *.');
    expect(texts.flat()).not.toContain('...');
  });
});
