// The reading rules of issue 11, category by category, on our own table of written forms (reading-cases.ts):
// what a newsreader says for a date, a time, an amount of money, a measure, a fraction, a large number, an
// address. Every case goes through normalizeText, as `briefcast normalize` reads a line.
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/script/normalize/normalize-for-speech.js';
import { READING_CASES } from './reading-cases.js';

for (const [category, cases] of Object.entries(READING_CASES)) {
  describe(category, () => {
    it.each(cases)('%s', (written, spoken) => {
      expect(normalizeText(written)).toBe(spoken);
    });
  });
}

describe('what must not be taken for something else', () => {
  it.each([
    // A date is not a fraction, a score is not a date, a verb is not a month.
    ['On 1/4/2024 the law changed.', 'On January fourth, twenty twenty-four the law changed.'],
    ['Prices may 5 times rise.', 'Prices may five times rise.'],
    ['The team won 3-1 on Sunday.', 'The team won three to one on Sunday.'],
    // A year followed by a count is two numbers, a telephone number keeps its groups.
    ['In 2019 500 people left.', 'In twenty nineteen five hundred people left.'],
    ['Call 202 555 0123 now.', 'Call two oh two, five five five, oh one two three now.'],
    // A local telephone number is two groups of digits; round numbers joined by a dash are a range.
    ['Call 555-1234 today.', 'Call five five five, one two three four today.'],
    ['Between 100-1000 people.', 'Between one hundred and one thousand people.'],
    // Round numbers in the plural, and plain ones after cents.
    [
      'Hundreds, even 1,000s, came: 100s of people and 10s of thousands online.',
      'Hundreds, even thousands, came: hundreds of people and tens of thousands online.',
    ],
    ['It cost $2.000 and ran until 10:00:00 p.m. on 340 A.D. sets.', 'It cost two dollars and ran until ten P M on three hundred forty A D sets.'],
    ['Write to some_university.edu today.', 'Write to some underscore university dot E D U today.'],
    ['In 2019 1 000 people left.', 'In twenty nineteen one thousand people left.'],
    // Telephone numbers in international and national groups.
    [
      'Call +44 20 7946 0958 or 0800 123 456.',
      'Call plus four four, two oh, seven nine four six, oh nine five eight or oh eight oh oh, one two three, four five six.',
    ],
    // A month and day without a year is a date, not a fraction; a proper fraction stays one.
    ['On 11/5 the market fell, since 3/12 it rose by 3/4.', 'On November fifth the market fell, since March twelfth it rose by three quarters.'],
    ['Killed since 9/11, working 24/7.', 'Killed since nine eleven, working twenty-four seven.'],
    // Two values joined by a slash are not a fraction of a unit.
    ['Rates of 8/16 kHz.', 'Rates of eight sixteen kilohertz.'],
    // Sixteen bare digits are an identifier, read digit by digit.
    ['Card 1234567890123456 was used.', 'Card one two three four five six seven eight nine zero one two three four five six was used.'],
    // "5 HP printers" is not horsepower in capitals; "5 MS patients" not milliseconds.
    ['It sold 5 HP printers.', 'It sold five H P printers.'],
    ['They won 3 CL titles.', 'They won three C L titles.'],
    // Spaced thousands are not glued to a unit: two 100m races.
    ['She won 2 100m races.', 'She won two one hundred meter races.'],
  ])('%s', (written, spoken) => {
    expect(normalizeText(written)).toBe(spoken);
  });
});
