// What the engine should hear for a language other than English, where espeak-ng and its peers misread the
// written form: abbreviations said in full in that language ("z. B." → "zum Beispiel", "M." → "Monsieur") and
// the dates a language module rewrites ("am 3. Oktober" → "am dritten Oktober"). Each language keeps its own
// table of readings, in its own words; the same table tells the sentence splitter where a sentence may end, so
// the two cannot disagree. Nothing here adds a word of another language. Pure.
import { escapeRegExp, matchCase } from '../normalize/patterns.js';
import type { AbbreviationGroups } from './sentence-rules.js';

/** What an abbreviation is said as; null where the engine reads it well or no one reading fits all its uses. */
export type Readings = Readonly<Record<string, string | null>>;

/** A language's abbreviations by where they stand, each with its reading. */
export interface AbbreviationReadings {
  /** Before a name ("Dr. Müller", "M. Dupont"): read so only before a capital; never the end of a sentence. */
  titles: Readings;
  /** Read so wherever they stand; never the end of a sentence. */
  neverFinal: Readings;
  /** Read so only before a number ("Nr. 5" → "Nummer 5"); before anything else they may end a sentence. */
  beforeNumber: Readings;
  /** Read so wherever they stand; they end a sentence only before a typical opener ("usw.", "etc."). */
  maybeFinal: Readings;
  /** Written without a dot ("n°"), so they never bear on a sentence's end: read only. */
  undotted?: Readings;
  /** A count of one and its abbreviation, read together: "1 Mio." → "eine Million". Keys are the abbreviations. */
  afterOne?: Readings;
  /** Abbreviated endings of longer words ("Hauptstr." → "Hauptstraße"); to the splitter they are maybeFinal. */
  wordEndings?: Readings;
}

/** A language's rules for the spoken form. */
export interface SpokenRules {
  abbreviations: AbbreviationReadings;
  /** Dates (and ordinals) the engine misreads, rewritten in the language's words; runs before the abbreviations. */
  readDates?: (text: string) => string;
}

const keys = (...groups: Readings[]) => groups.flatMap((group) => Object.keys(group));

/** The splitter's view of a table of readings: which written forms are in which group. */
export function abbreviationGroups(readings: AbbreviationReadings): AbbreviationGroups {
  return {
    titles: keys(readings.titles),
    neverFinal: keys(readings.neverFinal),
    beforeNumber: keys(readings.beforeNumber),
    maybeFinal: keys(readings.maybeFinal),
    capitalizedMaybeFinal: [],
  };
}

/** The written forms of the abbreviated word endings, for SentenceRules.wordEndings. */
export function wordEndingForms(readings: AbbreviationReadings): string[] {
  return keys(readings.wordEndings ?? {});
}

interface CompiledSpokenRules {
  readDates: (text: string) => string;
  /** Each pattern captures the written abbreviation; `whole` replaces the whole match ("1 Mio.") by the reading. */
  steps: ReadonlyArray<{ pattern: RegExp; readings: ReadonlyMap<string, string>; whole: boolean }>;
}

// An abbreviation starts a word: no letter, digit or dot right before it.
const START = String.raw`(?<![\p{L}\p{N}_.])`;
// At the start of the sentence, after opening quotes or brackets only.
const SENTENCE_START = String.raw`(?<=^[\s"'“”„‚‘’«»(\[¿¡]*)`;
// One that ends with a letter ("n°" does not, "Mme" does) must end its word too.
const END = String.raw`(?![\p{L}\p{N}_])`;

/**
 * The readings of some groups, keyed by their written forms: as written, or (`capitalized`) only the forms with a
 * capital first letter that are not written so already ("Bzw.", "Dhr."), the capital carried over to the reading.
 * A single letter and its dot ("v.", "n.") has no capital form: "Karl V." is a numeral and "S." an initial.
 */
