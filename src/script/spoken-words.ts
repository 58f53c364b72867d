// Small English readings the planner needs for its own sentences ("about four minutes", "July 24, 2015"), with
// the same number words as the normalizer (normalize/number-words.ts). Pure.
import { MONTHS } from './normalize/dates.js';
import { sayCardinal } from './normalize/number-words.js';

/** Cardinal words, the newsreader's way the normalizer uses too: 105 → "one hundred five". */
export function numberToWords(value: number): string {
  return sayCardinal(Math.trunc(value));
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
