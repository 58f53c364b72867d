// Acronyms and initials: spelled letter by letter (FBI → "F B I", U.S. → "U S") or read as a word (NATO, NASA).
// Known ones come from curated lists; an unknown one is read as a word only when it looks like one
// (long enough, vowels where English puts them), because a wrongly spelled word is easier to follow than a
// wrongly pronounced acronym. Pure.
import { END, START, pattern, spellLetters, type RuleContext } from './patterns.js';

/** Read as words by newsreaders. */
const WORD_ACRONYMS = new Set([
  'NATO',
  'NASA',
  'UNESCO',
  'UNICEF',
  'OPEC',
  'ASEAN',
  'NAFTA',
  'AIDS',
  'COVID',
  'SARS',
  'MERS',
  'FIFA',
  'UEFA',
  'FEMA',
  'DARPA',
  'OSHA',
  'NORAD',
  'CERN',
  'SWIFT',
  'BRICS',
  'MERCOSUR',
  'ECOWAS',
  'APEC',
  'AIPAC',
  'ISIS',
  'HAMAS',
  'FARC',
  'PEMEX',
  'NASDAQ',
  'SWAT',
  'SEAL',
  'SEALS',
  'POTUS',
  'SCOTUS',
  'FLOTUS',
  'MAGA',
  'NIMBY',
  'LASER',
  'RADAR',
  'SCUBA',
  'SONAR',
  'GIF',
  'PIN',
  'RAM',
  'ROM',
  'SIM',
  'ICE',
  'COP',
  'MAX',
  'TED',
  'NEET',
  'UNRWA',
  'CENTCOM',
  'AFRICOM',
  'INTERPOL',
  'EUROPOL',
  'FRONTEX',
  'IKEA',
  'LEGO',
  'ASDA',
  'UKIP',
  'SNAP',
  'WIC',
  'CAFE',
  'DACA',
  'HUD',
  'NOW',
  'OFCOM',
  'OFSTED',
  'OFGEM',
  'ACAS',
  'BAFTA',
  'ANZAC',
  'ANZUS',
  'AUKUS',
  'QUAD',
  'SPAC',
  'CAT',
  'EFTA',
  'UNITA',
  'SEATO',
  'IMAX',
  'CAPTCHA',
  'ZIP',
  'WASP',
  'YOLO',
  'ASAP',
]);

/** Spelled even though the word rule would read them ("USDA" looks pronounceable, nobody says it so). */
const SPELLED_ACRONYMS = new Set([
  'US',
  'USA',
  'UK',
  'EU',
  'UN',
  'FBI',
  'CIA',
  'NSA',
  'BBC',
  'CNN',
  'NHS',
  'IMF',
  'WTO',
  'WHO',
  'GDP',
  'CEO',
  'CFO',
  'USDA',
  'UCLA',
  'USSR',
  'UAE',
  'OECD',
  'IAEA',
  'ICC',
  'ICJ',
  'ECB',
  'IRS',
  'DOJ',
  'EPA',
  'FDA',
  'CDC',
  'NIH',
  'AP',
  'AFP',
  'MP',
  'MEP',
  'PM',
  'TV',
  'AI',
  'IT',
  'PR',
  'HR',
  'DNA',
  'RNA',
  'HIV',
  'LGBT',
  'LGBTQ',
  'NGO',
  'SUV',
  'ATM',
  'CCTV',
  'DUP',
  'SNP',
  'ANC',
  'PLO',
  'IRA',
  'KGB',
  'FSB',
  'GRU',
  'SBU',
  'IDF',
  'IRGC',
  'PKK',
  'YPG',
  'SDF',
  'NYPD',
  'LAPD',
  'MLB',
  'NBA',
  'NFL',
  'NHL',
  'MLS',
  'ESPN',
  'HBO',
  'IBM',
  'AMD',
  'BMW',
  'VW',
  'HSBC',
  'UBS',
  'PLC',
  'LLC',
  'LLP',
  'CPI',
  'PMI',
  'GOP',
  'DNC',
  'RNC',
  'ESG',
  'MOD',
  'SADC',
  'OPCW',
  'UNHCR',
  'UNDP',
  'WFP',
  'OSCE',
  'ICBM',
  'UAV',
  'EV',
  'EVS',
  'IPO',
  'ETF',
  'VAT',
  'GST',
  'SEC',
  'FTC',
  'FCC',
  'DHS',
  'TSA',
  'NTSB',
  'FAA',
  'NOAA',
  'USPS',
  'UPS',
  'DHL',
  'BP',
  'AT',
  'ID',
  'PC',
  'OK',
  'ASEAN+3',
  'ATP',
  'WTA',
  'IOC',
  'CSIS',
  'ISS',
  'USMCA',
  'TPP',
  'RCEP',
  'CPTPP',
  'SCO',
  'BRI',
  'PLA',
  'CCP',
  'CPC',
  'KMT',
  'DPP',
  'DPRK',
  'ROK',
  'PRC',
  'ROC',
  'UAW',
  'AFL',
  'CIO',
  'NAACP',
  'ACLU',
  'AARP',
  'FIA',
  'MEK',
  'RSF',
  'UNSC',
  'UNGA',
  'ILO',
  'FAO',
  'WMO',
  'ITU',
]);

