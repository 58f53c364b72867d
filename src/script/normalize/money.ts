// Money: the amount first, then the currency, as it is said: "$1.5bn" → "one point five billion dollars",
// "$12.50" → "twelve dollars and fifty cents", "a $5 fee" → "a five-dollar fee". Pure.
import { sayCardinal, sayNumber } from './number-words.js';
import { isAttributive } from './attributive.js';
import { END, NUM, START, alternation, pattern } from './patterns.js';

interface Currency {
  one: string;
  many: string;
  /** The hundredth part, when amounts are written with two decimals. */
  cent?: [string, string];
}

const DOLLAR: Currency = { one: 'dollar', many: 'dollars', cent: ['cent', 'cents'] };
const EURO: Currency = { one: 'euro', many: 'euros', cent: ['cent', 'cents'] };
const POUND: Currency = { one: 'pound', many: 'pounds', cent: ['penny', 'pence'] };
const named = (one: string, many = `${one}s`, cent?: [string, string]): Currency => ({ one, many, ...(cent ? { cent } : {}) });

const SYMBOLS: Readonly<Record<string, Currency>> = {
  $: DOLLAR,
  US$: named('U S dollar', 'U S dollars', ['cent', 'cents']),
  'US $': named('U S dollar', 'U S dollars', ['cent', 'cents']),
  A$: named('Australian dollar'),
  AU$: named('Australian dollar'),
  C$: named('Canadian dollar'),
  CA$: named('Canadian dollar'),
  HK$: named('Hong Kong dollar'),
  NZ$: named('New Zealand dollar'),
  S$: named('Singapore dollar'),
  NT$: named('Taiwan dollar'),
  R$: named('real', 'reais'),
  MX$: named('peso'),
  '€': EURO,
  '£': POUND,
  '¥': named('yen', 'yen'),
  '₹': named('rupee'),
  '₩': named('won', 'won'),
  '₽': named('ruble'),
  '₺': named('lira', 'lira'),
  '₦': named('naira', 'naira'),
  '₴': named('hryvnia'),
  '₱': named('peso'),
  '฿': named('baht', 'baht'),
  '₪': named('shekel'),
  '₫': named('dong', 'dong'),
  'Rs.': named('rupee'),
  Rs: named('rupee'),
  Rp: named('rupiah', 'rupiah'),
};

const CODES: Readonly<Record<string, Currency>> = {
  USD: named('U S dollar', 'U S dollars', ['cent', 'cents']),
  EUR: EURO,
  GBP: POUND,
  JPY: named('yen', 'yen'),
  CNY: named('yuan', 'yuan'),
  RMB: named('yuan', 'yuan'),
  INR: named('rupee'),
  CHF: named('Swiss franc'),
  CAD: named('Canadian dollar'),
  AUD: named('Australian dollar'),
  HKD: named('Hong Kong dollar'),
  NZD: named('New Zealand dollar'),
  SGD: named('Singapore dollar'),
  RUB: named('ruble'),
  BRL: named('real', 'reais'),
  MXN: named('Mexican peso'),
  ZAR: named('rand', 'rand'),
  KRW: named('won', 'won'),
  TRY: named('lira', 'lira'),
  SEK: named('Swedish krona', 'Swedish kronor'),
  NOK: named('Norwegian krone', 'Norwegian kroner'),
  DKK: named('Danish krone', 'Danish kroner'),
  SAR: named('riyal'),
  AED: named('dirham'),
  UAH: named('hryvnia'),
  PLN: named('zloty', 'zlotys'),
  NGN: named('naira', 'naira'),
  EGP: named('Egyptian pound'),
  PKR: named('Pakistani rupee'),
};

/** Words of magnitude after an amount; the short forms are newsroom style ("$3bn", "€20m", "$50k"). */
const MAGNITUDES: Readonly<Record<string, string>> = {
  thousand: 'thousand',
  million: 'million',
  billion: 'billion',
  trillion: 'trillion',
  quadrillion: 'quadrillion',
  quintillion: 'quintillion',
  k: 'thousand',
  K: 'thousand',
  m: 'million',
  mn: 'million',
  mln: 'million',
  M: 'million',
  bn: 'billion',
  b: 'billion',
  B: 'billion',
  tn: 'trillion',
  trn: 'trillion',
  tr: 'trillion',
  T: 'trillion',
  crore: 'crore',
  lakh: 'lakh',
};

const SYMBOL = `(${alternation(Object.keys(SYMBOLS))})`;
const CODE = `(${alternation(Object.keys(CODES))})`;
const MAGNITUDE = String.raw`(?:[\s-]?(${alternation(Object.keys(MAGNITUDES))})(?![\p{L}\p{N}]))?`;
const AMOUNT = `(${NUM}|\\.\\d+)`;
// "$5-10 million", "$5m-$10m", "$5 to $10 million".
const RANGE = String.raw`(?:\s?(?:-|to)\s?(?:\1)?${AMOUNT}${MAGNITUDE})?`;

