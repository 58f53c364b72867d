// Sentence splitting and chunking for speech. Pure.
// Intl.Segmenter splits after "Mr.", "Dr.", "J.P." and "No." (DESIGN.md), so we decide boundaries ourselves.

/** Abbreviations that (almost) never end a sentence: a title before a name, "No. 5", "vs.". */
const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'gov', 'sen', 'rep', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm',
  'maj', 'rev', 'hon', 'pres', 'supt', 'det', 'insp', 'st', 'mt', 'ft', 'no', 'nos', 'vs', 'v', 'approx', 'e.g',
  'i.e', 'cf', 'fig', 'figs', 'vol', 'pp', 'p', 'ch', 'art', 'sec', 'dept', 'est', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Abbreviations that may close a sentence; they only do when a typical sentence opener follows. */
const MAYBE_FINAL = new Set(['etc', 'inc', 'ltd', 'corp', 'co', 'jr', 'sr', 'bros', 'plc', 'llc', 'a.m', 'p.m']);

/** Words that usually start a sentence: after "D.C." or "Inc." they tell that the sentence really ended. */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'but', 'and', 'or',
  'so', 'yet', 'this', 'that', 'these', 'those', 'there', 'here', 'his', 'her', 'their', 'our', 'my', 'as',
  'after', 'before', 'when', 'while', 'if', 'however', 'meanwhile', 'still', 'also', 'many', 'some', 'most',
  'one', 'two', 'for', 'from', 'with', 'by', 'to', 'what', 'why', 'how', 'who', 'where', 'since', 'although',
  'though', 'instead', 'then', 'now', 'today', 'yesterday', 'last', 'next', 'such', 'both', 'each', 'all',
  'no', 'not', 'officials', 'analysts', 'critics', 'experts',
]);

const CLOSERS = String.raw`"'”’)\]}»`;
const BOUNDARY = new RegExp(`([.!?]+|\\u2026)([${CLOSERS}]*)(\\s+)`, 'gu');

function startsLikeSentence(next: string): boolean {
  return /^[\p{Lu}\p{Lt}\p{N}"'“‘(\[¿¡]/u.test(next);
}

function isBoundary(before: string, terminator: string, next: string): boolean {
  if (!startsLikeSentence(next)) return false;
  if (terminator !== '.') return true;
  // The "word" the period belongs to, including inner dots: "U.S", "a.m", "J.P", "Mr".
  const token = /([\p{L}\p{N}.&]+)$/u.exec(before)?.[1] ?? '';
  const bare = token.toLowerCase();
  const nextWord = (/^["'“‘(]*([\p{L}\p{N}']+)/u.exec(next)?.[1] ?? '').toLowerCase();
  const openerFollows = SENTENCE_OPENERS.has(nextWord);
  if (NEVER_FINAL.has(bare)) return false;
  if (MAYBE_FINAL.has(bare)) return openerFollows;
  // Initials ("J." or "J.P.") and dotted acronyms ("U.S.", "D.C."): usually inside a sentence.
  if (/^(\p{L}\.)*\p{L}$/u.test(token)) return openerFollows;
  return true;
}

/** Splits a paragraph into sentences. Joining the result with single spaces gives back the (whitespace-tidied) input. */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (!text) return [];
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    const before = text.slice(start, match.index);
    const next = text.slice(end + match[3]!.length);
    if (isBoundary(before, match[1]!, next)) {
      sentences.push(text.slice(start, end));
      start = end + match[3]!.length;
    }
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences.filter((s) => s.length > 0);
}

// Where a long sentence may be cut, strongest first: after ; or :, after a comma, around a dash.
const CLAUSE_STRENGTH: ReadonlyArray<RegExp> = [/[;:]["')\]]*$/, /,["')\]]*$/, /^[-\u2013\u2014]+$|[-\u2013\u2014]$/];

function clauseStrength(word: string): number {
  const index = CLAUSE_STRENGTH.findIndex((pattern) => pattern.test(word));
  return index === -1 ? 0 : CLAUSE_STRENGTH.length - index;
}

/**
 * Cuts a sentence into pieces of at most maxChars characters: at clause boundaries where one falls in the
 * back half of a piece, else between words, and inside a word only when a single word is longer than maxChars.
 * No word is lost, doubled or reordered: the pieces joined with spaces equal the whitespace-tidied sentence.
 */
export function chunkSentence(sentence: string, maxChars: number): string[] {
  if (maxChars < 1) throw new RangeError('maxChars must be at least 1');
  const words = sentence.split(/\s+/).filter(Boolean).flatMap((word) => splitLongWord(word, maxChars));
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const word of words) {
    const added = current.length === 0 ? word.length : length + 1 + word.length;
    if (added <= maxChars || current.length === 0) {
      current.push(word);
      length = added;
      continue;
    }
    const cut = bestCut(current, maxChars);
    chunks.push(current.slice(0, cut).join(' '));
    current = [...current.slice(cut), word];
    length = current.join(' ').length;
    // The carried-over clause tail plus the new word can itself be too long: flush until it fits.
    while (length > maxChars && current.length > 1) {
      const again = bestCut(current.slice(0, -1), maxChars) || current.length - 1;
      chunks.push(current.slice(0, again).join(' '));
      current = current.slice(again);
      length = current.join(' ').length;
    }
  }
  if (current.length) chunks.push(current.join(' '));
  return chunks;
}

/** How many leading words of a full piece to emit: up to the strongest clause boundary in its back half. */
function bestCut(words: string[], maxChars: number): number {
  let best = words.length;
  let bestStrength = 0;
  let offset = 0;
  words.forEach((word, index) => {
    offset += word.length + (index ? 1 : 0);
    const strength = clauseStrength(word);
    if (index < words.length - 1 && offset >= maxChars / 2 && strength >= bestStrength && strength > 0) {
      best = index + 1;
      bestStrength = strength;
    }
  });
  return best;
}

function splitLongWord(word: string, maxChars: number): string[] {
  const chars = Array.from(word);
  if (word.length <= maxChars) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const char of chars) {
    // A piece never splits a code point, so with maxChars 1 an astral character is a piece of length 2.
    if (piece && piece.length + char.length > maxChars) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