/** Acronyms with a reading of their own. */
const SPOKEN_ACRONYMS: Readonly<Record<string, string>> = {
  OK: 'okay',
  FTSE: 'Footsie',
  USAID: 'U S AID',
  NAACP: 'N double A C P',
  NOAA: 'Noah',
  JPEG: 'J peg',
  IEEE: 'I triple E',
  AAA: 'triple A',
  NCAA: 'N C double A',
  PhD: 'P H D',
  PhDs: 'P H Ds',
  WWII: 'World War Two',
  WWI: 'World War One',
  YTD: 'year to date',
};

/** Written in capitals for emphasis, not initials: read as the word. */
const COMMON_WORDS = new Set([
  'A',
  'I',
  'THE',
  'AND',
  'BUT',
  'NOT',
  'YES',
  'NO',
  'ALL',
  'NEW',
  'BIG',
  'TOP',
  'OFF',
  'END',
  'HOW',
  'WHY',
  'YOU',
  'OUR',
  'ANY',
  'ARE',
  'WAS',
  'HAS',
  'HAD',
  'DID',
  'CAN',
  'MAY',
  'GET',
  'GOT',
  'ONE',
  'TWO',
  'SIX',
  'TEN',
  'FOR',
  'OUT',
  'NOR',
  'YET',
  'OWN',
  'HIS',
  'HER',
  'SHE',
  'HIM',
  'ITS',
  'WAY',
  'DAY',
  'WAR',
  'LAW',
  'MAN',
  'OLD',
  'BAD',
  'HOT',
  'RED',
  'OIL',
  'GAS',
  'TAX',
  'JOB',
  'FLY',
  'RUN',
  'WIN',
  'BUY',
  'PAY',
  'DIE',
  'LIE',
  'SAY',
  'SEE',
  'TOO',
  'OR',
  'IF',
  'SO',
  'BY',
  'TO',
  'IN',
  'ON',
  'AT',
  'OF',
  'IS',
  'BE',
  'WE',
  'HE',
  'MY',
  'ME',
  'GO',
  'DO',
  'UP',
  'AS',
  'VERY',
  'THIS',
  'THAT',
  'WHAT',
  'WHEN',
  'WILL',
  'WITH',
  'JUST',
  'ONLY',
  'MUST',
  'NEVER',
  'STOP',
  'FREE',
  'LIVE',
  'NEWS',
  'DEAD',
  'OVER',
  'MORE',
  'MOST',
  'EVER',
  'BACK',
  'HELP',
  'FIRE',
  'WARNING',
  'BREAKING',
  'UPDATE',
  'EXCLUSIVE',
]);

