// Roman numerals: regnal after a name ("Henry VIII" → "Henry the Eighth"), cardinal after a noun that
// numbers things ("World War II" → "World War Two", "Chapter IV" → "Chapter four"). A lone "I" is the
// pronoun unless a monarch's name or a numbering noun stands right before it. Pure.
import { sayCardinal, sayOrdinal } from './number-words.js';
import { END, pattern, wordsBefore } from './patterns.js';

const VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
const VALID_ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

export function romanToNumber(roman: string): number | undefined {
  if (!roman || !VALID_ROMAN.test(roman)) return undefined;
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const value = VALUES[roman[i]!]!;
    const next = VALUES[roman[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total || undefined;
}

/** Nouns that number what follows them: the numeral is a cardinal. */
const NUMBERING_NOUNS = [
  'War',
  'Chapter',
  'Part',
  'Act',
  'Scene',
  'Volume',
  'Book',
  'Title',
  'Article',
  'Section',
  'Phase',
  'Stage',
  'Level',
  'Class',
  'Category',
  'Type',
  'Grade',
  'Bowl',
  'Vatican',
  'Apollo',
  'Saturn',
  'Episode',
  'Season',
  'Series',
  'Mark',
  'Mk',
  'Gemini',
  'Schedule',
  'Appendix',
  'Annex',
  'Division',
  'Tier',
  'Corps',
  'Canto',
  'Psalm',
  'Olympiad',
  'Protocol',
  'Amendment',
  'Basel',
  'Vostok',
  'Soyuz',
  'Rocky',
  'Fantasy',
  'Wars',
  'Star',
  'chapter',
  'part',
  'act',
  'scene',
  'volume',
  'book',
  'title',
  'article',
  'section',
  'phase',
  'stage',
  'level',
  'class',
  'category',
  'type',
  'grade',
  'episode',
  'season',
  'series',
  'tier',
  'schedule',
  'appendix',
  'annex',
];

/** Names that monarchs and popes have carried, after which even "I", "V" and "X" are numerals. */
const REGNAL_NAMES = new Set([
  'Elizabeth',
  'Charles',
  'James',
  'Henry',
  'Edward',
  'George',
  'William',
  'Mary',
  'Richard',
  'Louis',
  'Napoleon',
  'Peter',
  'Catherine',
  'Alexander',
  'Nicholas',
  'Frederick',
  'Philip',
  'Felipe',
  'Ferdinand',
  'Francis',
  'Wilhelm',
  'Pius',
  'John',
  'Paul',
  'Benedict',
  'Leo',
  'Gregory',
  'Innocent',
  'Clement',
  'Urban',
  'Boniface',
  'Sixtus',
  'Alfonso',
  'Juan',
  'Carlos',
  'Carl',
  'Gustav',
  'Harald',
  'Olav',
  'Haakon',
  'Christian',
  'Frederik',
  'Margrethe',
  'Willem',
  'Albert',
  'Leopold',
  'Baudouin',
  'Victor',
  'Umberto',
  'Constantine',
  'Rama',
  'Abdullah',
  'Hussein',
  'Mohammed',
  'Hassan',
  'Akihito',
  'Ivan',
  'Anne',
  'Victoria',
  'Stephen',
  'Matilda',
  'Harold',
  'Canute',
  'Alfred',
  'Ethelred',
  'Otto',
  'Rudolf',
  'Maximilian',
  'Joseph',
  'Franz',
  'Karl',
  'Manuel',
  'Pedro',
  'Sancho',
  'Isabella',
  'Isabel',
  'Joanna',
  'Ludwig',
  'Augustus',
  'Sigismund',
  'Casimir',
  'Jan',
  'Selim',
  'Suleiman',
  'Mehmed',
  'Murad',
  'Ahmed',
  'Mahmud',
  'Abdul',
  'Hamid',
  'Tupou',
  'Letsie',
  'Mswati',
  'Norodom',
  'Sisowath',
]);

/** Capitalized words that are not names: "An IV drip", "The II". */
const NOT_NAMES = new Set([
  'A',
  'An',
  'The',
  'In',
  'On',
  'At',
  'Of',
  'And',
  'But',
  'Or',
  'For',
  'To',
  'By',
  'As',
  'If',
  'So',
  'It',
  'We',
  'He',
  'She',
  'They',
  'This',
  'That',
  'These',
  'Those',
  'His',
  'Her',
  'Their',
  'Our',
  'My',
  'Your',
  'With',
  'From',
  'Into',
  'After',
  'Before',
  'When',
  'While',
  'Where',
  'Why',
  'How',
  'What',
  'Who',
  'Is',
  'Was',
  'Are',
  'Were',
  'Be',
  'Has',
  'Have',
  'Had',
  'Not',
  'No',
  'Yes',
  'Its',
  'Some',
  'Any',
  'All',
  'Each',
  'Every',
]);

/** After these the next word is a pronoun "I": "when Mary I" is rare, "Mary, I think" is not written without a comma. */
const PRONOUN_VERBS =
  /^\s+(am|'m|think|know|believe|guess|mean|say|said|feel|felt|hope|want|wanted|will|would|have|had|can|could|do|did|was|were|love|see|saw|told|asked|went|got)\b/i;

const NUMERAL = '([IVXLCDM]+)';
const AFTER_NOUN = pattern(String.raw`(?<=(?<![\p{L}])(${NUMBERING_NOUNS.join('|')})\s)${NUMERAL}${END}`);
// A capitalized word, then a numeral made of I, V and X only: "Louis XIV", "John Paul II", "Elizabeth II".
// Alone, a numeral of I, V and X is still a number ("Phase II" aside, "XIV" or "II" on its own); "IV" before
// a medical word is an intravenous line.
const STANDALONE = pattern(
  String.raw`(?<![\p{L}\p{N}'’-])([IVX]{2,}|M[MDCLXVI]{3,12}|L[XVI]{2,})${END}(?!['’]s|\s+(?:drip|drips|fluid|fluids|line|lines|bag|bags|therapy|antibiotics|infusion))`,
);
const AFTER_NAME = pattern(String.raw`(?<=(?<![\p{L}])(\p{Lu}[\p{Ll}'’]+)\s)([IVX]+)${END}`);

export function readRomanNumerals(text: string, shouted = false): string {
  const result = text
    .replace(AFTER_NOUN, (match: string, noun: string, roman: string) => {
      const n = romanToNumber(roman);
      if (!n) return match;
      // "World War Two" keeps the capitals of the name it belongs to; "part two" stays small.
      return /^\p{Lu}/u.test(noun) ? capitalize(sayCardinal(n)) : sayCardinal(n);
    })
    .replace(AFTER_NAME, (match: string, name: string, roman: string, offset: number, whole: string) => {
      const n = romanToNumber(roman);
      if (!n || n > 39) return match;
      const after = whole.slice(offset + match.length);
      const shortNumeral = roman === 'I' || roman === 'V' || roman === 'X';
      if (NOT_NAMES.has(name) || (shortNumeral && !REGNAL_NAMES.has(name))) return match;
      // "Henry I am" has the pronoun, unless a title stands before the name ("King Henry I, am I right?").
      const [titleWord = '', nameWord] = wordsBefore(whole, offset, 2);
      if (roman === 'I' && PRONOUN_VERBS.test(after) && !(nameWord !== undefined && /(King|Queen|Pope|Emperor|Tsar|Czar|Kaiser|Sultan)$/.test(titleWord)))
        return match;
      return `the ${capitalize(sayOrdinal(n))}`;
    })
    .replace(STANDALONE, (match: string, roman: string) => {
      const n = romanToNumber(roman);
      return n && !shouted ? sayCardinal(n) : match;
    });
  return result;
}

function capitalize(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
