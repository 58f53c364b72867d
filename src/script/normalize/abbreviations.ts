// Newsroom abbreviations read in full: titles (Dr. → Doctor), addresses (St. → Street or Saint), months,
// Latin shorthand, company endings, AP state abbreviations and party labels ("R-Texas"). Pure.
import { START, alternation, matchCase, pattern, wordsBefore } from './patterns.js';

/** Titles that stand before a name. British style writes the short ones without a dot ("Mr Smith"). */
const TITLES: Readonly<Record<string, string>> = {
  Mr: 'Mister',
  Mrs: 'Missus',
  Ms: 'Miz',
  Mx: 'Mix',
  Dr: 'Doctor',
  Prof: 'Professor',
  Gov: 'Governor',
  Sen: 'Senator',
  Sens: 'Senators',
  Rep: 'Representative',
  Reps: 'Representatives',
  Gen: 'General',
  Col: 'Colonel',
  Lt: 'Lieutenant',
  Sgt: 'Sergeant',
  Capt: 'Captain',
  Cmdr: 'Commander',
  Cdr: 'Commander',
  Adm: 'Admiral',
  Maj: 'Major',
  Brig: 'Brigadier',
  Cpl: 'Corporal',
  Pvt: 'Private',
  Rev: 'Reverend',
  Hon: 'Honorable',
  Pres: 'President',
  Supt: 'Superintendent',
  Det: 'Detective',
  Insp: 'Inspector',
  Fr: 'Father',
  Msgr: 'Monsignor',
  Atty: 'Attorney',
  Sec: 'Secretary',
  Amb: 'Ambassador',
  Messrs: 'Messieurs',
  Mme: 'Madame',
  Mlle: 'Mademoiselle',
  Sgts: 'Sergeants',
  Gens: 'Generals',
  Asst: 'Assistant',
  Dir: 'Director',
  Mt: 'Mount',
};
// Short titles that British style writes without a dot; longer words without a dot are left alone ("Gen Z").
const UNDOTTED_TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'Sgt', 'Capt', 'Lt', 'Col', 'Rev', 'Fr', 'Mt']);

/** Read the same wherever they stand. */
const ALWAYS: Readonly<Record<string, string>> = {
  'etc.': 'et cetera',
  'e.g.': 'for example',
  'i.e.': 'that is',
  'a.k.a.': 'also known as',
  aka: 'also known as',
  'approx.': 'approximately',
  'vs.': 'versus',
  vs: 'versus',
  'cf.': 'compare',
  'viz.': 'namely',
  'incl.': 'including',
  'excl.': 'excluding',
  'esp.': 'especially',
  'et al.': 'et al',
  'Inc.': 'Incorporated',
  'Ltd.': 'Limited',
  'Corp.': 'Corporation',
  'Co.': 'Company',
  'Bros.': 'Brothers',
  'Dept.': 'Department',
  'Univ.': 'University',
  'Assn.': 'Association',
  'Natl.': 'National',
  'Intl.': 'International',
  'Govt.': 'Government',
  "Gov't": 'Government',
  "gov't": 'government',
  "Int'l": 'International',
  "int'l": 'international',
  "Nat'l": 'National',
  "nat'l": 'national',
  'Ph.D.': 'P H D',
  'M.D.': 'M D',
  'Jan.': 'January',
  'Feb.': 'February',
  'Mar.': 'March',
  'Apr.': 'April',
  'Jun.': 'June',
  'Jul.': 'July',
  'Aug.': 'August',
  'Sep.': 'September',
  'Sept.': 'September',
  'Oct.': 'October',
  'Nov.': 'November',
  'Dec.': 'December',
  'a.m.': 'A M',
  'p.m.': 'P M',
  'A.M.': 'A M',
  'P.M.': 'P M',
  'Ave.': 'Avenue',
  'Blvd.': 'Boulevard',
  'Rd.': 'Road',
  'Ln.': 'Lane',
  'Hwy.': 'Highway',
  'Pkwy.': 'Parkway',
  'Rte.': 'Route',
  'Apt.': 'Apartment',
  'Mt.': 'Mount',
  'Jr.': 'Junior',
  Jr: 'Junior',
  'Sr.': 'Senior',
  'w/': 'with',
  'w/o': 'without',
  pct: 'percent',
  'Mgr.': 'Manager',
  'Assoc.': 'Associate',
  'Exec.': 'Executive',
  'Dist.': 'District',
  'Gov.': 'Governor',
  'q/q': 'quarter on quarter',
  'y/y': 'year on year',
  'm/m': 'month on month',
  Inc: 'Incorporated',
  Ltd: 'Limited',
  Corp: 'Corporation',
  Bros: 'Brothers',
  'max.': 'maximum',
  'tel.': 'telephone',
  'Tel.': 'telephone',
  'ext.': 'extension',
  'Ext.': 'extension',
  'inc.': 'incorporated',
  'ltd.': 'limited',
  'corp.': 'corporation',
  'dept.': 'department',
  'govt.': 'government',
  YoY: 'year on year',
  yoy: 'year on year',
  QoQ: 'quarter on quarter',
};

