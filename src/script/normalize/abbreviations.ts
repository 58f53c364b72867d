// Newsroom abbreviations read in full: titles (Dr. → Doctor), addresses (St. → Street or Saint), months,
// Latin shorthand, company endings, AP state abbreviations and party labels ("R-Texas"). Pure.
import { ENGLISH_ABBREVIATIONS, UNDOTTED_TITLES } from '../language/english.js';
import { START, alternation, matchCase, pattern, wordsBefore } from './patterns.js';

const { titles, neverFinal, beforeNumber, maybeFinal, months, weekdays, states, postalCodes, undotted } = ENGLISH_ABBREVIATIONS;

/** The readings of a group, without the entries another rule reads (null) and, for `strip`, the final dot of each key. */
function readings(groups: ReadonlyArray<Readonly<Record<string, string | null>>>, strip = false): Readonly<Record<string, string>> {
  const entries = groups.flatMap((group) => Object.entries(group));
  return Object.fromEntries(entries.flatMap(([written, spoken]) => (spoken === null ? [] : [[strip ? written.replace(/\.$/, '') : written, spoken]])));
}

/** Titles that stand before a name, keyed without their dot: "Dr" → "Doctor". */
const TITLES = readings([titles], true);
/** Read the same wherever they stand. */
const ALWAYS = readings([neverFinal, maybeFinal, months, undotted]);
/** Read in full only before a number: "No. 10", "p. 5", "Fig. 3". */
const BEFORE_NUMBER = readings([beforeNumber]);
/** AP style state abbreviations and US postal codes, read in full after "City,". */
const STATES = readings([states, postalCodes]);
const PARTIES: Readonly<Record<string, string>> = { R: 'Republican', D: 'Democrat', I: 'Independent' };
const WEEKDAYS = readings([weekdays], true);

// "Mr. and Mrs. Smith": a title may also wait for a second one before the name.
const DOTTED_TITLE = pattern(
  String.raw`${START}(${alternation(Object.keys(TITLES))})\.(?=\s+(?:[\p{Lu}\uE000-\uF8FF]|(?:and|&)\s+(?:${alternation(Object.keys(TITLES))})\.))`,
);
const UNDOTTED_TITLE = pattern(String.raw`${START}(${alternation(UNDOTTED_TITLES)})(?=\s+\p{Lu}\p{Ll})`);
const ALWAYS_RE = pattern(String.raw`(?<![\p{L}\p{N}_.'])(${alternation(Object.keys(ALWAYS))})(?![\p{L}\p{N}_'])`);
const BEFORE_NUMBER_RE = pattern(String.raw`(?<![\p{L}\p{N}_.])(${alternation(Object.keys(BEFORE_NUMBER))})\s?(?=\d)`);
const STATE_RE = pattern(String.raw`(?<=\p{Lu}\p{Ll}+,\s)(${alternation(Object.keys(STATES))})(?![\p{L}\p{N}_])`);
const STATE_NAMES = new Set(Object.values(STATES));
const PARTY_RE = pattern(String.raw`${START}([RDI])-(${alternation([...Object.keys(STATES), ...STATE_NAMES])})(?![\p{L}])`);
const WEEKDAY_RE = pattern(
  String.raw`${START}(${alternation(Object.keys(WEEKDAYS))})\.(?=\s*(?:,|\d|${alternation([...Object.keys(months).map((month) => month.replace(/\.$/, '')), 'May'])}))`,
);
// "St." and "Dr." are titles before a name, and Street and Drive after one.
const SAINT_OR_STREET = pattern(String.raw`${START}(St|Ste|Dr|Ft)(\.?)(?![\p{L}\p{N}])`);
const VERSUS = pattern(String.raw`(?<=\p{Lu}\p{L}*\s)v\.(?=\s+\p{Lu})`);

function saintOrStreet(text: string, offset: number, word: string, dot: string): string | undefined {
  const before = wordsBefore(text, offset)[0] ?? '';
  const after = /^\.?\s+(\S+)/.exec(text.slice(offset + word.length))?.[1] ?? '';
  const nameFollows = /^[\p{Lu}\uE000-\uF8FF]/u.test(after) && !/^(The|A|An|In|On|At|And|Or)$/.test(after);
  // "Main St.", "42nd St.": a street comes after a name or a number.
  const afterName = /^\p{Lu}/u.test(before) || /^\d/.test(before);
  if (word === 'St' || word === 'Ste') {
    if (nameFollows) return word === 'Ste' ? 'Sainte' : 'Saint';
    if (afterName || dot) return 'Street';
    return undefined;
  }
  if (word === 'Dr') {
    if (nameFollows) return 'Doctor';
    if (afterName && dot) return 'Drive';
    return dot ? 'Doctor' : undefined;
  }
  // Ft.: a fort before a name; feet after a number are read by the unit rule.
  return nameFollows && !/^\d/.test(before) ? 'Fort' : undefined;
}

export function expandAbbreviations(text: string): string {
  let result = text.replace(PARTY_RE, (_match, party: string, state: string) => {
    const name = STATES[state] ?? state;
    return `${PARTIES[party]} of ${name}`;
  });
  result = result.replace(SAINT_OR_STREET, (match: string, word: string, dot: string, offset: number, whole: string) => {
    const spoken = saintOrStreet(whole, offset, word, dot);
    return spoken ?? match;
  });
  result = result
    .replace(DOTTED_TITLE, (_match, title: string) => TITLES[title]!)
    .replace(UNDOTTED_TITLE, (_match, title: string) => TITLES[title]!)
    .replace(BEFORE_NUMBER_RE, (_match, written: string) => `${matchCase(written, BEFORE_NUMBER[written]!)} `)
    .replace(STATE_RE, (_match, state: string) => STATES[state]!)
    .replace(WEEKDAY_RE, (_match, day: string) => WEEKDAYS[day]!)
    .replace(VERSUS, 'versus')
    .replace(ALWAYS_RE, (written: string) => ALWAYS[written]!);
  return result;
}