function readingsOf(groups: ReadonlyArray<Readings | undefined>, capitalized = false): Map<string, string> {
  const found = new Map<string, string>();
  const entries = groups.flatMap((group) => Object.entries(group ?? {}));
  const asWritten = new Set(entries.map(([written]) => written));
  for (const [written, spoken] of entries) {
    if (spoken === null) continue;
    if (!capitalized) {
      found.set(written, spoken);
      continue;
    }
    const capital = written.charAt(0).toUpperCase() + written.slice(1);
    if (!asWritten.has(capital) && !/^\p{L}\.$/u.test(written)) found.set(capital, matchCase(capital, spoken));
  }
  return found;
}

/** "z. B." matches "z. B." and "z.B.": a space after an inner dot may be left out. */
function writtenPattern(written: string): string {
  return escapeRegExp(written).replace(/\\\. /g, String.raw`\.\s?`);
}

function alternativesOf(readings: ReadonlyMap<string, string>): string {
  const sorted = [...readings.keys()].sort((a, b) => b.length - a.length);
  return sorted.map((written) => writtenPattern(written) + (/[\p{L}\p{N}]$/u.test(written) ? END : '')).join('|');
}

/** The key of `readings` a matched text was written as ("z.B." for the key "z. B."). */
function lookup(readings: ReadonlyMap<string, string>, matched: string): string | undefined {
  return readings.get(matched) ?? readings.get(matched.replace(/\.(?=\S)/g, '. '));
}

function compile(rules: SpokenRules): CompiledSpokenRules {
  const { titles, neverFinal, beforeNumber, maybeFinal, undotted, afterOne, wordEndings } = rules.abbreviations;
  const steps: CompiledSpokenRules['steps'][number][] = [];
  const add = (readings: Map<string, string>, source: (alternatives: string) => string, whole = false) => {
    if (readings.size > 0) steps.push({ pattern: new RegExp(source(alternativesOf(readings)), 'gu'), readings, whole });
  };
  // Longest context first: "1 Mio." before "Mio.", a title before a name before the same letters elsewhere. A
  // capital a form is not written with is read only where a capital tells nothing: before a name, or at the
  // sentence's start ("Z. B. kamen", "Vgl. S. 3"); elsewhere "Gem." is "Gemeinde", not "gem." ("gemäß").
  const anywhere = [neverFinal, maybeFinal, undotted];
  add(readingsOf([afterOne]), (alternatives) => String.raw`(?<![\p{N}.,])1\s+(${alternatives})`, true);
  add(new Map([...readingsOf([titles]), ...readingsOf([titles], true)]), (alternatives) => String.raw`${START}(${alternatives})(?=\s+[\p{Lu}\uE000-\uF8FF])`);
  add(readingsOf([beforeNumber]), (alternatives) => String.raw`${START}(${alternatives})(?=\s*\d)`);
  add(readingsOf([beforeNumber], true), (alternatives) => String.raw`${SENTENCE_START}(${alternatives})(?=\s*\d)`);
  add(readingsOf(anywhere), (alternatives) => String.raw`${START}(${alternatives})`);
  add(readingsOf(anywhere, true), (alternatives) => String.raw`${SENTENCE_START}(${alternatives})`);
  add(readingsOf([wordEndings]), (alternatives) => String.raw`(?<=\p{L})(${alternatives})`);
  return { readDates: rules.readDates ?? ((text) => text), steps };
}

const compiled = new WeakMap<SpokenRules, CompiledSpokenRules>();

/** The text with the language's dates and abbreviations in words; the rest as it was. */
export function readSpokenForms(text: string, rules: SpokenRules): string {
  let compiledRules = compiled.get(rules);
  if (!compiledRules) {
    compiledRules = compile(rules);
    compiled.set(rules, compiledRules);
  }
  let spoken = compiledRules.readDates(text);
  for (const { pattern, readings, whole } of compiledRules.steps) {
    spoken = spoken.replace(pattern, (match, written: string, offset: number, input: string) => {
      const reading = lookup(readings, written);
      if (reading === undefined) return match;
      // "Nr.5", "z.B.Äpfel": the word glued to the dot stays a word of its own.
      const gap = /[\p{L}\p{N}]/u.test(input.charAt(offset + match.length)) ? ' ' : '';
      return (whole ? reading : match.slice(0, match.length - written.length) + reading) + gap;
    });
  }
  return spoken;
}