const VOWELS = 'AEIOU';
// Sounds English words begin and end with; anything else in an unknown acronym means it is spelled.
const ONSETS = new Set([
  'BL',
  'BR',
  'CH',
  'CL',
  'CR',
  'DR',
  'DW',
  'FL',
  'FR',
  'GL',
  'GR',
  'KL',
  'KR',
  'KN',
  'PH',
  'PL',
  'PR',
  'SC',
  'SH',
  'SK',
  'SL',
  'SM',
  'SN',
  'SP',
  'ST',
  'SW',
  'TH',
  'TR',
  'TW',
  'WH',
  'WR',
  'QU',
  'SCR',
  'SPR',
  'STR',
  'SPL',
  'SQU',
  'THR',
  'SHR',
]);
const CODAS = new Set([
  'CH',
  'CK',
  'CT',
  'FT',
  'LD',
  'LF',
  'LK',
  'LM',
  'LP',
  'LT',
  'MP',
  'ND',
  'NG',
  'NK',
  'NT',
  'NS',
  'PS',
  'PT',
  'RB',
  'RD',
  'RF',
  'RG',
  'RK',
  'RL',
  'RM',
  'RN',
  'RP',
  'RS',
  'RT',
  'SH',
  'SK',
  'SP',
  'ST',
  'TH',
  'TS',
  'CS',
  'KS',
  'DS',
  'GS',
  'LS',
  'MS',
  'BS',
  'X',
]);
const VOWEL_PAIRS = new Set(['AI', 'AU', 'EA', 'EE', 'EI', 'EU', 'IE', 'OA', 'OE', 'OI', 'OO', 'OU', 'UI', 'IA', 'IO', 'UA', 'UE']);

function isVowel(letter: string, index: number, word: string): boolean {
  if (VOWELS.includes(letter)) return true;
  // Y is a vowel inside or at the end of a word ("NIMBY"), a consonant at its start.
  return letter === 'Y' && index > 0 && !VOWELS.includes(word[index - 1] ?? '');
}

/**
 * Whether capital letters look like an English word that can be read aloud: an unknown acronym of four or
 * more letters with a vowel pattern English allows ("UNESCO", "FEMA") is read as a word; "UNHCR", "OECD",
 * "IAEA" are not.
 */
export function isPronounceable(word: string): boolean {
  const letters = word.toUpperCase().replace(/[^A-Z]/g, '');
  if (letters.length < 4) return false;
  const shape = Array.from(letters, (letter, index) => (isVowel(letter, index, letters) ? 'V' : 'C')).join('');
  const vowels = shape.split('').filter((s) => s === 'V').length;
  if (vowels === 0 || vowels / letters.length < 0.2 || vowels / letters.length > 0.75) return false;
  if (/VVV|CCCC/.test(shape)) return false;
  if (/(.)\1\1/.test(letters)) return false;
  const firstVowel = shape.indexOf('V');
  const onset = letters.slice(0, firstVowel);
  if (onset.length > 1 && !ONSETS.has(onset)) return false;
  if (firstVowel === 0 && shape.startsWith('VV') && !VOWEL_PAIRS.has(letters.slice(0, 2))) return false;
  const lastVowel = shape.lastIndexOf('V');
  const coda = letters.slice(lastVowel + 1);
  if (coda.length > 1 && !CODAS.has(coda)) return false;
  if (coda.length === 1 && 'JQV'.includes(coda)) return false;
  // Three consonants inside a word are fine only as an English onset after a vowel ("ABSTRACT").
  for (const match of shape.matchAll(/V(C{3})V/g)) {
    const cluster = letters.slice(match.index + 1, match.index + 4);
    if (!ONSETS.has(cluster.slice(1)) && !ONSETS.has(cluster)) return false;
  }
  for (const match of letters.matchAll(/[AEIOU]{2}/g)) {
    if (!VOWEL_PAIRS.has(match[0])) return false;
  }
  return true;
}

/** How one acronym (without its plural or possessive ending) is read. */
export function readAcronym(word: string, shouted = false): string {
  const spoken = SPOKEN_ACRONYMS[word];
  if (spoken) return spoken;
  const upper = word.toUpperCase();
  if (SPELLED_ACRONYMS.has(upper) && word === upper) return spellLetters(word);
  if (shouted || COMMON_WORDS.has(upper)) return word.toLowerCase();
  if (WORD_ACRONYMS.has(upper)) return word;
  if (word !== upper) return spellLetters(word);
  if (isPronounceable(word)) return word;
  // Seven capitals or more with a vowel are a word in capitals (a dateline's "WASHINGTON", a shouted
  // "EXCLUSIVE"), not initials: acronyms spelled letter by letter are shorter ("UNHCR", "NSPCC").
  if (upper.length >= LONGEST_SPELLED + 1 && /[AEIOUY]/.test(upper)) return upper[0] + upper.slice(1).toLowerCase();
  return spellLetters(word);
}

