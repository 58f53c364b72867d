// Small English readings the planner needs for its own sentences ("about four minutes", "July 24, 2015"). Pure.
import { MONTHS } from './normalize/dates.js';

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Cardinal words for 0..999; larger numbers stay as digits, which every engine reads. */
export function numberToWords(value: number): string {
  const n = Math.trunc(value);
  if (n < 0 || n > 999) return String(n);
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.trunc(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
  const rest = n % 100;
  return `${ONES[Math.trunc(n / 100)]} hundred${rest ? ` and ${numberToWords(rest)}` : ''}`;
}

/**
 * "July 24, 2015" from an ISO date or date-time. The calendar date is read as written, not converted to
 * another time zone, so a late-evening publication keeps its own date. Undefined when it is not a date.
 */
export function describeDate(iso: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!match) {
    const year = /^(\d{4})$/.exec(iso.trim());
    return year ? year[1] : undefined;
  }
  const month = MONTHS[Number(match[2]) - 1];
  const day = Number(match[3]);
  if (!month || day < 1 || day > 31) return undefined;
  return `${month} ${day}, ${match[1]}`;
}
