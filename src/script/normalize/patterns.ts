// Shared pieces for the normalization rules. Pure.

/**
 * Word edges that know Unicode letters: JavaScript's \b counts only ASCII letters as word characters,
 * so "Zoë5" or "é1" would look like word edges to it.
 */
export const START = String.raw`(?<![\p{L}\p{N}_])`;
export const END = String.raw`(?![\p{L}\p{N}_])`;

/** A written number: "1,234", "12", "3.5", with thousands separators only where they group by three. */
export const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;

export function pattern(source: string, flags = 'gu'): RegExp {
  return new RegExp(source, flags);
}

// Rules look at most a few words behind a match. Reading only this much of the text before it keeps a long
// sentence from being read again for every match, which made such rules quadratic in the sentence's length.
const LOOK_BEHIND = 64;

/** The text just before `offset` (at most LOOK_BEHIND characters): for patterns anchored at its end. */
export function textBefore(text: string, offset: number): string {
  return text.slice(Math.max(0, offset - LOOK_BEHIND), offset);
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/**
 * The `count` whitespace-separated words before `offset`, nearest last, as `/(\S+)\s+(\S+)\s+$/` would capture
 * them: none when the match is glued to the text before it. Read backwards, at most LOOK_BEHIND characters.
 */
export function wordsBefore(text: string, offset: number, count = 1): string[] {
  const window = textBefore(text, offset);
  const words: string[] = [];
  let end = window.length;
  while (words.length < count) {
    let gap = end;
    while (isSpace(window[gap - 1])) gap--;
    if (gap === end || gap === 0) break;
    let start = gap;
    while (start > 0 && !isSpace(window[start - 1])) start--;
    words.unshift(window.slice(start, gap));
    end = start;
  }
  return words;
}

/** A capital letter at the start of the written form carries over to the spoken one ("Dr." → "Doctor"). */
export function matchCase(written: string, spoken: string): string {
  if (/^\p{Lu}/u.test(written) && /^\p{Ll}/u.test(spoken)) return spoken[0]!.toUpperCase() + spoken.slice(1);
  if (/^\p{Ll}/u.test(written) && /^\p{Lu}\p{Ll}/u.test(spoken)) return spoken[0]!.toLowerCase() + spoken.slice(1);
  return spoken;
}

/** Escapes text for a regular expression with the "u" flag, which rejects needless escapes such as "\\-". */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An alternation of literal keys, longest first so that "Sept." wins over "Sep.". */
export function alternation(keys: Iterable<string>): string {
  return [...keys]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}

/** Letters read one by one, as capitals so that every engine names them ("a" alone is read as the article). */
export function spellLetters(word: string): string {
  return Array.from(word.replace(/[^\p{L}\p{N}]/gu, ''), (char) => char.toUpperCase()).join(' ');
}

/**
 * Text produced by a rule that later rules must leave alone (a URL read out, a lexicon entry) is held as a
 * single private-use character until the end. Private-use characters are removed from the input first.
 */
export class Protector {
  private readonly held: string[] = [];

  protect(spoken: string): string {
    const code = 0xe000 + this.held.length;
    if (code > 0xf8ff) return spoken;
    this.held.push(spoken);
    return String.fromCharCode(code);
  }

  restore(text: string): string {
    return text.replace(/[\uE000-\uF8FF]/g, (char) => this.held[char.charCodeAt(0) - 0xe000] ?? '');
  }
}

export interface RuleContext {
  protector: Protector;
  /** The sentence is written in capitals throughout (a shouted headline): capitals are words, not acronyms. */
  shouted: boolean;
}
