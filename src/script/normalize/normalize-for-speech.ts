// One sentence as written → what the speech engine should read: plain words, the sentence's final mark kept
// so that engines intonate it, quotes and brackets turned into pauses. English, newsroom style. Pure.
//
// The rules run in a fixed order, each on the output of the one before: the order is part of the meaning.
// Web addresses and lexicon entries are read first and protected from every later rule; money, times and
// abbreviations come before dates, dates before plain numbers, numbers before Roman numerals and acronyms.
import { BUILT_IN_LEXICON, applyLexicon, type Lexicon } from '../lexicon.js';
import { makeSpeakable } from '../speakable.js';
import { chunkSentence, splitSentences } from '../sentences.js';
import { hasNormalizer, spokenRulesFor } from '../language/languages.js';
import { readSpokenForms } from '../language/spoken-rules.js';
import { expandAbbreviations } from './abbreviations.js';
import { isShouted, readAcronyms } from './acronyms.js';
import { readDates } from './dates.js';
import { readMoney } from './money.js';
import { joinSpacedThousands, readNumbers } from './numbers.js';
import { Protector, type RuleContext } from './patterns.js';
import { readPhoneNumbers } from './phone-numbers.js';
import { findTerminator, readPunctuation, tidySentence } from './punctuation.js';
import { readRomanNumerals } from './roman.js';
import { readSymbols, readSymbolsBeforeAmounts } from './symbols.js';
import { readTimes } from './times.js';
import { readMeasures } from './units.js';
import { readWebAddresses } from './urls.js';

// A "sentence" longer than this (a list without full stops, a run of symbols) is read in pieces of at most this
// many characters, cut between words at a clause boundary where there is one: every rule then works on a bounded
// text, so that none can take time that grows faster than the length of the article.
const MAX_PIECE_CHARS = 1000;

/**
 * The spoken form of one sentence. `lexicon` is the whole lexicon in effect (default: the built-in one;
 * merge a user's lexicon over it with `mergeLexicons`). `language` is a BCP 47 tag: English text is read into
 * words; text in any other language is tidied (invisible characters, quotes and brackets as pauses, the user's
 * own lexicon entries) and only the forms its engine misreads are said in that language's words (abbreviations,
 * German day ordinals: `language/spoken-rules.ts`); it keeps its other digits for an engine that speaks that
 * language, and no English word is ever put into it. Returns '' when nothing in the sentence can be read.
 */
export function normalizeForSpeech(sentence: string, lexicon: Lexicon = BUILT_IN_LEXICON, language = 'en'): string {
  const cleaned = makeSpeakable(sentence);
  if (!cleaned) return '';
  const english = hasNormalizer(language);
  const read = english ? normalizePiece : (piece: string, entries: Lexicon, terminator: string) => tidyPiece(piece, entries, terminator, language);
  const entries = english ? lexicon : withoutBuiltInEntries(lexicon);
  if (cleaned.length <= MAX_PIECE_CHARS) return read(cleaned, entries, findTerminator(cleaned));
  const pieces = chunkSentence(cleaned, MAX_PIECE_CHARS);
  return pieces
    .map((piece, index) => read(piece, entries, index === pieces.length - 1 ? findTerminator(piece) : ''))
    .filter(Boolean)
    .join(' ');
}

/**
 * Text in a language without a normalizer: the user's lexicon, the forms the language's spoken rules say in its
 * own words, and the pauses of punctuation.
 */
function tidyPiece(cleaned: string, lexicon: Lexicon, terminator: string, language: string): string {
  const protector = new Protector();
  const rules = spokenRulesFor(language);
  const withLexicon = applyLexicon(cleaned, lexicon, protector);
  const text = readPunctuation(rules ? readSpokenForms(withLexicon, rules) : withLexicon);
  return tidySentence(protector.restore(text), terminator);
}

/**
 * The built-in entries respell names for English voices ("Putin" → "Poo-tin"): in another language they would
 * mislead its engine, so only the user's own entries apply there.
 */
function withoutBuiltInEntries(lexicon: Lexicon): Lexicon {
  if (lexicon === BUILT_IN_LEXICON) return EMPTY_LEXICON;
  // The same object for the same lexicon, so that the lexicon compiled for it is reused sentence after sentence.
  let userOnly = USER_ONLY.get(lexicon);
  if (!userOnly) {
    userOnly = userEntries(lexicon);
    USER_ONLY.set(lexicon, userOnly);
  }
  return userOnly;
}

const USER_ONLY = new WeakMap<Lexicon, Lexicon>();

function userEntries(lexicon: Lexicon): Lexicon {
  const builtIn = BUILT_IN_LEXICON.words;
  const words = Object.fromEntries(Object.entries(lexicon.words).filter(([written, spoken]) => builtIn[written] !== spoken));
  const rules = lexicon.rules.filter((rule) => !BUILT_IN_LEXICON.rules.includes(rule));
  const spell = lexicon.spell.filter((word) => !BUILT_IN_LEXICON.spell.includes(word));
  return { words, rules, spell };
}

const EMPTY_LEXICON: Lexicon = Object.freeze({ words: {}, rules: [], spell: [] });

function normalizePiece(cleaned: string, lexicon: Lexicon, terminator: string): string {
  const context: RuleContext = { protector: new Protector(), shouted: isShouted(cleaned) };
  let text = readWebAddresses(cleaned, context);
  text = applyLexicon(text, lexicon, context.protector);
  text = readSymbolsBeforeAmounts(text);
  text = readPhoneNumbers(text);
  text = joinSpacedThousands(text);
  text = readMoney(text);
  // Before abbreviations: the "a.m." in "10 a.m." belongs to the time.
  text = readTimes(text);
  text = expandAbbreviations(text);
  text = readDates(text);
  text = readMeasures(text);
  text = readNumbers(text);
  text = readRomanNumerals(text, context.shouted);
  text = readAcronyms(text, context);
  text = readSymbols(text);
  text = readPunctuation(text);
  text = context.protector.restore(text);
  return tidySentence(text, terminator);
}

/**
 * The spoken form of a text of any length (a line, a paragraph) in `language`: split into sentences, each
 * normalized, joined with single spaces. What `briefcast normalize` prints for each input line.
 */
export function normalizeText(text: string, lexicon: Lexicon = BUILT_IN_LEXICON, language = 'en'): string {
  return splitSentences(makeSpeakable(text), language)
    .map((sentence) => normalizeForSpeech(sentence, lexicon, language))
    .filter(Boolean)
    .join(' ');
}
