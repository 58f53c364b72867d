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

  it('never loses, doubles or reorders a word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const words = text.split(/\s+/).filter(Boolean);
        expect(splitSentences(text).join(' ').split(/\s+/).filter(Boolean)).toEqual(words);
      }),
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
