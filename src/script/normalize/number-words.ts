// English number readings shared by every rule: cardinals, ordinals, years, decimals, digits, fractions. Pure.
// American newsroom style: no "and" inside numbers ("one hundred five"), hyphenated tens ("twenty-four").

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
const SCALES = [
  '',
  'thousand',
  'million',
  'billion',
  'trillion',
  'quadrillion',
  'quintillion',
  'sextillion',
  'septillion',
  'octillion',
  'nonillion',
  'decillion',
];

const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function sayBelowThousand(n: number): string {
  const hundreds = Math.trunc(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds) parts.push(`${ONES[hundreds]} hundred`);
  if (rest) parts.push(rest < 20 ? ONES[rest]! : TENS[Math.trunc(rest / 10)]! + (rest % 10 ? `-${ONES[rest % 10]}` : ''));
  return parts.join(' ');
}

/**
 * Cardinal words for a whole number written with digits (separators already removed), "-" allowed in front.
 * Numbers too long for the named scales are read digit by digit, which is how a reader copes with them too.
 */
export function sayCardinal(value: string | number): string {
  let digits = typeof value === 'number' ? String(Math.trunc(value)) : value.replace(/[,_\s]/g, '');
  let sign = '';
  if (/^[-\u2212]/.test(digits)) {
    sign = 'minus ';
    digits = digits.slice(1);
  }
  if (!/^\d+$/.test(digits)) return value.toString();
  digits = digits.replace(/^0+(?=\d)/, '');
  if (digits === '0') return `${sign}zero`;
  if (digits.length > SCALES.length * 3) return sign + sayDigits(digits);
  const groups: number[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(Number(digits.slice(Math.max(0, end - 3), end)));
  const words: string[] = [];
  groups.forEach((group, index) => {
    if (!group) return;
    const scale = SCALES[groups.length - 1 - index]!;
    words.push(sayBelowThousand(group) + (scale ? ` ${scale}` : ''));
  });
  return sign + words.join(' ');
}

const ORDINAL_ENDINGS: Readonly<Record<string, string>> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** Turns the last word of a cardinal reading into its ordinal: "twenty-one" → "twenty-first". */
export function toOrdinalWords(cardinal: string): string {
  return cardinal.replace(/([a-z]+)$/, (word) => {
    const special = ORDINAL_ENDINGS[word];
    if (special) return special;
    if (word.endsWith('y')) return `${word.slice(0, -1)}ieth`;
    return `${word}th`;
  });
}

export function sayOrdinal(value: string | number): string {
  return toOrdinalWords(sayCardinal(value));
}

/** Each digit by name: "911" → "nine one one". `zero` chooses how 0 is said ("oh" for phone numbers). */
export function sayDigits(digits: string, zero = 'zero'): string {
  return Array.from(digits.replace(/\D/g, ''), (digit) => (digit === '0' ? zero : DIGIT_NAMES[Number(digit)]!)).join(' ');
}

/**
 * Two digits the way years, clock minutes, codes and year spans say them: "05" → "oh five", "45" → "forty-five".
 * The one place "oh" is said for a zero in front; "00" is left to the caller ("hundred", "o'clock").
 */
export function sayTwoDigits(value: string | number): string {
  const n = Number(value);
  return n < 10 ? `oh ${ONES[n]}` : sayCardinal(n);
}

/**
 * A year the way it is spoken: 1066 "ten sixty-six", 1900 "nineteen hundred", 1905 "nineteen oh five",
 * 2000 "two thousand", 2008 "two thousand eight", 2024 "twenty twenty-four". Outside 1000-9999: a cardinal.
 */
export function sayYear(value: string | number): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000 || n > 9999) return sayCardinal(String(value));
  const century = Math.trunc(n / 100);
  const rest = n % 100;
  if (n % 1000 === 0) return sayCardinal(n);
  // 2001-2009 and 1001-1009: "two thousand eight" is what newsreaders say, not "twenty oh eight".
  if (century % 10 === 0 && rest < 10) return sayCardinal(n);
  return `${sayCardinal(century)} ${rest === 0 ? 'hundred' : sayTwoDigits(rest)}`;
}

/** A decade: 1990 → "nineteen nineties", 1800 → "eighteen hundreds", 2000 → "two thousands", 90 → "nineties". */
export function sayDecade(value: string | number): string {
  const n = Number(value);
  const words = n >= 1000 ? sayYear(n) : sayCardinal(n);
  return pluralizeLastWord(words);
}

export function pluralizeLastWord(words: string): string {
  return words.replace(/([a-z]+)$/, (word) => {
    if (word.endsWith('y')) return `${word.slice(0, -1)}ies`;
    return `${word}s`;
  });
}

/**
 * A number as written, with optional sign, thousands separators and decimal part:
 * "1,234" → "one thousand two hundred thirty-four", "-3.5" → "minus three point five", ".5" → "point five".
 */
export function sayNumber(written: string): string {
  const match = /^([-\u2212+]?)(\d[\d,]*)?(?:\.(\d+))?$/.exec(written.trim());
  if (!match) return written;
  const [, sign = '', whole, fraction] = match;
  const words: string[] = [];
  if (sign === '+') words.push('plus');
  else if (sign) words.push('minus');
  if (whole !== undefined) words.push(sayCardinal(whole));
  if (fraction !== undefined) words.push('point', sayDigits(fraction));
  return words.join(' ');
}

const DENOMINATORS: Readonly<Record<number, [string, string]>> = { 2: ['half', 'halves'], 4: ['quarter', 'quarters'] };

/** "1/3" → "one third", "2/3" → "two thirds", "1/2" → "one half", "3/4" → "three quarters". */
export function sayFraction(numerator: string | number, denominator: string | number): string {
  const top = Number(numerator);
  const bottom = Number(denominator);
  const names = DENOMINATORS[bottom];
  // "3/100" is three hundredths, not "three one hundredths".
  const singular = names?.[0] ?? sayOrdinal(bottom).replace(/^one (?=(?:hundred|thousand|million|billion)th$)/, '');
  const plural = names?.[1] ?? `${singular}s`;
  return `${sayCardinal(top)} ${top === 1 ? singular : plural}`;
}

/** "1 1/2" → "one and a half", "2 3/4" → "two and three quarters". */
export function sayMixedFraction(whole: string | number, numerator: string | number, denominator: string | number): string {
  const fraction =
    Number(numerator) === 1 && Number(denominator) === 2
      ? 'a half'
      : Number(numerator) === 1 && Number(denominator) === 4
        ? 'a quarter'
        : sayFraction(numerator, denominator);
  return `${sayCardinal(String(whole))} and ${fraction}`;
}
