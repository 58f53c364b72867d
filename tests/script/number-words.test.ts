import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sayCardinal, sayDecade, sayDigits, sayFraction, sayMixedFraction, sayNumber, sayOrdinal, sayYear } from '../../src/script/normalize/number-words.js';
import { isPronounceable } from '../../src/script/normalize/acronyms.js';
import { romanToNumber } from '../../src/script/normalize/roman.js';

describe('number words', () => {
  it.each([
    ['0', 'zero'],
    ['13', 'thirteen'],
    ['40', 'forty'],
    ['99', 'ninety-nine'],
    ['100', 'one hundred'],
    ['105', 'one hundred five'],
    ['1000', 'one thousand'],
    ['1001', 'one thousand one'],
    ['2024', 'two thousand twenty-four'],
    ['1,000,000', 'one million'],
    ['1000000000000', 'one trillion'],
    ['-7', 'minus seven'],
    ['007', 'seven'],
    ['123456789', 'one hundred twenty-three million four hundred fifty-six thousand seven hundred eighty-nine'],
  ])('sayCardinal(%s)', (digits, words) => {
    expect(sayCardinal(digits)).toBe(words);
  });

  it.each([
    [1, 'first'],
    [2, 'second'],
    [3, 'third'],
    [5, 'fifth'],
    [8, 'eighth'],
    [9, 'ninth'],
    [12, 'twelfth'],
    [20, 'twentieth'],
    [21, 'twenty-first'],
    [100, 'one hundredth'],
    [101, 'one hundred first'],
    [1000, 'one thousandth'],
  ])('sayOrdinal(%i)', (n, words) => {
    expect(sayOrdinal(n)).toBe(words);
  });

  it.each([
    [1066, 'ten sixty-six'],
    [1900, 'nineteen hundred'],
    [1905, 'nineteen oh five'],
    [1945, 'nineteen forty-five'],
    [2000, 'two thousand'],
    [2008, 'two thousand eight'],
    [2010, 'twenty ten'],
    [2024, 'twenty twenty-four'],
    [1000, 'one thousand'],
    [1001, 'one thousand one'],
    [1100, 'eleven hundred'],
    [2100, 'twenty-one hundred'],
    [999, 'nine hundred ninety-nine'],
  ])('sayYear(%i)', (n, words) => {
    expect(sayYear(n)).toBe(words);
  });

  it.each([
    [1990, 'nineteen nineties'],
    [2020, 'twenty twenties'],
    [1800, 'eighteen hundreds'],
    [2000, 'two thousands'],
    [2010, 'twenty tens'],
    [60, 'sixties'],
  ])('sayDecade(%i)', (n, words) => {
    expect(sayDecade(n)).toBe(words);
  });

  it('reads decimals, digits and fractions', () => {
    expect(sayNumber('3.14')).toBe('three point one four');
    expect(sayNumber('.5')).toBe('point five');
    expect(sayNumber('-0.25')).toBe('minus zero point two five');
    expect(sayNumber('+1,250.5')).toBe('plus one thousand two hundred fifty point five');
    expect(sayDigits('9110', 'oh')).toBe('nine one one oh');
    expect(sayFraction(1, 3)).toBe('one third');
    expect(sayFraction(3, 2)).toBe('three halves');
    expect(sayFraction(1, 100)).toBe('one hundredth');
    expect(sayMixedFraction(2, 1, 4)).toBe('two and a quarter');
  });

  it('reads every whole number up to a decillion with words only, and reads digits past that', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 36n - 1n }), (n) => {
        expect(sayCardinal(n.toString())).toMatch(/^[a-z]+(?:[ -][a-z]+)*$/);
      }),
    );
    expect(sayCardinal('1'.repeat(40))).toBe(Array(40).fill('one').join(' '));
  });
});

describe('isPronounceable', () => {
  it.each(['NATO', 'NASA', 'UNESCO', 'FEMA', 'OPEC', 'NAFTA', 'DARPA', 'ASEAN', 'CERN', 'BRICS', 'NIMBY', 'AIDS'])('%s reads as a word', (word) => {
    expect(isPronounceable(word)).toBe(true);
  });

  it.each(['FBI', 'UNHCR', 'OECD', 'IAEA', 'LGBTQ', 'NYPD', 'HSBC', 'ESPN', 'AARP', 'CSIS', 'XKCD', 'EU'])('%s is spelled', (word) => {
    expect(isPronounceable(word)).toBe(false);
  });
});

describe('romanToNumber', () => {
  it.each([
    ['I', 1],
    ['IV', 4],
    ['IX', 9],
    ['XIV', 14],
    ['XL', 40],
    ['LVIII', 58],
    ['XCIX', 99],
    ['MCMXC', 1990],
    ['MMXXIV', 2024],
  ])('%s', (roman, n) => {
    expect(romanToNumber(roman)).toBe(n);
  });

  it.each(['IIII', 'VV', 'IC', 'MMMM', '', 'ABC'])('%s is not a numeral', (roman) => {
    expect(romanToNumber(roman)).toBeUndefined();
  });
});
