import { describe, expect, it } from 'vitest';
import { CODE_NOTE } from '../../src/article/parse-article.js';
import { InputError } from '../../src/errors.js';
import { describeRundown } from '../../src/script/plan-digest.js';
import { MAX_CHAPTERS, planScript } from '../../src/script/plan-script.js';
import { describeDate, numberToWords } from '../../src/script/spoken-words.js';
import { hostWordsFor } from '../../src/script/catalogs/host-words.js';
import { makeSpeakable } from '../../src/script/speakable.js';
import type { Article } from '../../src/types.js';

const describeDuration = (ms: number) => hostWordsFor('en').duration(ms);

const article: Article = {
  title: 'Quiet Harbours',
  byline: 'By Ana Ruiz',
  siteName: 'The Coast Gazette',
  date: '2024-03-05T23:30:00-08:00',
  source: 'harbours.txt',
  format: 'text',
  sections: [
    { heading: '', paragraphs: ['The harbour was quiet. Mr. Lee said so.'] },
    { heading: 'Boats', paragraphs: ['Boats came in.', 'Boats went out. Nobody minded.'] },
    { heading: 'Weather', paragraphs: ['It rained.'] },
  ],
};

const options = { narrator: 'slt', host: 'rms', maxChars: 600 };

describe('planScript', () => {
  const script = planScript(article, options);
  const all = script.chapters.flatMap((chapter) => chapter.segments);

  it('makes an opening chapter and one chapter per section', () => {
    expect(script.title).toBe('Quiet Harbours');
    expect(script.chapters.map((chapter) => chapter.title)).toEqual(['Quiet Harbours', 'Boats', 'Weather']);
  });

  it('opens with title, credit, date, length and rundown in the host voice', () => {
    const [title, intro] = script.chapters[0]!.segments;
    expect(title).toMatchObject({ role: 'title', voice: 'rms', text: 'Quiet Harbours' });
    const introText = script.chapters[0]!.segments.filter((s) => s.role === 'intro')
      .map((s) => s.text)
      .join(' ');
    expect(intro!.voice).toBe('rms');
    // The date is read out in words: the script holds what the engine will say.
    expect(introText).toBe(
      'By Ana Ruiz for The Coast Gazette, March fifth, twenty twenty-four. This briefing runs less than a minute. It covers Boats; and Weather.',
    );
  });

  it('reads every paragraph once, in order, in the narrator voice', () => {
    const body = all.filter((s) => s.role === 'body');
    expect(body.every((s) => s.voice === 'slt')).toBe(true);
    expect(body.map((s) => s.text)).toEqual([
      'The harbour was quiet.',
      'Mister Lee said so.',
      'Boats came in.',
      'Boats went out.',
      'Nobody minded.',
      'It rained.',
    ]);
  });

  it('announces each section in the host voice at the start of its chapter', () => {
    expect(script.chapters[1]!.segments[0]).toMatchObject({ role: 'heading', voice: 'rms', text: 'Boats' });
    expect(script.chapters[2]!.segments[0]).toMatchObject({ role: 'heading', voice: 'rms', text: 'Weather' });
  });

  it('closes in the host voice inside the last chapter', () => {
    const last = script.chapters[2]!.segments.at(-1)!;
    expect(last.role).toBe('outro');
    expect(last.voice).toBe('rms');
    expect(last.text).toContain('Thanks for listening');
  });

  it('puts sentence, paragraph and section pauses where they belong', () => {
    const pauses = Object.fromEntries(all.map((s) => [s.text, s.pauseAfterMs]));
    expect(pauses['The harbour was quiet.']).toBe(250);
    expect(pauses['Mister Lee said so.']).toBe(1000);
    expect(pauses['Boats came in.']).toBe(600);
    expect(pauses['Boats went out.']).toBe(250);
    expect(pauses['Nobody minded.']).toBe(1000);
    expect(pauses['It rained.']).toBe(600);
  });

  it('honours configured pauses', () => {
    const custom = planScript(article, { ...options, pauses: { sentenceMs: 100, paragraphMs: 400, sectionMs: 2000 } });
    const texts = Object.fromEntries(custom.chapters.flatMap((c) => c.segments).map((s) => [s.text, s.pauseAfterMs]));
    expect(texts['The harbour was quiet.']).toBe(100);
    expect(texts['Boats came in.']).toBe(400);
    expect(texts['Nobody minded.']).toBe(2000);
  });

  it('keeps every segment within the engine limit and never empty', () => {
    const long: Article = { ...article, sections: [{ heading: '', paragraphs: [`${'word '.repeat(400)}end`] }] };
    const segments = planScript(long, { ...options, maxChars: 100 }).chapters.flatMap((c) => c.segments);
    expect(segments.every((s) => s.text.length > 0 && s.text.length <= 100)).toBe(true);
    expect(
      segments
        .filter((s) => s.role === 'body')
        .map((s) => s.text)
        .join(' '),
    ).toBe(`${'word '.repeat(400)}end`);
  });

  it('reads the description as the lead when the article has no lead paragraphs', () => {
    const noLead: Article = { ...article, description: 'A short standfirst.', sections: article.sections.slice(1) };
    const opening = planScript(noLead, options).chapters[0]!.segments;
    expect(opening.filter((s) => s.role === 'body').map((s) => s.text)).toEqual(['A short standfirst.']);
  });
});

