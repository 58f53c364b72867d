// Telephone and emergency numbers are read digit by digit, in their groups: "911" → "nine one one",
// "(202) 555-0123" → "two oh two, five five five, oh one two three". Pure.
import { sayDigits } from './number-words.js';
import { START, pattern } from './patterns.js';

const PHONE = pattern(
  String.raw`(?:(?<![\p{L}\p{N}])\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|(?<![\p{L}\p{N}.,])\d{3}[\s.-])\d{3,4}[\s.-]\d{4}(?![\p{N}])|${START}1-8\d\d-\d{3}-\d{4}(?![\p{N}])`,
);
// International numbers ("+44 20 7946 0958", "+33 1 23 45 67 89") and national ones with a trunk zero ("0800 123
// 456"): groups of digits, eight digits or more in all.
const GROUPED = pattern(
  String.raw`(?<![\p{L}\p{N}+])(?=\+?(?:\d[^\d\p{L}]{0,3}){8})(?:\+\d{1,3}(?:[\s.-]\(?\d{1,5}\)?){2,6}|0\d{2,4}(?:[\s.-]\d{2,4}){2,3})(?![\p{N}]|[.,]\d)`,
);
// Emergency and help lines that are read as digits only where the context shows it ("dial 999").
const CALL_CUE = String.raw`(?:call|calls|called|calling|dial|dials|dialed|dialled|dialing|dialling|ring|rang|phone|phoned|text|texted)\s+`;
const LINE_AFTER = String.raw`(?=\s+(?:call|calls|caller|callers|operator|operators|dispatcher|dispatchers|line|lines|hotline|emergency|service|services|number)\b)`;
const EMERGENCY = pattern(
  String.raw`(?<=${CALL_CUE}(?:\d{3}\s+(?:or|and)\s+)?)(999|112|988|311|111|101|000|211|411)(?![\p{L}\p{N}])|${START}(999|112|988|311|111|101|211)${LINE_AFTER}`,
  'giu',
);
const NINE_ONE_ONE = pattern(String.raw`(?<!Porsche\s)(?<![\p{L}\p{N}$€£.,/-])911(?![\p{N}]|,\d|\.\d|\s?(?:km|kg|m|people|times|%))`);

function sayGroups(written: string): string {
  const groups = written.match(/\+?\d+/g) ?? [];
  return groups
    .map((group) => {
      if (group.startsWith('+')) return `plus ${sayDigits(group, 'oh')}`;
      // Toll-free and area codes such as 800 are said as "eight hundred".
      if (/^[2-9]00$/.test(group)) return `${sayDigits(group[0]!)} hundred`;
      return sayDigits(group, 'oh');
    })
    .join(', ');
}

export function readPhoneNumbers(text: string): string {
  return text
    .replace(PHONE, (match) => sayGroups(match))
    .replace(GROUPED, (match) => sayGroups(match))
    .replace(EMERGENCY, (_match, cued?: string, named?: string) => sayDigits(cued ?? named ?? '', 'oh'))
    .replace(NINE_ONE_ONE, 'nine one one');
}
