// The reading rules of a language, in one record: where its sentences end and how its text is read: into words
// for English, for the others only where their engine misreads it (spoken-rules.ts). Callers that know an
// article's language (a BCP 47 tag) ask here. Pure.
import type { Lexicon } from '../lexicon.js';
import { normalizeForSpeech, normalizeText } from '../normalize/normalize-for-speech.js';
import { splitSentences } from '../sentences.js';
import { LANGUAGES_WITH_SENTENCE_RULES, hasNormalizer, primaryLanguage, sentenceRulesFor } from './languages.js';
import type { CompiledSentenceRules } from './sentence-rules.js';

export interface LanguageRules {
  /** The language's primary subtag, in small letters: "en", "fr". */
  code: string;
  /** Whether the language has rules of its own for sentences (en, fr, de, es, it, pt, nl); others split on punctuation. */
  knownSentences: boolean;
  /** The abbreviations and sentence openers its splitter uses. */
  sentences: CompiledSentenceRules;
  splitSentences(paragraph: string): string[];
  /**
   * What the engine reads for one sentence. For English: numbers, dates, money, units and abbreviations in words.
   * For fr, de, es, it, pt, nl: the sentence tidied, with the abbreviations and dates espeak-ng misreads said in
   * that language's words; any other language tidied only. No English word is added to another language.
   */
  normalize(sentence: string, lexicon?: Lexicon): string;
  /** normalize for a whole paragraph: split, then each sentence read. */
  normalizeText(text: string, lexicon?: Lexicon): string;
  /** True only where `normalize` reads text into words (English). */
  hasNormalizer: boolean;
}

/** The rules for a BCP 47 tag ("fr", "de-AT", "en-GB"); an empty tag is English. */
export function languageRules(tag: string): LanguageRules {
  const code = primaryLanguage(tag);
  return {
    code,
    knownSentences: LANGUAGES_WITH_SENTENCE_RULES.includes(code),
    sentences: sentenceRulesFor(code),
    splitSentences: (paragraph) => splitSentences(paragraph, code),
    normalize: (sentence, lexicon) => normalizeForSpeech(sentence, lexicon, code),
    normalizeText: (text, lexicon) => normalizeText(text, lexicon, code),
    hasNormalizer: hasNormalizer(code),
  };
}
