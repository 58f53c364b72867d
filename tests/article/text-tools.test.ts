import { describe, expect, it } from 'vitest';
import {
  cleanByline,
  collapseWhitespace,
  ensureSentenceEnd,
  isReferenceHeading,
  joinNames,
  normalizeDate,
  parseDateLine,
  softenShouting,
  toComparisonKey,
} from '../../src/article/text-tools.js';

describe('text tools', () => {
  it('collapses every kind of whitespace and drops invisible characters', () => {
    expect(collapseWhitespace(' a\u00A0\tb\n\r\nc\u200B\u00ADd  ')).toBe('a b cd');
  });

  it.each([
    ['item', 'item.'],
    ['item.', 'item.'],
    ['Really?', 'Really?'],
    ['He said "stop."', 'He said "stop."'],
    ['the list:', 'the list.'],
    ['and so on,', 'and so on.'],
    ['wait…', 'wait…'],
    ['', ''],
  ])('ensureSentenceEnd(%j) = %j', (input, output) => {
    expect(ensureSentenceEnd(input)).toBe(output);
  });

  it('compares headings without case, accents, spacing or end punctuation', () => {
    expect(toComparisonKey('  Xi and  Putin:  ')).toBe(toComparisonKey('xi AND putin'));
    expect(toComparisonKey('Māori')).toBe('maori');
    expect(isReferenceHeading('See also')).toBe(true);
    expect(isReferenceHeading('References:')).toBe(true);
    expect(isReferenceHeading('Sources of energy')).toBe(false);
  });

  it('softens shouting but keeps a lone acronym and mixed case', () => {
    expect(softenShouting('THE STATE OF THE UNION')).toBe('The State of the Union');
    expect(softenShouting('NATO')).toBe('NATO');
    expect(softenShouting('NATO Expands East')).toBe('NATO Expands East');
  });

  it('cleans bylines and joins names as spoken', () => {
    expect(cleanByline('  By   Jane Doe ')).toBe('Jane Doe');
    expect(cleanByline('Written by: Jane Doe,')).toBe('Jane Doe');
    expect(joinNames(['Ann'])).toBe('Ann');
    expect(joinNames(['Ann', 'Bob'])).toBe('Ann and Bob');
    expect(joinNames(['Ann', ' ', 'Bob', 'Cy'])).toBe('Ann, Bob and Cy');
  });

  it.each([
    ['2025-09-02', '2025-09-02'],
    ['September 2, 2025', '2025-09-02'],
    ['Sept. 2nd 2025', '2025-09-02'],
    ['Tuesday, 2 September 2025', '2025-09-02'],
    ['Published: 2 Sep 2025', '2025-09-02'],
    ['2nd of September, 2025', '2025-09-02'],
    ['2025-09-02T10:00:00Z', '2025-09-02T10:00:00Z'],
    ['February 30, 2025', undefined],
    ['May the force be with you 2025', undefined],
    ['A Show of Power and Symbolism', undefined],
  ])('parseDateLine(%j) = %j', (line, date) => {
    expect(parseDateLine(line)).toBe(date);
  });

  it('normalises stated dates from front matter', () => {
    expect(normalizeDate(new Date(Date.UTC(2015, 3, 10, 12, 30)))).toBe('2015-04-10T12:30:00Z');
    expect(normalizeDate('2015-04-10 10:00:00 +0000')).toBe('2015-04-10');
    expect(normalizeDate('someday')).toBeUndefined();
    expect(normalizeDate(42)).toBeUndefined();
  });
});
