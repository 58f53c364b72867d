// German dates as a newsreader says them: the day is an ordinal whose ending follows the word before it ("am 3.
// Oktober" → "am dritten Oktober", "der 3. Oktober" → "der dritte Oktober", "Berlin, 3. Oktober" → "Berlin,
// dritter Oktober"), a numeric date gets its month's name ("am 3.10.1990" → "am dritten Oktober
// neunzehnhundertneunzig"), and a year before 2000 is said in hundreds. espeak-ng reads "3." as "drei" followed
// by a pause and "1990" as "eintausend neunhundertneunzig". The words are german.ts's data. Pure.
import { escapeRegExp } from '../normalize/patterns.js';
import { GERMAN_DAY_ORDINALS, GERMAN_MONTHS, GERMAN_MONTH_NAMES, GERMAN_NUMBER_WORDS, GERMAN_ORDINAL_ENDINGS } from './german.js';

const MONTH = Object.keys(GERMAN_MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((written) => escapeRegExp(written) + (written.endsWith('.') ? '' : String.raw`(?!\p{L})`))
  .join('|');

// "3. Oktober", "1. bis 3. Mai", "1.–3. Okt. 1990": a day (or two), the month, perhaps a year.
const DAY_BEFORE_MONTH = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(\d{1,2})\.(?:\s*(und|oder|bis|[–-])\s*(\d{1,2})\.)?\s+(${MONTH})(?:\s+(\d{4})(?![\p{N}]|[.,]\d))?`,
  'gu',
);
// "3.10.1990", "03.10.1990", "3.10.": day and month in digits, each followed by a dot.
const NUMERIC_DATE = /(?<![\p{L}\p{N}.,])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\p{N}]|[.,]\d)/gu;

type Ending = 'e' | 'en' | 'em' | 'er';

/** The ending the word before a date gives its day; undefined for a word that says nothing about it. */
function endingAfter(text: string, offset: number): Ending | undefined {
  const word = /(\S+)\s+$/u.exec(text.slice(Math.max(0, offset - 32), offset))?.[1];
  return word === undefined ? undefined : GERMAN_ORDINAL_ENDINGS[word.toLowerCase()];
}

function dayOrdinal(day: string, ending: Ending): string | undefined {
  const stem = GERMAN_DAY_ORDINALS[Number(day) - 1];
  return stem === undefined ? undefined : stem + ending;
}

/** Below a hundred in words: 0 → "", 1 → "eins", 21 → "einundzwanzig". */
function belowHundred(n: number): string {
  const { ones, teens, tens, oneBeforeTen, and } = GERMAN_NUMBER_WORDS;
  if (n < 10) return ones[n]!;
  if (n < 20) return teens[n - 10]!;
  const unit = n % 10;
  const ten = tens[Math.floor(n / 10)]!;
  if (unit === 0) return ten;
  return (unit === 1 ? oneBeforeTen : ones[unit]!) + and + ten;
}

/** A year from 1100 to 1999 in hundreds ("neunzehnhundertneunzig"); any other year as written (espeak-ng reads "2024" well). */
export function germanYear(year: string): string {
  const n = Number(year);
  if (n < 1100 || n > 1999) return year;
  return belowHundred(Math.floor(n / 100)) + GERMAN_NUMBER_WORDS.hundred + belowHundred(n % 100);
}

/** The text with every German date it finds read in words; anything else as it was. */
export function readGermanDates(text: string): string {
  const named = text.replace(
    DAY_BEFORE_MONTH,
    (match, first: string, joiner: string | undefined, second: string | undefined, month: string, year: string | undefined, offset: number) => {
      const ending = endingAfter(text, offset) ?? 'er';
      const firstDay = dayOrdinal(first, ending);
      const secondDay = second === undefined ? '' : dayOrdinal(second, ending);
      if (firstDay === undefined || secondDay === undefined) return match;
      const days = joiner === undefined ? firstDay : `${firstDay} ${/[–-]/.test(joiner) ? 'bis' : joiner} ${secondDay}`;
      return [days, GERMAN_MONTHS[month], year === undefined ? undefined : germanYear(year)].filter(Boolean).join(' ');
    },
  );
  return named.replace(NUMERIC_DATE, (match, day: string, monthNumber: string, year: string | undefined, offset: number) => {
    const ending = endingAfter(named, offset);
    // Without a year, "2.3." may be a section number: a date only after a word that goes with one ("am 3.10.").
    if (year === undefined && ending === undefined) return match;
    const ordinal = dayOrdinal(day, ending ?? 'er');
    const month = GERMAN_MONTH_NAMES[Number(monthNumber) - 1];
    if (ordinal === undefined || month === undefined) return match;
    return [ordinal, month, year === undefined ? undefined : germanYear(year)].filter(Boolean).join(' ');
  });
}
