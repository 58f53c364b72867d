// No article text and no lexicon rule may make a step take time that grows faster than the article: each case
// here is a run of one piece, 200 KB long, that once took one of these steps minutes or hours (a regular
// expression retrying every position of a long run, an anchored look back over the whole sentence, V8's grapheme
// segmenter over one long word). Linear code reads each in well under a second; the bound leaves room for a busy
// machine.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/article/detect-format.js';
import { parseText } from '../../src/article/parse-text.js';
import { ensureSentenceEnd, hasClosingPunctuation, toComparisonKey } from '../../src/article/text-tools.js';
import { normalizeText } from '../../src/script/normalize/normalize-for-speech.js';
import { planScript } from '../../src/script/plan-script.js';
import { chunkSentence, splitSentences } from '../../src/script/sentences.js';

const SIZE = 200_000;
const BOUND_MS = 8_000;
const run = (piece: string, size = SIZE) => piece.repeat(Math.ceil(size / piece.length));

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

describe('speech normalization of 200 KB runs', () => {
  it.each([
    '1,',
    '"',
    '🙂',
    '$1.5bn ',
    '£1 ',
    'St. ',
    'Ph.D. ',
    '...',
    '!',
    '?!',
    '1%',
    '1°',
    '<',
    '>',
    '(555) ',
    'U.S.',
    'A.',
    '1st',
    '"a" ',
    'a $5 fee ',
    'King Henry I am ',
    'the 5th of March ',
    '5 km ',
    '-5 ',
    'www.',
    '://',
    '[[[',
    '1-2pm ',
    '737-800 ',
  ])('%j', (piece) => {
    const { result, ms } = timed(() => normalizeText(run(piece)));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(typeof result).toBe('string');
  });
});

describe('sentences', () => {
  it('splits a run of marks and cuts one long word in linear time', () => {
    expect(timed(() => splitSentences(run('...', 400_000))).ms).toBeLessThan(BOUND_MS);
    expect(timed(() => splitSentences(run('U.S. Ph.D. ', 400_000))).ms).toBeLessThan(BOUND_MS);
    const { result, ms } = timed(() => chunkSentence(run('1,', 400_000), 600));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(result.join('')).toBe(run('1,', 400_000));
  });
});

describe('planning an article of 100 KB paragraphs', () => {
  it('plans a briefing from pathological paragraphs in linear time', () => {
    const paragraphs = ['"', '🙂 a', '$1.5bn ', 'U.S. ', '1,'].map((piece) => run(piece, 40_000));
    const { ms } = timed(() =>
      planScript(
        { title: 'Runs', source: 'runs.txt', format: 'text', sections: [{ heading: '', paragraphs }] },
        { narrator: 'slt', host: 'rms', maxChars: 600 },
      ),
    );
    expect(ms).toBeLessThan(BOUND_MS * 2);
  });
});

describe('reading the article', () => {
  it('sniffs the format of a page that opens with thousands of comments or unclosed links', () => {
    for (const head of ['<!---->', '<!-- -->\n', '[a](b', '**a', '<p']) {
      expect(timed(() => detectFormat('-', run(head))).ms).toBeLessThan(1_000);
    }
    expect(detectFormat('-', `${'<!---->'.repeat(30)}<!doctype html><p>x</p>`)).toBe('html');
    expect(detectFormat('-', `${'<!---->'.repeat(30)}x`)).toBe('text');
  });

  it('tidies line and paragraph ends without rereading long runs of punctuation', () => {
    const dots = `${run('.', 200_000)}x`;
    expect(timed(() => [hasClosingPunctuation(dots), ensureSentenceEnd(`${run(' ,', 200_000)}x`), toComparisonKey(dots)]).ms).toBeLessThan(BOUND_MS);
    expect(hasClosingPunctuation('He said "no."')).toBe(true);
    expect(ensureSentenceEnd('A list item ,;')).toBe('A list item.');
    expect(toComparisonKey('The End …" ')).toBe('the end');
    expect(timed(() => parseText(`Title\n\nText${run(' ', 200_000)}x${run('.', 100_000)}\n`, 'runs.txt')).ms).toBeLessThan(BOUND_MS);
  });
});
