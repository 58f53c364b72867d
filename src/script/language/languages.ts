// The languages briefcast has reading rules for, by the primary subtag of a BCP 47 tag ("fr-CA" → "fr"). Every
// language listed has sentence-splitting rules; only English has a normalizer. Pure.
import { DUTCH_SENTENCE_RULES } from './dutch.js';
import { ENGLISH_SENTENCE_RULES } from './english.js';
import { FRENCH_SENTENCE_RULES } from './french.js';
import { GERMAN_SENTENCE_RULES } from './german.js';
import { ITALIAN_SENTENCE_RULES } from './italian.js';
import { PORTUGUESE_SENTENCE_RULES } from './portuguese.js';
import { compileSentenceRules, type CompiledSentenceRules, type SentenceRules } from './sentence-rules.js';
import { SPANISH_SENTENCE_RULES } from './spanish.js';

const SENTENCE_RULES: Readonly<Record<string, SentenceRules>> = {
  en: ENGLISH_SENTENCE_RULES,
  fr: FRENCH_SENTENCE_RULES,
  de: GERMAN_SENTENCE_RULES,
  es: SPANISH_SENTENCE_RULES,
  it: ITALIAN_SENTENCE_RULES,
  pt: PORTUGUESE_SENTENCE_RULES,
  nl: DUTCH_SENTENCE_RULES,
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
