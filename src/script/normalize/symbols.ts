// Symbols said as words ("&" and, "%" percent, "~5" about five, "+" plus, "#1" number one, "@" at), programming
// operators quoted in prose by their names ("&&" double ampersand, "!=" not equals), or dropped when a reader would
// not say them ("*", "™"). Pure.
import { spellLetters } from './patterns.js';

// An operator standing as a word of its own, as tech writing quotes it ("except for && and ||", "x != y").
const OPENING = '(?<=^|[\\s(“"\'`])';
const CLOSING = '(?=$|[\\s)”"\'`,.;:!?])';
const lone = (operator: string) => new RegExp(OPENING + operator.replace(/[|*+?^$.\\()[\]{}]/g, '\\$&') + CLOSING, 'g');

const OPERATOR_NAMES: Readonly<Record<string, string>> = { '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided by' };

const PAIRS: ReadonlyArray<readonly [RegExp, string | ((...args: string[]) => string)]> = [
  // Programming operators, before their characters are read one by one below ("&" and, "=" equals, "|" nothing).
  [lone('&&'), ' double ampersand '],
  [lone('||'), ' double pipe '],
  [lone('->'), ' arrow '],
  [lone('=>'), ' fat arrow '],
  [/\s?!==?\s?/g, ' not equals '],
  [/(?<=[\p{L}\p{N}_)\]\s])([-+*/])=(?=[\s\p{L}\p{N}(])/gu, (_m, sign = '') => ` ${OPERATOR_NAMES[sign]} equals `],
  // An ampersand with no word after it is not "and": "borrow with &."
  [new RegExp(OPENING + '&(?=$|[)”"\'`,.;:!?])', 'g'), ' ampersand '],
  [/(?<=copyright)\s*\([cC]\)/gi, ''],
  [/(?<![\p{L}\p{N}])\(c\)(?![\p{L}\p{N}])|©/gu, ' copyright '],
  // "$4.99/month", "100 km/day": a slash before a unit of time or quantity is "per".
  [
    /\s?\/\s?(?=(?:month|year|week|day|hour|minute|second|night|person|head|share|unit|item|piece|barrel|ton|tonne|ounce|pound|gallon|liter|litre|mile|kilometer|km|kg|lb|kWh|MWh|capita)\b)/g,
    ' per ',
  ],
  // "AT&T", "S&P", "R&D", "M&A": initials joined by an ampersand are spelled around it.
  [/(?<![\p{L}\p{N}])(\p{Lu}{1,3})\s?&\s?(\p{Lu}{1,3})(?![\p{L}\p{N}])/gu, (_m, a = '', b = '') => `${spellLetters(a)} and ${spellLetters(b)}`],
  [/\s*&\s*/g, ' and '],
  [/(?<=\p{L})\+\+/gu, ' plus plus'],
  // "OPEC+", "LGBTQ+", "50+": a trailing plus.
  [/(?<=[\p{L}\p{N}])\+(?![\p{L}\p{N}])/gu, ' plus'],
  [/(?<=[\p{L}\p{N}\s])\+(?=\s?[\p{L}\p{N}])/gu, ' plus '],
  [/(?<![\p{L}\p{N}])#(?=\s?\d)/gu, 'number '],
  [/(?<![\p{L}\p{N}])#(?=\p{L})/gu, 'hashtag '],
  [/(?<![\p{L}\p{N}])@(?=[\p{L}\p{N}_])/gu, 'at '],
  [/\s@\s/g, ' at '],
  [/~\s?(?=\S)/g, 'about '],
  [/\s?≈\s?/g, ' about '],
  [/\s?=\s?/g, ' equals '],
  [/\s?≠\s?/g, ' does not equal '],
  [/\s?(?:≤|<=)\s?/g, ' less than or equal to '],
  [/\s?(?:≥|>=)\s?/g, ' greater than or equal to '],
  // "<5%" is less than five percent; "<https://...>" is only a wrapper.
  [/(?<=^|\s)<\s?(?=[\d.])/g, 'less than '],
  [/(?<=^|\s)>\s?(?=[\d.])/g, 'more than '],
  [/[<>]/g, ' '],
  [/\s?±\s?/g, ' plus or minus '],
  [/\s?×\s?/g, ' times '],
  [/\s?÷\s?/g, ' divided by '],
  [/%/g, ' percent'],
  [/§\s?/g, 'section '],
  [/°/g, ' degrees'],
  [/\b(and)\/(or)\b/gi, '$1 $2'],
  [/\b(he|his|him|she|her|hers)\/(she|her|hers|him|his|he)\b/gi, '$1 or $2'],
  // A slash between words is a break in speech, not a word: "Russia/Ukraine" → "Russia, Ukraine".
  [/(?<=\p{L})\s?\/\s?(?=\p{L})/gu, ' '],
  [/\//g, ' '],
  [/[*_^|\\`]+/g, ' '],
  [/[®™†‡¶•·]/g, ' '],
  // Currency signs left without an amount are read as the currency.
  [/\$(?![\p{N}])/gu, ' dollars '],
  [/€(?![\p{N}])/gu, ' euros '],
  [/£(?![\p{N}])/gu, ' pounds '],
];

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
  Δ: 'delta',
  Σ: 'sigma',
  Ω: 'omega',
  Π: 'pi',
  Φ: 'phi',
  Ψ: 'psi',
  Λ: 'lambda',
  Θ: 'theta',
};
// A Greek letter standing alone in English text is a symbol ("α-helix", "β coefficient"); in Greek text
// (a Greek word of two letters or more, or no Latin letter at all) it may be a word such as the article "η".
const LONE_GREEK = new RegExp(`(?<!\\p{L})([${Object.keys(GREEK).join('')}])(?!\\p{L})`, 'gu');

export function readSymbols(text: string): string {
  const english = /[A-Za-z]/.test(text) && !/[\u0370-\u03FF]{2}/u.test(text);
  let result = english ? text.replace(LONE_GREEK, (letter: string) => ` ${GREEK[letter]} `) : text;
  for (const [regex, replacement] of PAIRS) {
    result = typeof replacement === 'string' ? result.replace(regex, replacement) : result.replace(regex, replacement as (...args: string[]) => string);
  }
  // A run of symbols read as nothing ("<<<<", "////") leaves a run of spaces: later patterns that start with \s*
  // would try every space of it again.
  return result.replace(/\s{2,}/g, ' ');
}

const BEFORE_AMOUNT: Readonly<Record<string, string>> = {
  '#': 'number',
  '<': 'less than',
  '≤': 'at most',
  '<=': 'at most',
  '>': 'more than',
  '≥': 'at least',
  '>=': 'at least',
  '~': 'about',
  '≈': 'about',
};

/**
 * Symbols before an amount, read before the amount rules turn it into words: "#1" number one, "<5%" less than
 * five percent, "~$5" about five dollars; and the operators between two numbers: "3 * 4" three times four, "10^5" ten to
 * the power of five.
 */
export function readSymbolsBeforeAmounts(text: string): string {
  return text
    .replace(/(?<=\d\s?)\*(?=\s?\d)/g, ' times ')
    .replace(/(?<=\d)\^(?=\d)/g, ' to the power of ')
    .replace(/(?<![\p{L}\p{N}])(<=|>=|[#<>≤≥~≈])\s?(?=[$€£¥₹]?\.?\d)/gu, (_match, symbol: string) => `${BEFORE_AMOUNT[symbol]} `);
}
