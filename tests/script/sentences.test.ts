import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkSentence, splitSentences } from '../../src/script/sentences.js';

describe('splitSentences', () => {
  it.each([
    ['Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
    ['It was a challenge to the U.S.-led order. Observers agreed.', ['It was a challenge to the U.S.-led order.', 'Observers agreed.']],
    ['An alternative to U.S. hegemony. Next sentence.', ['An alternative to U.S. hegemony.', 'Next sentence.']],
    ['He lives in Washington, D.C. The U.S. economy grew.', ['He lives in Washington, D.C.', 'The U.S. economy grew.']],
    ['J.P. Morgan spoke. No. 10 replied.', ['J.P. Morgan spoke.', 'No. 10 replied.']],
    ['Shares rose 1.5 per cent. Bonds fell.', ['Shares rose 1.5 per cent.', 'Bonds fell.']],
    ['We met at 10 a.m. on Monday. It rained.', ['We met at 10 a.m. on Monday.', 'It rained.']],
    ['He said "Stop." Then he left.', ['He said "Stop."', 'Then he left.']],
    ['Really? Yes! Fine.', ['Really?', 'Yes!', 'Fine.']],
    ['Wait... What happened?', ['Wait...', 'What happened?']],
    ['Acme Inc. said profits rose. Acme Inc. Chief Executive spoke.', ['Acme Inc. said profits rose.', 'Acme Inc. Chief Executive spoke.']],
    ['(This is bracketed.) Next one.', ['(This is bracketed.)', 'Next one.']],
    ['On Jan. 5 it began.', ['On Jan. 5 it began.']],
  ])('%s', (input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });

  // The newsroom cases: titles, months, "No." and friends, dotted acronyms and initials, decimals,
  // ellipses, quotes and brackets, and abbreviations that really do close a sentence.
  it.each([
    ['Mrs. Ng and Ms. Obi met Prof. Lund.', ['Mrs. Ng and Ms. Obi met Prof. Lund.']],
    ['Gov. Hochul, Sen. Schumer and Rep. Ocasio-Cortez spoke.', ['Gov. Hochul, Sen. Schumer and Rep. Ocasio-Cortez spoke.']],
    ['Gen. Milley, Col. Reed, Lt. Diaz, Sgt. Park and Capt. Holt saluted.', ['Gen. Milley, Col. Reed, Lt. Diaz, Sgt. Park and Capt. Holt saluted.']],
    ['They flew from St. Louis past Mt. Hood to Ft. Worth.', ['They flew from St. Louis past Mt. Hood to Ft. Worth.']],
    ['It opens Feb. 3 and closes Dec. 24 this year.', ['It opens Feb. 3 and closes Dec. 24 this year.']],
    ['It ran from Sept. 1 to Oct. 31. Then it closed.', ['It ran from Sept. 1 to Oct. 31.', 'Then it closed.']],
    ['Smith vs. Jones went on for approx. 10 hours.', ['Smith vs. Jones went on for approx. 10 hours.']],
    ['Fruit, e.g. Apples, i.e. Red ones, etc. were sold.', ['Fruit, e.g. Apples, i.e. Red ones, etc. were sold.']],
    ['They sold pens, paper, etc. The shop closed.', ['They sold pens, paper, etc.', 'The shop closed.']],
    ['Acme Ltd. and Foo Corp. and Bar Co. merged.', ['Acme Ltd. and Foo Corp. and Bar Co. merged.']],
    ['The deal was with Foo Corp. The shares rose.', ['The deal was with Foo Corp.', 'The shares rose.']],
    ['Doors open at 7 p.m. Tickets are free.', ['Doors open at 7 p.m. Tickets are free.']],
    ['Doors open at 7 p.m. The show starts at 8.', ['Doors open at 7 p.m.', 'The show starts at 8.']],
    ['The U.K. and the U.S. signed. The E.U. did not.', ['The U.K. and the U.S. signed.', 'The E.U. did not.']],
    ['He works in the U.S. He likes it.', ['He works in the U.S.', 'He likes it.']],
    ['The U.S. Senate voted.', ['The U.S. Senate voted.']],
    ['J. K. Rowling and George R. R. Martin wrote.', ['J. K. Rowling and George R. R. Martin wrote.']],
    ['Inflation was 3.2 per cent. Rates held at 5.25.', ['Inflation was 3.2 per cent.', 'Rates held at 5.25.']],
    ['The answer was no. The vote failed.', ['The answer was no.', 'The vote failed.']],
    ['Turn to p. 5 and fig. 2 now.', ['Turn to p. 5 and fig. 2 now.']],
    ['He said... nothing. Then: "Go!" She went.', ['He said... nothing.', 'Then: "Go!"', 'She went.']],
    ['"Is it over?" she asked. "Yes."', ['"Is it over?" she asked.', '"Yes."']],
    ["He called it 'a farce.' Nobody laughed.", ["He called it 'a farce.'", 'Nobody laughed.']],
    ["[Editor's note.] The story follows.", ["[Editor's note.]", 'The story follows.']],
    ['It hit Miami, Fla. The storm moved on.', ['It hit Miami, Fla.', 'The storm moved on.']],
    ['Fla. Gov. Ron DeSantis spoke.', ['Fla. Gov. Ron DeSantis spoke.']],
    ['He was ill. Doctors said so.', ['He was ill.', 'Doctors said so.']],
    ['Apple sold more. iPhone sales rose.', ['Apple sold more.', 'iPhone sales rose.']],
    ['Martin Luther King Jr. Day is a holiday.', ['Martin Luther King Jr. Day is a holiday.']],
    ['It was led by Martin Luther King Jr. The march was peaceful.', ['It was led by Martin Luther King Jr.', 'The march was peaceful.']],
    ['他来了。 她走了。', ['他来了。', '她走了。']],
  ])('newsroom: %s', (input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });

  it('keeps whitespace tidy and returns nothing for blank input', () => {
    expect(splitSentences('  One.\n\n  Two.\t')).toEqual(['One.', 'Two.']);
    expect(splitSentences(' \n\t ')).toEqual([]);
  });

  it('never loses, doubles or reorders a word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const words = text.split(/\s+/).filter(Boolean);
        expect(splitSentences(text).join(' ').split(/\s+/).filter(Boolean)).toEqual(words);
      }),
    );
  });

  // Arbitrary code points (astral planes, combining marks, lone controls), and text built from the pieces that
  // steer the splitter, so that abbreviations, terminators and closers meet in every combination.
  const tricky = fc.constantFrom(
    'Mr.',
    'Dr.',
    'U.S.',
    'D.C.',
    'J.P.',
    'No.',
    'a.m.',
    'Inc.',
    'etc.',
    'St.',
    'Jan.',
    '3.5',
    '...',
    '\u2026',
    '?',
    '!',
    '."',
    '.)',
    '"',
    '(',
    ')',
    'The',
    'He',
    'it',
    '5',
    '\u3002',
    '\u00A0',
    '\u2028',
    '\t',
    '\n',
  );
  const newsy = fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(' '));

  it.each([
    ['arbitrary code points', fc.string({ unit: 'binary', maxLength: 300 })],
    ['newsroom pieces', newsy],
  ])('never loses, doubles or reorders a word (%s)', (_name, text) => {
    fc.assert(
      fc.property(text, (input) => {
        const words = input.split(/\s+/).filter(Boolean);
        const sentences = splitSentences(input);
        expect(sentences.join(' ').split(/\s+/).filter(Boolean)).toEqual(words);
        for (const sentence of sentences) {
          expect(sentence.length).toBeGreaterThan(0);
          expect(sentence).toBe(sentence.trim());
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('chunkSentence', () => {
  it('keeps a short sentence whole', () => {
    expect(chunkSentence('A short sentence.', 100)).toEqual(['A short sentence.']);
  });

  it('cuts at the strongest clause boundary in the back half', () => {
    const sentence = 'First part of the sentence runs on; second part, with a comma, follows and ends here.';
    expect(chunkSentence(sentence, 60)).toEqual(['First part of the sentence runs on;', 'second part, with a comma, follows and ends here.']);
  });

  it('falls back to word boundaries, then to pieces of an over-long word', () => {
    expect(chunkSentence('aaaa bbbb cccc dddd', 9)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(chunkSentence('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('cuts an over-long word between graphemes, never inside an accented letter or an emoji', () => {
    expect(chunkSentence('e\u0301e\u0301e\u0301e\u0301', 4)).toEqual(['e\u0301e\u0301', 'e\u0301e\u0301']);
    expect(chunkSentence('ab👍🏽cd', 4)).toEqual(['ab', '👍🏽', 'cd']);
  });

  it('prefers a semicolon to a comma and a comma to a plain space', () => {
    const sentence = 'Alpha beta gamma delta, epsilon zeta; eta theta iota kappa lambda mu.';
    expect(chunkSentence(sentence, 45)).toEqual(['Alpha beta gamma delta, epsilon zeta;', 'eta theta iota kappa lambda mu.']);
    expect(chunkSentence('One two three four, five six seven eight nine ten.', 30)).toEqual(['One two three four,', 'five six seven eight nine ten.']);
    expect(chunkSentence('Before the storm \u2014 after it came the quiet hours.', 30)).toEqual(['Before the storm \u2014', 'after it came the quiet hours.']);
  });

  it('never loses, doubles or reorders a word over arbitrary code points, within the limit, never empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 2, max: 120 }), (text, max) => {
        const chunks = chunkSentence(text, max);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(max);
          expect(chunk).toBe(chunk.trim());
        }
        // Words longer than the limit are cut into pieces; all others come out whole, in order.
        const words = text.split(/\s+/).filter(Boolean);
        const pieces = chunks.join(' ').split(/\s+/).filter(Boolean);
        expect(pieces.join('')).toBe(words.join(''));
        if (words.every((word) => word.length <= max)) expect(pieces).toEqual(words);
      }),
      { numRuns: 500 },
    );
  });

  it('never loses, doubles or reorders a character, and respects the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 2, max: 120 }), (text, max) => {
        const chunks = chunkSentence(text, max);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(max);
          expect(chunk.trim()).toBe(chunk);
          expect(chunk.length).toBeGreaterThan(0);
        }
        expect(chunks.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
    );
  });
});
