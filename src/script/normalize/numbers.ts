// Numbers that no more specific rule claimed: decades, year ranges, numeric ranges, ordinals, fractions,
// codes that mix letters and digits ("F-35", "G7", "COVID-19"), years told from counts by context, and
// finally every cardinal and decimal. Pure.
import {
  pluralizeLastWord,
  sayCardinal,
  sayDecade,
  sayDigits,
  sayFraction,
  sayMixedFraction,
  sayNumber,
  sayOrdinal,
  sayTwoDigits,
  sayYear,
} from './number-words.js';
import { ENGLISH_ABBREVIATIONS } from '../language/english.js';
import { MONTHS } from './dates.js';
import { END, NUM, START, alternation, pattern, spellLetters, textBefore } from './patterns.js';

// "1,000s", "100s of people", "10s of thousands": round numbers in the plural.
const PLURAL_NUMBER = pattern(String.raw`${START}(1(?:,?0{3})+|[1-9]0{1,2})(?:'|’)?s${END}`);
const DECADE = pattern(String.raw`${START}(?:'|’)?(1\d{2}0|20\d0|\d0)(?:'|’)?s${END}`);
const YEAR_RANGE = pattern(String.raw`${START}(1\d{3}|20\d{2})\s?[-–/]\s?(\d{2}|1\d{3}|20\d{2})(?![\p{L}\p{N}]|[-/]\d)`);
const RANGE = pattern(String.raw`(?<![\p{L}\p{N}_.,-])(${NUM})\s?[-–]\s?(${NUM})(?![\p{L}\p{N}]|[-/.]\d)`);
const ORDINAL = pattern(String.raw`${START}(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)${END}`);
const MIXED_FRACTION = pattern(String.raw`${START}(\d+)\s(\d+)/(\d+)${END}(?!/)`);
const FRACTION = pattern(String.raw`${START}(\d+)/(\d+)${END}(?!/)`);
const VULGAR: Readonly<Record<string, [number, number]>> = {
  '½': [1, 2],
  '⅓': [1, 3],
  '⅔': [2, 3],
  '¼': [1, 4],
  '¾': [3, 4],
  '⅕': [1, 5],
  '⅖': [2, 5],
  '⅗': [3, 5],
  '⅘': [4, 5],
  '⅙': [1, 6],
  '⅚': [5, 6],
  '⅛': [1, 8],
  '⅜': [3, 8],
  '⅝': [5, 8],
  '⅞': [7, 8],
};
const VULGAR_RE = pattern(String.raw`(?:${START}(\d+)\s?)?([${Object.keys(VULGAR).join('')}])`);
// "F-35", "COVID-19", "MiG-29", "G7", "COP28", "A320", "H5N1", "5G", "3D".
const HYPHEN_CODE = pattern(String.raw`${START}(\p{Lu}[\p{L}]{0,7})-(\d{1,4})${END}`);
const GLUED_CODE = pattern(String.raw`${START}(?=[\p{L}\d]*\d)(?=[\p{L}\d]*\p{Lu})([\p{L}\d]{2,})${END}`);
const AIRCRAFT = pattern(String.raw`${START}(Boeing|Airbus|Embraer|Bombardier|Cessna|Tupolev|Ilyushin|Antonov|Sukhoi)\s(\d{3})${END}`);
const AIRCRAFT_VARIANT = pattern(String.raw`(?<=(?:Boeing|Airbus)\s)(\d{3})-(\d{3})${END}`);
// Boeing's 7x7 family without the maker's name: "the 737 MAX", "a 787 Dreamliner", "the 737-800".
const SEVEN_X_SEVEN = pattern(
  String.raw`${START}(7[0-8]7)(?:-([1-9]00)${END}|(?=\s?(?:MAX|Max|jet|jets|jetliner|jetliners|aircraft|airliner|airliners|plane|planes|Dreamliner|Dreamliners|fleet|family|freighter|crash)\b))`,
);
// Numbers that name a room, flight or road are read like codes: "Flight 370" three seventy, "Room 1204" twelve oh four.
// "1080p", "720p", "4K": video resolutions are said as codes ("ten eighty p").
const RESOLUTION = pattern(String.raw`${START}(480|576|720|1080|1440|2160|4320)([pi])${END}`);
// A ZIP code after a state's name ("Springfield, Illinois 62704", the postal code already read in full): digits.
const ZIP_CODE = pattern(
  String.raw`(?<=(?:${alternation([...new Set(Object.values(ENGLISH_ABBREVIATIONS.postalCodes))].filter((name): name is string => name !== null))}),?\s)(\d{5})(?:-(\d{4}))?${END}`,
);
// An identifier of three or more groups joined by hyphens, nine digits or more ("978-0-306-40615-7", an ISBN):
// each group digit by digit, a pause between groups.
const HYPHENATED_SERIAL = pattern(String.raw`${START}(?=(?:\d-?){9})\d+(?:-\d+){2,}${END}(?!-)`);
const NAMED_NUMBER = pattern(
  String.raw`(?<=(?:Room|Flight|Highway|Route|Interstate|Platform|Gate|Bus|Suite|Apartment|Terminal|Channel|Studio|Bay|Pier|Hangar|Ward|Locker|room|flight|highway|route|platform|gate|bus|suite|terminal|channel)\s)(\d{3,4})${END}`,
);
// "401(k)", "403(b)", "501(c)(3)": sections of the US tax code that name retirement plans and charities.
const TAX_CODE_SECTION = pattern(String.raw`${START}(\d{3})\(([a-zA-Z])\)(?:\((\d{1,2})\))?(?![\p{L}\p{N}])`);
// "10 000", "1 000 000": thousands grouped by spaces (thin or no-break spaces became plain ones before). Not right
// after a short number, which would have been the first group; after a year a count may follow ("in 2019 1 000
// people"). Not before another number ("555 123 4567" is a telephone number), not glued to a unit ("3 100m titles").
const SPACED_THOUSANDS = pattern(String.raw`(?<![\p{L}\p{N}_.,+\-])(?<!(?:^|\D)\d{1,3}\s)(\d{1,3})((?:\s\d{3})+)(?![\p{N}\p{L}]|[.,]\d|\s\d)`);
const AD_BC = pattern(String.raw`${START}(\d{1,4})\s?(BC|BCE|AD|CE|B\.C\.(?:E\.)?|A\.D\.?|C\.E\.)(?![\p{L}\p{N}])|${START}(AD|A\.D\.)\s?(\d{1,4})${END}`);
const NUMBER = pattern(String.raw`(?<![\p{L}\p{N}_.])((?:(?<=^|[\s(\[“"'])[-\u2212+])?)(${NUM}|\.\d+)(?![\p{N}\p{L}])`);