describe('spoken words', () => {
  it.each([
    [0, 'zero'],
    [4, 'four'],
    [21, 'twenty-one'],
    [105, 'one hundred five'],
  ])('numberToWords(%i)', (n, words) => {
    expect(numberToWords(n)).toBe(words);
  });

  it('describes durations the way a host would', () => {
    expect(describeDuration(20_000)).toBe('less than a minute');
    expect(describeDuration(60_000)).toBe('about one minute');
    expect(describeDuration(4 * 60_000 + 10_000)).toBe('about four minutes');
    expect(describeDuration(70 * 60_000)).toBe('about an hour and ten minutes');
  });

  it('keeps the calendar date as written', () => {
    expect(describeDate('2015-07-24T05:36:09+01:00')).toBe('July 24, 2015');
    expect(describeDate('2019-01-03T23:59:00-11:00')).toBe('January 3, 2019');
    expect(describeDate('not a date')).toBeUndefined();
  });
});

describe('makeSpeakable', () => {
  it.each([
    ['  “Quoted”   text ’s  ', '"Quoted" text \'s'],
    ['Before—after', 'Before, after'],
    ['Before – after', 'Before, after'],
    ['2024–25 season', '2024-25 season'],
    ['Wait…', 'Wait...'],
    ['zero\u200Bwidth soft\u00ADhyphen', 'zerowidth softhyphen'],
    ['Great news 🎉 today', 'Great news today'],
    ['bell\u0007 char', 'bell char'],
  ])('%j', (input, expected) => {
    expect(makeSpeakable(input)).toBe(expected);
  });
});

describe('chapter count', () => {
  it('keeps every section but never plans more chapters than an ID3 table of contents holds', () => {
    const many: Article = {
      ...article,
      sections: Array.from({ length: 600 }, (_, i) => ({ heading: `Part ${i + 1}`, paragraphs: [`Paragraph ${i + 1} is here.`] })),
    };
    const script = planScript(many, options);
    expect(script.chapters.length).toBeLessThanOrEqual(MAX_CHAPTERS);
    const headings = script.chapters.flatMap((c) => c.segments).filter((s) => s.role === 'heading');
    expect(headings).toHaveLength(600);
    expect(script.chapters[1]!.title).toBe('Part 1');
    expect(script.chapters[1]!.segments[0]!.role).toBe('heading');
  });
});

describe('the opening rundown', () => {
  const intro = (sections: Article['sections']) =>
    planScript({ ...article, sections }, options)
      .chapters[0]!.segments.filter((s) => s.role === 'intro')
      .map((s) => s.text)
      .join(' ');
  const parts = (count: number, heading = (i: number) => `Part ${i + 1}`) =>
    Array.from({ length: count }, (_, i) => ({ heading: heading(i), paragraphs: [`Paragraph ${i + 1} is here.`] }));
  const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean).length;

  it('names up to five sections, and counts the rest', () => {
    expect(intro(parts(5))).toMatch(/It covers Part one; Part two; Part three; Part four; and Part five\.$/);
    expect(intro(parts(6))).toMatch(/It covers six sections, starting with Part one; Part two; Part three; Part four; and Part five\.$/);
  });

  it('stays short however many sections an article has, and however long their headings', () => {
    const counts = [12, 250, 5_000].map((count) => wordsOf(intro(parts(count))));
    expect(Math.max(...counts)).toBeLessThan(70);
    const long = intro(parts(40, (i) => `A heading that goes on and on for many words without stopping number ${i + 1}`));
    expect(long).toMatch(/It covers forty sections, starting with A heading that goes on .*; and A heading .* number two\.$/);
    expect(wordsOf(intro(parts(3, (i) => `${'word '.repeat(100)}${i}`)))).toBeLessThan(30);
  });
});

describe('an article with nothing to say', () => {
  it('is refused with an InputError, not planned as a briefing of its title', () => {
    for (const paragraphs of [['* * *'], ['🙂🙂🙂', '...'], ['— — —', '!!! ???'], [CODE_NOTE]]) {
      expect(() => planScript({ ...article, source: 'symbols.txt', sections: [{ heading: '', paragraphs }] }, options)).toThrow(
        new InputError('Nothing to read in symbols.txt: its text has no words to speak, only symbols, emoji or punctuation. Give an article with some text.'),
      );
    }
    expect(() => planScript({ ...article, source: '-', sections: [{ heading: 'Only', paragraphs: ['###'] }] }, options)).toThrow(/^Nothing to read in stdin: /);
    // One word is enough, and so is a symbol with a reading.
    expect(planScript({ ...article, sections: [{ heading: '', paragraphs: ['🙂 Yes!'] }] }, options).chapters).toHaveLength(1);
    expect(planScript({ ...article, sections: [{ heading: '', paragraphs: ['$'] }] }, options).chapters).toHaveLength(1);
  });
});

describe("the digest's rundown", () => {
  it('names the first five headlines of a long digest and counts the rest', () => {
    const titles = Array.from({ length: 30 }, (_, i) => `Headline ${i + 1}`);
    expect(describeRundown(titles, 185_000)).toBe(
      'This digest covers thirty articles and runs about three minutes. First, Headline 1. Then, Headline 2. Then, Headline 3. Then, Headline 4. Then, Headline 5. And twenty-five more.',
    );
    const long = Array.from({ length: 4 }, (_, i) => `${'A very long headline that rambles on '.repeat(3)}${i}`);
    expect(describeRundown(long, 60_000)).toMatch(/^This digest covers four articles and runs about one minute\. First, .* 0\. Then, .* 1\. And two more\.$/);
  });
});
