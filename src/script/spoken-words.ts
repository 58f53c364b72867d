// Small English readings the planner needs for its own sentences ("about four minutes", "July 24, 2015"). Pure.
import { MONTHS } from './normalize/dates.js';

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
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

/** "less than a minute", "about one minute", "about four minutes", "about an hour and ten minutes". */
export function describeDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `about ${numberToWords(minutes)} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.trunc(minutes / 60);
  const rest = minutes % 60;
  const hourText = hours === 1 ? 'an hour' : `${numberToWords(hours)} hours`;
  return `about ${hourText}${rest ? ` and ${numberToWords(rest)} minute${rest === 1 ? '' : 's'}` : ''}`;
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

/**
 * The first items an opening rundown names: at most `maxItems`, and no more than `maxWords` words in all, so that
 * the rundown stays short however many sections or articles there are.
 */
export function pickRundownItems(items: readonly string[], maxItems: number, maxWords: number): string[] {
  const named: string[] = [];
  let words = 0;
  for (const item of items.slice(0, maxItems)) {
    words += item.match(/\S+/g)?.length ?? 0;
    if (words > maxWords) break;
    named.push(item);
  }
  return named;
}

/** "A", "A and B", "A, B and C". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