/** Read in full only before a number: "No. 10", "p. 5", "Fig. 3". */
const BEFORE_NUMBER: Readonly<Record<string, string>> = {
  'No.': 'number',
  'no.': 'number',
  'Nos.': 'numbers',
  'nos.': 'numbers',
  No: 'number',
  'p.': 'page',
  'pp.': 'pages',
  'Fig.': 'figure',
  'fig.': 'figure',
  'Vol.': 'volume',
  'vol.': 'volume',
  'Ch.': 'chapter',
  'ch.': 'chapter',
  'Art.': 'article',
  'art.': 'article',
  'Sec.': 'section',
  'sec.': 'section',
  'para.': 'paragraph',
  'est.': 'estimated',
  'Est.': 'estimated',
  'ca.': 'circa',
  'c.': 'circa',
  'Pt.': 'part',
  'Ex.': 'exhibit',
};

/** AP style state abbreviations and US postal codes, read in full after "City,". */
const STATES: Readonly<Record<string, string>> = {
  'Ala.': 'Alabama',
  'Ariz.': 'Arizona',
  'Ark.': 'Arkansas',
  'Calif.': 'California',
  'Colo.': 'Colorado',
  'Conn.': 'Connecticut',
  'Del.': 'Delaware',
  'Fla.': 'Florida',
  'Ga.': 'Georgia',
  'Ill.': 'Illinois',
  'Ind.': 'Indiana',
  'Kan.': 'Kansas',
  'Kans.': 'Kansas',
  'Ky.': 'Kentucky',
  'La.': 'Louisiana',
  'Md.': 'Maryland',
  'Mass.': 'Massachusetts',
  'Mich.': 'Michigan',
  'Minn.': 'Minnesota',
  'Miss.': 'Mississippi',
  'Mo.': 'Missouri',
  'Mont.': 'Montana',
  'Neb.': 'Nebraska',
  'Nev.': 'Nevada',
  'N.H.': 'New Hampshire',
  'N.J.': 'New Jersey',
  'N.M.': 'New Mexico',
  'N.Y.': 'New York',
  'N.C.': 'North Carolina',
  'N.D.': 'North Dakota',
  'Okla.': 'Oklahoma',
  'Ore.': 'Oregon',
  'Pa.': 'Pennsylvania',
  'Penn.': 'Pennsylvania',
  'R.I.': 'Rhode Island',
  'S.C.': 'South Carolina',
  'S.D.': 'South Dakota',
  'Tenn.': 'Tennessee',
  'Tex.': 'Texas',
  'Vt.': 'Vermont',
  'Va.': 'Virginia',
  'Wash.': 'Washington',
  'W.Va.': 'West Virginia',
  'W. Va.': 'West Virginia',
  'Wis.': 'Wisconsin',
  'Wyo.': 'Wyoming',
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
};
const PARTIES: Readonly<Record<string, string>> = { R: 'Republican', D: 'Democrat', I: 'Independent' };

const WEEKDAYS: Readonly<Record<string, string>> = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Tues: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Thur: 'Thursday',
  Thurs: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
};

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
  String.raw`${START}(${alternation(Object.keys(WEEKDAYS))})\.(?=\s*(?:,|\d|${alternation(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'])}))`,
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
