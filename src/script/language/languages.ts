// The languages briefcast has reading rules for, by the primary subtag of a BCP 47 tag ("fr-CA" → "fr"). Every
// language listed has sentence-splitting rules; English has a normalizer, the others spoken rules (their
// abbreviations and the dates their engine misreads, in their own words). Pure.
import { DUTCH_SENTENCE_RULES, DUTCH_SPOKEN_RULES } from './dutch.js';
import { ENGLISH_SENTENCE_RULES } from './english.js';
import { FRENCH_SENTENCE_RULES, FRENCH_SPOKEN_RULES } from './french.js';
import { readGermanDates } from './german-dates.js';
import { GERMAN_ABBREVIATIONS, GERMAN_SENTENCE_RULES } from './german.js';
import { ITALIAN_SENTENCE_RULES, ITALIAN_SPOKEN_RULES } from './italian.js';
import { PORTUGUESE_SENTENCE_RULES, PORTUGUESE_SPOKEN_RULES } from './portuguese.js';
import { compileSentenceRules, type CompiledSentenceRules, type SentenceRules } from './sentence-rules.js';
import { SPANISH_SENTENCE_RULES, SPANISH_SPOKEN_RULES } from './spanish.js';
import type { SpokenRules } from './spoken-rules.js';

const SENTENCE_RULES: Readonly<Record<string, SentenceRules>> = {
  en: ENGLISH_SENTENCE_RULES,
  fr: FRENCH_SENTENCE_RULES,
  de: GERMAN_SENTENCE_RULES,
  es: SPANISH_SENTENCE_RULES,
  it: ITALIAN_SENTENCE_RULES,
  pt: PORTUGUESE_SENTENCE_RULES,
  nl: DUTCH_SENTENCE_RULES,
};

// German's dates are read by german-dates.ts, which reads its words from german.ts: joined here, not in german.ts.
const SPOKEN_RULES: Readonly<Record<string, SpokenRules>> = {
  fr: FRENCH_SPOKEN_RULES,
  de: { abbreviations: GERMAN_ABBREVIATIONS, readDates: readGermanDates },
  es: SPANISH_SPOKEN_RULES,
  it: ITALIAN_SPOKEN_RULES,
  pt: PORTUGUESE_SPOKEN_RULES,
  nl: DUTCH_SPOKEN_RULES,
};

/** Languages with their own sentence-splitting rules; any other language is split on its punctuation alone. */
export const LANGUAGES_WITH_SENTENCE_RULES: readonly string[] = Object.keys(SENTENCE_RULES);

/** "fr-CA" → "fr", "EN_us" → "en", "" → "en": the language a tag names, in small letters. */
export function primaryLanguage(tag: string): string {
  return tag.trim().split(/[-_]/)[0]!.toLowerCase() || 'en';
}

// A language without rules of its own: no abbreviation is known, so only its punctuation ends sentences.
const PUNCTUATION_ONLY: SentenceRules = {
  abbreviations: { titles: [], neverFinal: [], beforeNumber: [], maybeFinal: [], capitalizedMaybeFinal: [] },
  openers: [],
  ordinalDot: false,
};

const compiled = new Map<string, CompiledSentenceRules>();

/** The splitter's lookups for a language, built on first use. */
export function sentenceRulesFor(tag: string): CompiledSentenceRules {
  const language = primaryLanguage(tag);
  const key = language in SENTENCE_RULES ? language : '';
  let rules = compiled.get(key);
  if (!rules) {
    rules = compileSentenceRules(SENTENCE_RULES[key] ?? PUNCTUATION_ONLY);
    compiled.set(key, rules);
  }
  return rules;
}

/** Whether briefcast rewrites text of this language into words (English only); other languages keep their digits. */
export function hasNormalizer(tag: string): boolean {
  return primaryLanguage(tag) === 'en';
}

/** The spoken rules of a language other than English (abbreviations and dates in its words); undefined when it has none. */
export function spokenRulesFor(tag: string): SpokenRules | undefined {
  return SPOKEN_RULES[primaryLanguage(tag)];
}