const SYMBOL_FIRST = pattern(String.raw`(?<![\p{L}\p{N}])${SYMBOL}\s?${AMOUNT}${MAGNITUDE}${RANGE}`);
const CODE_FIRST = pattern(String.raw`${START}${CODE}\s?${AMOUNT}${MAGNITUDE}${END}`);
const CODE_AFTER = pattern(String.raw`${START}${AMOUNT}${MAGNITUDE}\s?${CODE}${END}`);
const SYMBOL_AFTER = pattern(String.raw`${START}${AMOUNT}${MAGNITUDE}\s?([€£¥₹₽₩₺₴₪])`);
// Two digits at most: "1080p" is a video resolution, not pence.
const PENCE = pattern(String.raw`${START}(\d{1,2})(p|c)${END}|${START}(\d+)(¢)`);

/**
 * The spoken amount of money. Two decimals without a magnitude are dollars and cents; with a magnitude
 * ("$1.5 billion") or another number of decimals the amount is read as a number.
 */
export function sayMoney(amount: string, currency: Currency, magnitude?: string): string {
  // "$2.000", "$20.500": zeros after the cents add nothing.
  const clean = amount.replace(/,/g, '').replace(/(\.\d\d)0+$/, '$1');
  const scale = magnitude ? MAGNITUDES[magnitude] : undefined;
  if (scale) return `${sayNumber(clean)} ${scale} ${currency.many}`;
  const cents = /^(\d*)\.(\d\d)$/.exec(clean);
  if (cents && currency.cent) {
    const whole = Number(cents[1] || '0');
    const part = Number(cents[2]);
    const wholeText = `${sayCardinal(cents[1] || '0')} ${whole === 1 ? currency.one : currency.many}`;
    const partText = `${sayCardinal(cents[2]!)} ${part === 1 ? currency.cent[0] : currency.cent[1]}`;
    if (!part) return wholeText;
    if (!whole) return partText;
    return `${wholeText} and ${partText}`;
  }
  const isOne = /^1(\.0+)?$/.test(clean);
  return `${sayNumber(clean)} ${isOne ? currency.one : currency.many}`;
}

const hasCents = (amount: string) => /\.\d\d$/.test(amount) && !/\.00$/.test(amount);

function sayRange(
  first: string,
  firstMagnitude: string | undefined,
  second: string | undefined,
  secondMagnitude: string | undefined,
  currency: Currency,
): string {
  if (second === undefined) return sayMoney(first, currency, firstMagnitude);
  // "$5.50-$6.75": amounts with cents are each said in full.
  if (!firstMagnitude && !secondMagnitude && (hasCents(first) || hasCents(second))) return `${sayMoney(first, currency)} to ${sayMoney(second, currency)}`;
  // "$5-10 million", "$50.00-$100.00": the magnitude and currency are said once, after the second amount.
  const scale = secondMagnitude ?? firstMagnitude;
  const firstNumber = sayNumber(first.replace(/,/g, '').replace(/\.0+$/, ''));
  const firstText = firstMagnitude && firstMagnitude !== secondMagnitude ? `${firstNumber} ${MAGNITUDES[firstMagnitude]}` : firstNumber;
  return `${firstText} to ${sayMoney(second, currency, scale)}`;
}

// After "a", "the" or a possessive, an amount before a noun describes it: "a $5 fee" is "a five-dollar fee".
function adjectival(spoken: string, currency: Currency, text: string, offset: number, length: number): string {
  if (!isAttributive(text, offset, length)) return spoken;
  const ending = ` ${currency.many}`;
  if (!spoken.endsWith(ending)) return spoken;
  const singular = `${spoken.slice(0, -ending.length)} ${currency.one}`;
  // "a five-dollar fee", "a one point five billion dollar deal": a hyphen only joins a short number.
  return singular.split(' ').length === 2 ? singular.replace(' ', '-') : singular;
}

export function readMoney(text: string): string {
  return text
    .replace(
      SYMBOL_FIRST,
      (
        match: string,
        symbol: string,
        amount: string,
        magnitude: string | undefined,
        second: string | undefined,
        secondMagnitude: string | undefined,
        offset: number,
        whole: string,
      ) => {
        const currency = SYMBOLS[symbol]!;
        return adjectival(sayRange(amount, magnitude, second, secondMagnitude, currency), currency, whole, offset, match.length);
      },
    )
    .replace(CODE_FIRST, (match: string, code: string, amount: string, magnitude: string | undefined, offset: number, whole: string) => {
      const currency = CODES[code]!;
      return adjectival(sayMoney(amount, currency, magnitude), currency, whole, offset, match.length);
    })
    .replace(CODE_AFTER, (_match, amount: string, magnitude: string | undefined, code: string) => sayMoney(amount, CODES[code]!, magnitude))
    .replace(SYMBOL_AFTER, (_match, amount: string, magnitude: string | undefined, symbol: string) => sayMoney(amount, SYMBOLS[symbol]!, magnitude))
    .replace(PENCE, (_match, small?: string, smallUnit?: string, cents?: string) => {
      const amount = small ?? cents ?? '';
      const unit = smallUnit ?? 'c';
      const one = amount === '1';
      return `${sayCardinal(amount)} ${unit === 'p' ? (one ? 'penny' : 'pence') : one ? 'cent' : 'cents'}`;
    });
}