/** Nouns counted after a number: "1500 troops" is a count, "1500 was a bad year" a year. */
const COUNTED =
  /^(people|persons|men|women|children|troops|soldiers|police|officers|staff|personnel|workers|jobs|homes|houses|cars|vehicles|units|copies|votes|voters|cases|deaths|dead|patients|residents|refugees|migrants|tons|tonnes|acres|miles|meters|metres|feet|pounds|dollars|euros|yen|rupees|points|students|members|employees|barrels|shares|times|words|pages|hectares|years|days|hours|minutes|seconds|kilometers|kilometres)$/i;
/** Words before a number that make it a quantity or an identifier, never a year. */
const QUANTITY_CUES =
  /(?:^|[\s(])(about|some|nearly|almost|roughly|approximately|exactly|least|only|just|over|under|than|top|number|no\.?|#|page|pages|room|flight|route|highway|interstate|model|episode|with|times|x|all|total|totalling|totaling|of\s+about)\s*$/i;
const DETERMINER = /(?:^|\s)(the|this|that|its|their|his|her|our|last|next)\s*$/i;

/**
 * Whether a four-digit number is a year. News writes counts of a thousand or more with a comma ("1,500"),
 * so a bare 1000-2099 is a year unless a count word follows it or a quantity word comes before it.
 */
function isYear(value: string, before: string, after: string): boolean {
  const n = Number(value);
  if (n < 1000 || n > 2099) return false;
  if (/^\s*(%|°|,\d|\.\d)/.test(after)) return false;
  if (QUANTITY_CUES.test(before)) return false;
  const nextWord = /^\s*([\p{L}]+)/u.exec(after)?.[1] ?? '';
  // "the 2024 elections" is a year even before a plural noun: a determiner and a recent year say so.
  const plural = COUNTED.test(nextWord) || (/^\p{Ll}+s$/u.test(nextWord) && !/(ss|us|is|was|has|this|its|as)$/.test(nextWord));
  if (plural) return n >= 1900 && DETERMINER.test(before);
  return true;
}

/** The second year of "2024-25" or "1914-18", or undefined when the pair is not a span of years. */
function rangeEnd(first: string, second: string): string | undefined {
  const start = Number(first);
  if (second.length === 2) {
    const end = Math.trunc(start / 100) * 100 + Number(second);
    if (end <= start) return undefined;
    return sayTwoDigits(second);
  }
  const end = Number(second);
  return end > start && end - start <= 100 ? sayYear(end) : undefined;
}

/** Reads a run of digits inside a code: 1-2 digits as a number, 3 as "three twenty", 4 as a year or pairs. */
function sayCodeNumber(digits: string): string {
  if (digits.startsWith('0') && digits.length > 1) return sayDigits(digits, 'oh');
  if (digits.length <= 2) return sayCardinal(digits);
  if (digits.length === 3) {
    const rest = Number(digits.slice(1));
    return rest === 0 ? sayCardinal(digits) : `${sayCardinal(digits[0]!)} ${sayTwoDigits(rest)}`;
  }
  if (digits.length === 4) return sayYear(digits);
  return sayDigits(digits);
}

/** Names that stay words before a model number ("MiG-29", "Patriot-3"); other capitals in a code are spelled. */
const CODE_WORDS = new Set([
  'COVID',
  'Covid',
  'MiG',
  'Su',
  'Tu',
  'Mi',
  'Ka',
  'Yak',
  'An',
  'Il',
  'Be',
  'iPhone',
  'Galaxy',
  'Pixel',
  'Windows',
  'Boeing',
  'Airbus',
  'Apollo',
  'Artemis',
  'Sputnik',
  'Soyuz',
  'Falcon',
  'Starship',
  'Vostok',
  'COP',
  'Omicron',
  'Delta',
  'Alpha',
  'Beta',
  'Gamma',
  'Patriot',
  'Iskander',
  'Kinzhal',
  'Kalibr',
  'Tomahawk',
  'Storm',
  'Shadow',
  'Himars',
  'HIMARS',
  'Javelin',
  'Stinger',
  'Leopard',
  'Abrams',
  'Bradley',
  'Challenger',
  'Typhoon',
  'Rafale',
  'Gripen',
  'Mirage',
  'Tornado',
  'Harrier',
  'Hawk',
  'Reaper',
  'Predator',
  'Shahed',
  'Geran',
  'Lancet',
  'Orlan',
  'Bayraktar',
  'Sarmat',
  'Avangard',
  'Poseidon',
  'Burevestnik',
  'Oreshnik',
  'Zircon',
  'Onyx',
  'Bulava',
  'Topol',
  'Yars',
  'Minuteman',
  'Trident',
  'Pantsir',
  'Tor',
  'Buk',
  'Osa',
  'Strela',
  'Igla',
  'Verba',
  'NASA',
  'NATO',
  'MAX',
]);

function sayCodeLetters(letters: string): string {
  if (CODE_WORDS.has(letters)) return letters;
  if (/^\p{Lu}+$/u.test(letters) || letters.length <= 2) return spellLetters(letters);
  return letters;
}

function readCode(code: string): string {
  const runs = code.match(/\p{L}+|\d+/gu) ?? [code];
  return runs.map((run) => (/^\d/.test(run) ? sayCodeNumber(run) : sayCodeLetters(run))).join(' ');
}

// A day written month/day names an event: "the 7/7 bombings", "3/11 anniversary".
const EVENT_AFTER = /^\s+(attacks?|bombings?|anniversary|memorial|commission|victims|hijackers|era|generation)\b/i;

// Betting odds are written as fractions and said "five to one": "at odds of 5/1", "a 7/2 favourite".
const ODDS_BEFORE = /\bodds\s+(?:of\s+)?$/i;
const ODDS_AFTER = /^\s+(?:odds|favou?rites?|shots?|outsiders?|underdogs?|on)\b/i;

// A month and day without a year: "on 11/5", "since 3/12", or any improper pair that fits a calendar ("11/5").
const DATE_BEFORE = /\b(?:on|since|until|till|through|before|after|starting|dated)\s+$/i;

function fractionOrSlash(top: string, bottom: string, before: string, after: string): string {
  if (top === '9' && bottom === '11') return 'nine eleven';
  if (EVENT_AFTER.test(after) && Number(top) <= 12 && Number(bottom) <= 31) return `${sayCardinal(top)} ${sayCardinal(bottom)}`;
  if (top === '24' && bottom === '7') return 'twenty-four seven';
  if (top === bottom && top === '50') return 'fifty-fifty';
  if (bottom === '1' || ODDS_BEFORE.test(before) || ODDS_AFTER.test(after)) return `${sayCardinal(top)} to ${sayCardinal(bottom)}`;
  const month = MONTHS[Number(top) - 1];
  if (month && Number(bottom) >= 1 && Number(bottom) <= 31 && !/^0/.test(top + bottom) && (DATE_BEFORE.test(before) || Number(top) > Number(bottom))) {
    return `${month} ${sayOrdinal(bottom)}`;
  }
  const d = Number(bottom);
  if (d >= 2 && (d <= 20 || [32, 64, 100, 1000].includes(d)) && Number(top) > 0) return sayFraction(top, bottom);
  return `${sayCardinal(top)} out of ${sayCardinal(bottom)}`;
}

/** "10 000" → "10,000": thousands grouped by spaces, written the way the other rules read them. */
export function joinSpacedThousands(text: string): string {
  return text.replace(SPACED_THOUSANDS, (_match, first: string, groups: string) => `${first}${groups.replace(/\s/g, ',')}`);
}

/** Reads a number, telling years from counts by the words around it. */
function readNumber(sign: string, written: string, before: string, after: string): string {
  const digits = written.replace(/,/g, '');
  const signWord = sign === '+' ? 'plus ' : sign ? 'minus ' : '';
  if (!sign && /^\d{4}$/.test(written) && isYear(digits, before, after)) return sayYear(digits);
  // A leading zero marks a code or an identifier ("007"), read digit by digit.
  if (/^0\d+$/.test(digits)) return signWord + sayDigits(digits, 'oh');
  // A long run of bare digits is an identifier; grouped by commas it is a number ("1,000,000,000,000,000").
  if (/^\d{16,}$/.test(written)) return signWord + sayDigits(digits);
  return signWord + sayNumber(digits);
}

export function readNumbers(text: string): string {
  return (
    text
      .replace(TAX_CODE_SECTION, (_match, section: string, letter: string, paragraph: string | undefined) =>
        [sayCodeNumber(section), letter.toUpperCase(), ...(paragraph ? [sayCardinal(paragraph)] : [])].join(' '),
      )
      .replace(AD_BC, (_match, n1: string | undefined, era1: string | undefined, era2: string | undefined, n2: string | undefined) => {
        const value = n1 ?? n2 ?? '';
        const era = Array.from((era1 ?? era2 ?? '').replace(/\./g, '')).join(' ');
        const number = value.length === 4 ? sayYear(value) : sayCardinal(value);
        return n1 ? `${number} ${era}` : `${era} ${number}`;
      })
      // "the 1000s" are thousands; a century of that name is written "the 11th century".
      .replace(DECADE, (_match, decade: string) => (decade === '1000' ? 'thousands' : sayDecade(decade)))
      .replace(PLURAL_NUMBER, (_match, round: string) => pluralizeLastWord(sayCardinal(round)).replace(/^one /, ''))
      .replace(YEAR_RANGE, (match, first: string, second: string) => {
        const end = rangeEnd(first, second);
        return end ? `${sayYear(first)} to ${end}` : match;
      })
      .replace(HYPHEN_CODE, (_match, letters: string, digits: string) => `${sayCodeLetters(letters)} ${sayCodeNumber(digits)}`)
      // Aircraft models are read in pairs: "Boeing 737" is "seven thirty-seven".
      .replace(SEVEN_X_SEVEN, (_match, model: string, variant: string | undefined) => `${sayCodeNumber(model)}${variant ? ` ${sayCardinal(variant)}` : ''}`)
      .replace(NAMED_NUMBER, (_match, digits: string) => sayCodeNumber(digits))
      .replace(RESOLUTION, (_match, lines: string, scan: string) => `${sayCodeNumber(lines)} ${scan.toUpperCase()}`)
      .replace(ZIP_CODE, (_match, zip: string, extra: string | undefined) => [zip, ...(extra ? [extra] : [])].map((group) => sayDigits(group, 'oh')).join(', '))
      .replace(HYPHENATED_SERIAL, (serial: string) =>
        serial
          .split('-')
          .map((group) => sayDigits(group, 'oh'))
          .join(', '),
      )
      .replace(AIRCRAFT, (_match, maker: string, model: string) => `${maker} ${sayCodeNumber(model)}`)
      .replace(AIRCRAFT_VARIANT, (_match, model: string, variant: string) => `${sayCodeNumber(model)} ${sayCardinal(variant)}`)
      .replace(ORDINAL, (_match, digits: string) => sayOrdinal(digits.replace(/,/g, '')))
      .replace(GLUED_CODE, (match) => {
        if (/^\d+$/.test(match) || /^\d+(st|nd|rd|th)$/i.test(match)) return match;
        if (/^WW[12]$/.test(match)) return match === 'WW1' ? 'World War One' : 'World War Two';
        return readCode(match);
      })
      .replace(RANGE, (match, a: string, b: string, offset: number, whole: string) => {
        // Phone-style groups ("555-1234") are digits, not a range; "100-1000" is a range of round numbers.
        if (/^0\d/.test(a)) return match;
        if (/^\d{3,}$/.test(a) && /^\d{4}$/.test(b) && !/^(1\d|20)\d\d$/.test(a) && !(a.endsWith('00') && b.endsWith('000'))) {
          return /^\d{3}$/.test(a) ? `${sayDigits(a, 'oh')}, ${sayDigits(b, 'oh')}` : match;
        }
        if (a === '50' && b === '50') return 'fifty-fifty';
        const before = textBefore(whole, offset);
        // "between 10-20" is "between ten and twenty".
        const joiner = /\bbetween\s+$/i.test(before) ? 'and' : 'to';
        return `${readNumber('', a, before, '')} ${joiner} ${readNumber('', b, before, whole.slice(offset + match.length))}`;
      })
      .replace(VULGAR_RE, (_match, whole: string, symbol: string) => {
        const [top, bottom] = VULGAR[symbol]!;
        return whole ? sayMixedFraction(whole, top, bottom) : sayFraction(top, bottom);
      })
      .replace(MIXED_FRACTION, (match, whole: string, top: string, bottom: string) =>
        Number(top) < Number(bottom) && Number(bottom) <= 16 ? sayMixedFraction(whole, top, bottom) : match,
      )
      .replace(FRACTION, (match: string, top: string, bottom: string, offset: number, whole: string) =>
        fractionOrSlash(top, bottom, textBefore(whole, offset), whole.slice(offset + match.length)),
      )
      .replace(NUMBER, (match: string, sign: string, written: string, offset: number, whole: string) =>
        readNumber(sign, written, textBefore(whole, offset), whole.slice(offset + match.length)),
      )
      // Whatever digits are left sit inside something unusual ("v1.2.3"): read them plainly.
      .replace(/(?<=[\p{L}\p{N}])\.(?=\d)/gu, ' point ')
      .replace(/\d+/g, (digits, offset: number, whole: string) => {
        const spoken = /^0\d/.test(digits) ? sayDigits(digits, 'oh') : sayCardinal(digits);
        const before = offset > 0 && /[\p{L}]/u.test(whole[offset - 1]!) ? ' ' : '';
        const after = /[\p{L}]/u.test(whole[offset + digits.length] ?? '') ? ' ' : '';
        return `${before}${spoken}${after}`;
      })
  );
}