/** The longest acronym read letter by letter when no table knows it. */
const LONGEST_SPELLED = 6;

// A run of letters with at least two capitals and at most one small letter: "FBI", "PhD", "mRNA", "TfL".
// An "s" or "'s" ending is a plural or possessive ("CEOs", "FBI's").
const CANDIDATE = pattern(String.raw`${START}([\p{L}]*\p{Lu}[\p{L}]*)(?=(?:'s|’s)?${END})`);

function isAcronymShape(word: string): boolean {
  const upper = (word.match(/\p{Lu}/gu) ?? []).length;
  const lower = (word.match(/\p{Ll}/gu) ?? []).length;
  return upper >= 2 && lower <= 1 && /^[A-Za-z]+$/.test(word);
}

function readCandidate(word: string, context: RuleContext): string {
  if (SPOKEN_ACRONYMS[word]) return SPOKEN_ACRONYMS[word]!;
  // "JPMorgan": initials run straight into a name.
  const glued = /^([A-Z]{2,})([A-Z][a-z]{2,})$/.exec(word);
  if (glued && !context.shouted) return `${spellLetters(glued[1]!)} ${glued[2]}`;
  // "ChatGPT", "OpenAI": a name that ends in initials.
  const trailing = /^([A-Z][a-z]{2,})([A-Z]{2,})$/.exec(word);
  if (trailing && !context.shouted) return `${trailing[1]} ${readAcronym(trailing[2]!)}`;
  if (!isAcronymShape(word)) {
    // "I" stays; a shouted "A" is the article.
    return context.shouted && word === 'A' ? 'a' : word;
  }
  // Plural: "CEOs" → "C E O's", which every engine reads as a plural of the last letter.
  const plural = /^([A-Z]{2,})s$/.exec(word);
  if (plural && !context.shouted) {
    const base = readAcronym(plural[1]!, false);
    if (base === plural[1]) return word;
    return base.includes(' ') ? `${base}'s` : `${base}s`;
  }
  return readAcronym(word, context.shouted);
}

/** "U.S." → "U S", "J.P." → "J P", "D.C." → "D C"; a hyphen after one joins the next word with a space. */
const DOTTED = pattern(String.raw`${START}((?:\p{Lu}\.){2,})(-(?=\p{L}))?`);
/** A single initial before a name: "John F. Kennedy" → "John F Kennedy". */
const INITIAL = pattern(String.raw`${START}(\p{Lu})\.(?=\s+\p{Lu})`);

export function readAcronyms(text: string, context: RuleContext): string {
  return (
    text
      .replace(DOTTED, (_match, letters: string, hyphen?: string) => `${spellLetters(letters)}${hyphen ? ' ' : ''}`)
      .replace(INITIAL, '$1')
      .replace(CANDIDATE, (word: string) => readCandidate(word, context))
      // A spelled acronym joined to a word by a hyphen reads as two words: "EU-wide" → "E U wide"; a single
      // letter keeps its hyphen ("D-Day", "X-ray").
      .replace(/(?<=(?:^|\s)[A-Z] )([A-Z])-(?=\p{L})/gu, '$1 ')
  );
}

// A sentence in capitals throughout has its small words in capitals too; a list of acronyms does not.
const SHOUTED_SMALL_WORDS = new Set([
  'THE',
  'OF',
  'TO',
  'IN',
  'AND',
  'FOR',
  'ON',
  'AT',
  'IS',
  'ARE',
  'WAS',
  'WITH',
  'BY',
  'FROM',
  'AS',
  'THAT',
  'THIS',
  'BE',
  'HAS',
  'WILL',
  'NOT',
  'AFTER',
  'OVER',
  'INTO',
  'ITS',
  'BUT',
  'WHO',
  'OR',
  'ANY',
  'ALL',
  'NO',
  'IF',
]);

export function isShouted(sentence: string): boolean {
  const words = sentence.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < 3) return false;
  const capitals = words.filter((word) => word === word.toUpperCase() && /\p{Lu}/u.test(word));
  const small = capitals.filter((word) => SHOUTED_SMALL_WORDS.has(word) && word !== 'WHO');
  return capitals.length / words.length >= 0.7 && small.length > 0;
}
