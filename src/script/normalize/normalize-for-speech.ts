// One sentence as written → what the speech engine should read: plain words, the sentence's final mark kept
// so that engines intonate it, quotes and brackets turned into pauses. English, newsroom style. Pure.
//
// The rules run in a fixed order, each on the output of the one before: the order is part of the meaning.
// Web addresses and lexicon entries are read first and protected from every later rule; money, times and
// abbreviations come before dates, dates before plain numbers, numbers before Roman numerals and acronyms.
import { BUILT_IN_LEXICON, applyLexicon, type Lexicon } from '../lexicon.js';
import { makeSpeakable } from '../speakable.js';
import { chunkSentence, splitSentences } from '../sentences.js';
import { expandAbbreviations } from './abbreviations.js';
import { isShouted, readAcronyms } from './acronyms.js';
import { readDates } from './dates.js';
import { readMoney } from './money.js';
import { readNumbers } from './numbers.js';
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
 * merge a user's lexicon over it with `mergeLexicons`). Returns '' when nothing in the sentence can be read.
 */
export function normalizeForSpeech(sentence: string, lexicon: Lexicon = BUILT_IN_LEXICON): string {
  const cleaned = makeSpeakable(sentence);
  if (!cleaned) return '';
  if (cleaned.length <= MAX_PIECE_CHARS) return normalizePiece(cleaned, lexicon, findTerminator(cleaned));
  const pieces = chunkSentence(cleaned, MAX_PIECE_CHARS);
  return pieces
    .map((piece, index) => normalizePiece(piece, lexicon, index === pieces.length - 1 ? findTerminator(piece) : ''))
    .filter(Boolean)
    .join(' ');
}

function normalizePiece(cleaned: string, lexicon: Lexicon, terminator: string): string {
  const context: RuleContext = { protector: new Protector(), shouted: isShouted(cleaned) };
  let text = readWebAddresses(cleaned, context);
  text = applyLexicon(text, lexicon, context.protector);
  text = readSymbolsBeforeAmounts(text);
  text = readPhoneNumbers(text);
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
 * The spoken form of a text of any length (a line, a paragraph): split into sentences, each normalized, joined
 * with single spaces. What `briefcast normalize` prints for each input line.
 */
export function normalizeText(text: string, lexicon: Lexicon = BUILT_IN_LEXICON): string {
  return splitSentences(makeSpeakable(text))
    .map((sentence) => normalizeForSpeech(sentence, lexicon))
    .filter(Boolean)
    .join(' ');
}
