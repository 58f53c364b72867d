// Dates: "Jan. 5" → "January fifth", "March 3, 2024" → "March third, twenty twenty-four",
// "5 March 2024" → "the fifth of March, twenty twenty-four", "2024-03-05" and "3/5/2024" the American way. Pure.
import { sayOrdinal, sayYear } from './number-words.js';
import { END, START, pattern, textBefore } from './patterns.js';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const SHORT_MONTHS: Readonly<Record<string, string>> = {
  Jan: 'January',
  Feb: 'February',
  Mar: 'March',
  Apr: 'April',
  Jun: 'June',
  Jul: 'July',
  Aug: 'August',
  Sep: 'September',
  Sept: 'September',
  Oct: 'October',
  Nov: 'November',
  Dec: 'December',
};

// Months are matched in any case ("jul 25", "SEPT. 15", "JAN 15 2020", flag i); the replacers refuse "may" in
// small letters, a verb.
const MONTH = `(${MONTHS.join('|')}|${Object.keys(SHORT_MONTHS).join('|')})\\.?`;
const FULL_MONTHS = new Map<string, string>([
  ...MONTHS.map((month) => [month.toLowerCase(), month] as const),
  ...Object.entries(SHORT_MONTHS).map(([short, month]) => [short.toLowerCase(), month] as const),
]);
const DAY = String.raw`(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;

function fullMonth(written: string): string {
  return FULL_MONTHS.get(written.toLowerCase()) ?? written;
}

/** "may" in small letters is the verb ("prices may 5"): only a capital makes it the month. */
const isMonth = (written: string) => written !== 'may';

function withYear(text: string, year: string | undefined): string {
  return year ? `${text}, ${sayYear(year)}` : text;
}

// "March 3", "Jan. 5, 2024", "March 5-7": the abbreviated month needs a day after it to be a month.
const MONTH_DAY = pattern(String.raw`${START}${MONTH}\s+${DAY}(?:\s?[-–]\s?${DAY})?(?:,?\s+${YEAR})?${END}(?!,\d)`, 'giu');
// "Jan-15-2020", "Jan-15": a month name joined to its day by hyphens.
const MONTH_DAY_HYPHENS = pattern(String.raw`${START}${MONTH}-${DAY}(?:-${YEAR})?${END}(?!-)`, 'giu');
// "5 March 2024", "5th of March", "5-7 March".
const DAY_MONTH = pattern(String.raw`${START}${DAY}(?:\s?[-–]\s?${DAY})?\s+(?:of\s+)?${MONTH}(?:,?\s+${YEAR})?${END}`, 'giu');
// "March 2024", "Sept. 2001".
const MONTH_YEAR = pattern(String.raw`${START}${MONTH}\s+${YEAR}${END}`, 'giu');
// "2024-03-05", "2016/07/03": year first, then month and day, with one separator throughout.
const ISO = pattern(String.raw`${START}(\d{4})([-/])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?![\p{L}\p{N}]|[-/]\d)`);
// "3/5/2024", "12/31/99", "15-01-2020": with hyphens only a four-digit year, so that "3-5-10" stays a series.
const NUMERIC = pattern(String.raw`${START}(\d{1,2})(?:/(\d{1,2})/(\d{4}|\d{2})|-(\d{1,2})-(\d{4}))${END}(?![-/]\d)`);
const DOTTED = pattern(String.raw`${START}(\d{1,2})\.(\d{1,2})\.(\d{4})${END}(?!\.\d)`);

function monthDay(month: string, day: string, year?: string): string | undefined {
  const name = MONTHS[Number(month) - 1];
  const d = Number(day);
  if (!name || d < 1 || d > 31) return undefined;
  return withYear(`${name} ${sayOrdinal(d)}`, year);
}

function expandYear(year: string): string {
  if (year.length === 4) return year;
  // "3/5/24": two-digit years are this century unless that puts them well in the future.
  const n = Number(year);
  return String(n <= 50 ? 2000 + n : 1900 + n);
}

export function readDates(text: string): string {
  return text
    .replace(ISO, (match, year: string, _separator: string, month: string, day: string) => monthDay(month, day, year) ?? match)
    .replace(
      NUMERIC,
      (match, first: string, slashed: string | undefined, shortYear: string | undefined, hyphened: string | undefined, year: string | undefined) => {
        const second = slashed ?? hyphened ?? '';
        // American order unless the first number cannot be a month.
        const [month, day] = Number(first) > 12 ? [second, first] : [first, second];
        return monthDay(month, day, expandYear(shortYear ?? year ?? '')) ?? match;
      },
    )
    .replace(DOTTED, (match, day: string, month: string, year: string) => {
      const name = MONTHS[Number(month) - 1];
      return name && Number(day) <= 31 ? withYear(`the ${sayOrdinal(day)} of ${name}`, year) : match;
    })
    .replace(MONTH_DAY_HYPHENS, (match, month: string, day: string, year: string | undefined) =>
      isMonth(month) ? withYear(`${fullMonth(month)} ${sayOrdinal(day)}`, year) : match,
    )
    .replace(MONTH_DAY, (match, month: string, day: string, lastDay: string | undefined, year: string | undefined) =>
      isMonth(month) ? withYear(`${fullMonth(month)} ${sayOrdinal(day)}${lastDay ? ` to ${sayOrdinal(lastDay)}` : ''}`, year) : match,
    )
    .replace(DAY_MONTH, (match, day: string, lastDay: string | undefined, month: string, year: string | undefined, offset: number, whole: string) => {
      if (!isMonth(month)) return match;
      const the = /\bthe\s+$/i.test(textBefore(whole, offset)) ? '' : 'the ';
      const days = lastDay ? `${sayOrdinal(day)} to the ${sayOrdinal(lastDay)}` : sayOrdinal(day);
      return withYear(`${the}${days} of ${fullMonth(month)}`, year);
    })
    .replace(MONTH_YEAR, (match, month: string, year: string) => (isMonth(month) ? `${fullMonth(month)} ${sayYear(year)}` : match));
}
