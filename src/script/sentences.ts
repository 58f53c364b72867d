// Sentence splitting and chunking for speech. Pure.
// Intl.Segmenter splits after "Mr.", "Dr.", "J.P." and "No.", so we decide boundaries ourselves, with each
// language's abbreviations and sentence openers (src/script/language/).
import { sentenceRulesFor } from './language/languages.js';
import type { AbbreviationGroup, CompiledSentenceRules } from './language/sentence-rules.js';

const CLOSERS = String.raw`"'”’)\]}»`;
// A Latin terminator needs whitespace after it; so does a CJK one, so that the splitter never cuts inside a word.
// A run of marks is taken from its start only: trying every mark of "!!!!…" again made long runs quadratic.
const BOUNDARY = new RegExp(`((?<![.!?])[.!?]+|\\u2026|[\\u3002\\uFF01\\uFF1F])([${CLOSERS}]*)(\\s+)`, 'gu');

function startsLikeSentence(next: string): boolean {
  // A capital, a digit, an opening quote or bracket, or a brand written "iPhone", "eBay".
  return /^[\p{Lu}\p{Lt}\p{N}"'“‘(\[¿¡]|^\p{Ll}\p{Lu}/u.test(next);
}

const TOKEN_CHAR = /[\p{L}\p{N}.&]/u;

/**
 * The "word" a period belongs to, including inner dots: "U.S", "a.m", "J.P", "Mr". Read backwards from the end,
 * at most 64 characters: a regular expression anchored at the end tried every start in a long sentence.
 */
function tokenBefore(before: string): string {
  let start = before.length;
  while (start > 0 && before.length - start < 64) {
    const unit = before.charCodeAt(start - 1);
    // A character outside the BMP is two code units: test them together.
    const width = unit >= 0xdc00 && unit <= 0xdfff && start >= 2 ? 2 : 1;
    if (!TOKEN_CHAR.test(before.slice(start - width, start))) break;
    start -= width;
  }
  return before.slice(start);
}

/** The group of an abbreviation of several words ("z. B.", "et al.") that the text before a dot ends with. */
function phraseBefore(before: string, rules: CompiledSentenceRules): AbbreviationGroup | undefined {
  if (rules.phrases.length === 0) return undefined;
  const tail = before.slice(-32).toLowerCase();
  for (const [phrase, group] of rules.phrases) {
    if (tail.endsWith(phrase) && !/[\p{L}\p{N}]/u.test(tail.charAt(tail.length - phrase.length - 1))) return group;
  }
  return undefined;
}

function isBoundary(before: string, terminator: string, next: string, rules: CompiledSentenceRules): boolean {
  if (/^[\u3002\uFF01\uFF1F]/.test(terminator)) return true;
  if (!startsLikeSentence(next)) return false;
  if (terminator !== '.') return true;
  const token = tokenBefore(before);
  const bare = token.toLowerCase();
  const nextWord = (/^["'“‘(]*([\p{L}\p{N}']+)/u.exec(next)?.[1] ?? '').toLowerCase();
  const openerFollows = rules.openers.has(nextWord);
  const phrase = phraseBefore(before, rules);
  const has = (group: AbbreviationGroup) => phrase === group || rules.tokens[group].has(bare);
  if (has('titles') || has('neverFinal')) return false;
  if (has('beforeNumber') && /^\p{N}/u.test(next)) return false;
  if (has('maybeFinal') || (has('capitalizedMaybeFinal') && /^\p{Lu}/u.test(token))) return openerFollows;
  // "Hauptstr. 5": a longer word with an abbreviated ending.
  if (rules.wordEndings.some((ending) => bare.length > ending.length && bare.endsWith(ending))) return openerFollows;
  // "No." before anything but a number is the word "no", which may end a sentence.
  if (has('beforeNumber') && token.length <= 2) return bare === 'no' || openerFollows;
  // "am 3. Oktober": where ordinals are written with a dot, a short number ends a sentence only before an opener.
  if (rules.ordinalDot && /^\d{1,3}$/.test(token)) return openerFollows;
  // Initials ("J." or "J.P.") and dotted acronyms ("U.S.", "D.C."): usually inside a sentence.
  if (/^(\p{L}\.)*\p{L}$/u.test(token)) return openerFollows;
  return true;
}

/**
 * Splits a paragraph into sentences, with the abbreviations and sentence openers of `language` (a BCP 47 tag;
 * a language without rules of its own is split on its punctuation alone). Joining the result with single
 * spaces gives back the (whitespace-tidied) input.
 */
export function splitSentences(paragraph: string, language = 'en'): string[] {
  const rules = sentenceRulesFor(language);
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (!text) return [];
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    const before = text.slice(start, match.index);
    const next = text.slice(end + match[3]!.length);
    if (isBoundary(before, match[1]!, next, rules)) {
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
  const words = sentence
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => splitLongWord(word, maxChars));
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

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The graphemes of a text, segmented a window at a time: V8 takes time quadratic in the text's length to walk
 * the segments of one long string. The last grapheme of a window may go on past it, so it is segmented again at
 * the start of the next window.
 */
function graphemes(text: string): string[] {
  const found: string[] = [];
  for (let from = 0; from < text.length;) {
    const window = text.slice(from, from + 1024);
    const segments = Array.from(GRAPHEMES.segment(window), ({ segment }) => segment);
    const complete = from + window.length < text.length && segments.length > 1 ? segments.slice(0, -1) : segments;
    for (const segment of complete) {
      found.push(segment);
      from += segment.length;
    }
  }
  return found;
}

/**
 * Cuts a word longer than maxChars into pieces between characters as a reader sees them (graphemes: an accent
 * stays on its letter, an emoji sequence stays whole), and between code points only inside a grapheme that is
 * itself longer than maxChars. A piece never splits a code point, so with maxChars 1 an astral character is a
 * piece of length 2.
 */
function splitLongWord(word: string, maxChars: number): string[] {
  if (word.length <= maxChars) return [word];
  const units = graphemes(word).flatMap((segment) => (segment.length <= maxChars ? [segment] : Array.from(segment)));
  const pieces: string[] = [];
  let piece = '';
  for (const unit of units) {
    if (piece && piece.length + unit.length > maxChars) {
      pieces.push(piece);
      piece = '';
    }
    piece += unit;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
