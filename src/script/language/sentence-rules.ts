// What a language's sentence splitter needs to know: which abbreviations end a sentence and which do not, the
// words that usually open one, and whether a number followed by a dot is an ordinal ("3. Oktober"). Data and
// the lookups derived from it; the splitter itself is src/script/sentences.ts. Pure.

/**
 * Abbreviations as written (with their dots), grouped by how they bear on a sentence's end. Keys may hold
 * several words ("z. B."): then the last word's dot is only an abbreviation's when the words before it are there.
 */
export interface AbbreviationGroups {
  /** Stand before a name ("Dr.", "M."): never the end of a sentence. */
  titles: readonly string[];
  /** Never the end of a sentence wherever they stand ("e.g.", "vs.", "z. B."). */
  neverFinal: readonly string[];
  /** Stand before a number ("No. 10", "p. 5", "Nr. 3"); before anything else they may end one. */
  beforeNumber: readonly string[];
  /** May close a sentence; they do only when a typical sentence opener follows ("Inc.", "etc."). */
  maybeFinal: readonly string[];
  /** Like maybeFinal, but only when written with a capital; in small letters they are words ("Ill.", "Jan."). */
  capitalizedMaybeFinal: readonly string[];
}

export interface SentenceRules {
  abbreviations: AbbreviationGroups;
  /** Words, in small letters, that usually start a sentence: after an abbreviation they tell that it ended. */
  openers: readonly string[];
  /**
   * Numbers of up to three digits followed by a dot are ordinals ("am 3. Oktober", "der 20. Jahrestag") unless a
   * sentence opener follows: German and the languages that write ordinals so.
   */
  ordinalDot: boolean;
  /**
   * Abbreviated endings of longer words, as written ("str." for "Hauptstr."): a word ending so is an abbreviation
   * that may close a sentence, as maybeFinal.
   */
  wordEndings?: readonly string[];
}

export type AbbreviationGroup = keyof AbbreviationGroups;

/** The lookups the splitter uses, built once per language from its SentenceRules. */
export interface CompiledSentenceRules {
  /** Abbreviations that are one token ("Mr", "e.g", "sig.ra"), in small letters without the final dot, by group. */
  tokens: Readonly<Record<AbbreviationGroup, ReadonlySet<string>>>;
  /**
   * Abbreviations with a space or a hyphen ("z. B.", "c.-à-d."), in small letters without the final dot: the
   * text before a dot must end with one of them, after a space or the start.
   */
  phrases: ReadonlyArray<readonly [phrase: string, group: AbbreviationGroup]>;
  openers: ReadonlySet<string>;
  ordinalDot: boolean;
  /** wordEndings in small letters without the final dot: "str". */
  wordEndings: readonly string[];
}

// The characters of a token, as the splitter reads one backwards from a dot: letters, digits, inner dots, "&".
const TOKEN = /^[\p{L}\p{N}.&]+$/u;

/** "Sept." → "sept", "e.g." → "e.g", "z. B." → "z. b": an abbreviation in small letters without its final dot. */
function withoutFinalDot(written: string): string {
  return written.replace(/\.$/, '').toLowerCase();
}

export function compileSentenceRules(rules: SentenceRules): CompiledSentenceRules {
  const phrases: [string, AbbreviationGroup][] = [];
  const tokens = {} as Record<AbbreviationGroup, Set<string>>;
  for (const [group, list] of Object.entries(rules.abbreviations) as [AbbreviationGroup, readonly string[]][]) {
    tokens[group] = new Set();
    for (const written of list) {
      const key = withoutFinalDot(written);
      if (TOKEN.test(key)) tokens[group].add(key);
      else phrases.push([key, group]);
    }
  }
  const wordEndings = (rules.wordEndings ?? []).map(withoutFinalDot);
  return { tokens, phrases, openers: new Set(rules.openers), ordinalDot: rules.ordinalDot, wordEndings };
}
