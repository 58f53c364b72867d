// Plans the spoken programme: opening with rundown, an announced chapter per section, every paragraph read
// once, a closing. Pure: Article in, Script out.
import { CODE_NOTE, SKIPPED_NOTES, TABLE_NOTE } from '../article/collect-sections.js';
import { InputError } from '../errors.js';
import type { Article, Chapter, Role, Script, Segment } from '../types.js';
import { isUrl } from '../is-url.js';
import { makeSpeakable } from './speakable.js';
import { chunkSentence, splitSentences } from './sentences.js';
import { hostWordsFor, type HostWords } from './catalogs/host-words.js';
import { BUILT_IN_LEXICON, mergeLexicons, type Lexicon } from './lexicon.js';
import { normalizeForSpeech } from './normalize/normalize-for-speech.js';

import { DEFAULT_PAUSES, LISTENING_WPM, MAX_CHAPTERS, type Pauses } from '../defaults.js';

export { DEFAULT_PAUSES, MAX_CHAPTERS, type Pauses };

export interface PlanOptions {
  /** The voice that reads the article's text. */
  narrator: string;
  /** The voice of the opening, the section headings and the closing. */
  host: string;
  /** Longest text one segment may hold, from the engine. */
  maxChars: number;
  pauses?: Pauses;
  /** Speaking rate (--rate), used here only to estimate the programme's length for the opening. */
  rateWpm?: number;
  /** The user's pronunciation lexicon, merged over the built-in one (its entries win). */
  lexicon?: Lexicon;
  /** The language the programme is read in (primary subtag); default: the article's, else English. */
  language?: string;
}

/** The language a plan reads an article in: the one asked for, else the article's own, else English. */
export function planLanguage(article: Pick<Article, 'language'>, options: Pick<PlanOptions, 'language'>): string {
  return options.language ?? article.language ?? 'en';
}

// A cut inside an over-long sentence is a breath, not a full stop.
const CLAUSE_PAUSE_MS = 120;

interface Voices {
  narrator: string;
  host: string;
}

export function planScript(article: Article, options: PlanOptions): Script {
  const pauses = options.pauses ?? DEFAULT_PAUSES;
  const voices: Voices = { narrator: options.narrator, host: options.host };
  const lexicon = lexiconInEffect(options);
  const language = planLanguage(article, options);
  const words = hostWordsFor(language);
  checkSomethingToSay(article, lexicon, language);
  const speakableTitle = makeSpeakable(article.title) || words.catalog.untitledArticle;
  const lead = article.sections.find((section) => section.heading === '');
  // A section whose paragraphs have nothing to say ("* * *") would be an empty chapter.
  const sections = article.sections.filter((section) => section.heading !== '' && section.paragraphs.some(hasSomethingToSay));

  const readParagraphs = (paragraphs: readonly string[], lastPauseMs: number): Segment[] =>
    paragraphs.flatMap((paragraph, index) =>
      readAloud(
        localizeNote(paragraph, words),
        'body',
        voices.narrator,
        options.maxChars,
        pauses.sentenceMs,
        index === paragraphs.length - 1 ? lastPauseMs : pauses.paragraphMs,
        lexicon,
        language,
      ),
    );

  const opening: Chapter = { title: article.title.trim() || speakableTitle, segments: [] };
  opening.segments.push(...readAloud(speakableTitle, 'title', voices.host, options.maxChars, pauses.sentenceMs, pauses.paragraphMs, lexicon, language));
  const leadParagraphs = lead?.paragraphs.length ? lead.paragraphs : article.description ? [article.description] : [];

  const chapters: Chapter[] = sections.map((section) => ({
    title: section.heading.trim(),
    segments: [
      ...readAloud(section.heading, 'heading', voices.host, options.maxChars, pauses.sentenceMs, pauses.paragraphMs, lexicon, language),
      ...readParagraphs(section.paragraphs, pauses.sectionMs),
    ],
  }));

  // The length is announced before it is known: estimate it from the words still to come.
  const wordsToRead = countWords([...leadParagraphs, ...sections.flatMap((s) => [s.heading, ...s.paragraphs])]);
  const estimatedMs = (wordsToRead / (options.rateWpm ?? LISTENING_WPM)) * 60_000 + chapters.length * pauses.sectionMs;
  const introText = describeOpening(
    article,
    sections.map((s) => s.heading),
    estimatedMs,
    words,
  );
  opening.segments.push(
    ...readAloud(
      introText,
      'intro',
      voices.host,
      options.maxChars,
      pauses.sentenceMs,
      leadParagraphs.length ? pauses.paragraphMs : pauses.sectionMs,
      lexicon,
      language,
    ),
  );
  opening.segments.push(...readParagraphs(leadParagraphs, pauses.sectionMs));

  const all = [opening, ...fitChapterCount(chapters, MAX_CHAPTERS - 1)];
  const last = all[all.length - 1]!;
  const lastSegment = last.segments[last.segments.length - 1];
  if (lastSegment) lastSegment.pauseAfterMs = pauses.paragraphMs;
  last.segments.push(
    ...readAloud(describeClosing(article, words), 'outro', voices.host, options.maxChars, pauses.sentenceMs, pauses.paragraphMs, lexicon, language),
  );
  return { title: opening.title, language, chapters: all };
}

/**
 * An article whose own text has no word to say (emoji, symbols, rules of dashes) would make a briefing of nothing
 * but its title and credits: it is refused instead. The notes that stand for skipped code and tables are not its
 * text.
 */
function checkSomethingToSay(article: Article, lexicon: Lexicon, language: string): void {
  const speaks = (paragraph: string) =>
    !(SKIPPED_NOTES as readonly string[]).includes(paragraph) && readAloud(paragraph, 'body', '', Number.MAX_SAFE_INTEGER, 0, 0, lexicon, language).length > 0;
  if (article.sections.some((section) => section.paragraphs.some(speaks))) return;
  const name = article.source === '-' ? 'stdin' : article.source;
  throw new InputError(`Nothing to read in ${name}: its text has no words to speak, only symbols, emoji or punctuation. Give an article with some text.`);
}

/**
 * At most `max` chapters: beyond that, consecutive sections share a chapter, titled with the first of them.
 * Nothing is dropped; every heading is still announced where its section starts.
 */
export function fitChapterCount(chapters: readonly Chapter[], max: number): Chapter[] {
  if (chapters.length <= max) return [...chapters];
  const perChapter = Math.ceil(chapters.length / max);
  const merged: Chapter[] = [];
  for (let i = 0; i < chapters.length; i += perChapter) {
    const group = chapters.slice(i, i + perChapter);
    merged.push({ title: group[0]!.title, segments: group.flatMap((chapter) => chapter.segments) });
  }
  return merged;
}

/** The lexicon a plan reads with: the user's entries (PlanOptions.lexicon) over the built-in ones. */
export function lexiconInEffect(options: Pick<PlanOptions, 'lexicon'>): Lexicon {
  return mergeLexicons(BUILT_IN_LEXICON, options.lexicon);
}

/**
 * One segment per sentence (or per piece of an over-long sentence), with the pauses between them. Sentences
 * are found in the written text, whose abbreviations tell where they end, then turned into the words the
 * engine reads (`lexicon` is the whole lexicon in effect, see lexiconInEffect); the length limit applies to
 * those words.
 */
export function readAloud(
  text: string,
  role: Role,
  voice: string,
  maxChars: number,
  sentenceMs: number,
  lastPauseMs: number,
  lexicon: Lexicon = BUILT_IN_LEXICON,
  language = 'en',
): Segment[] {
  const segments: Segment[] = [];
  for (const sentence of splitSentences(makeSpeakable(text), language)) {
    // A piece with no letter or digit ("* * *", "...", "###") has nothing to say, and an engine given it fails.
    const pieces = chunkSentence(normalizeForSpeech(sentence, lexicon, language), maxChars).filter(hasSomethingToSay);
    pieces.forEach((piece, index) => segments.push({ role, voice, text: piece, pauseAfterMs: index === pieces.length - 1 ? sentenceMs : CLAUSE_PAUSE_MS }));
  }
  const last = segments[segments.length - 1];
  if (last) last.pauseAfterMs = lastPauseMs;
  return segments;
}

/** A skipped-content note (the article stage writes it in English) in the host's language. */
export function localizeNote(paragraph: string, words: HostWords): string {
  if (paragraph === CODE_NOTE) return words.catalog.notes.code;
  if (paragraph === TABLE_NOTE) return words.catalog.notes.table;
  return paragraph;
}

/** A letter or a digit: text without one ("* * *", "...", "###") has nothing an engine can say. */
function hasSomethingToSay(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

function describeOpening(article: Article, headings: readonly string[], estimatedMs: number, words: HostWords): string {
  const { credit: texts } = words.catalog;
  const sentences: string[] = [];
  const by = article.byline?.trim().replace(/^by\s+/i, '');
  const site = article.siteName?.trim();
  const date = article.date ? words.date(article.date) : undefined;
  const credit = by
    ? site && site !== by
      ? words.fill(texts.bySite, { by, site })
      : words.fill(texts.by, { by })
    : site
      ? words.fill(texts.site, { site })
      : '';
  if (credit && date) sentences.push(words.fill(texts.withDate, { credit, date }));
  else if (credit) sentences.push(words.fill(texts.alone, { credit }));
  else if (date) sentences.push(words.fill(texts.dateOnly, { date }));
  sentences.push(words.fill(words.catalog.runs, { duration: words.duration(estimatedMs) }));
  sentences.push(...describeSections(headings, words));
  return sentences.join(' ');
}

// The rundown names at most this many sections, in at most this many words; every heading is still announced
// where its section starts.
const RUNDOWN_MAX_SECTIONS = 5;
const RUNDOWN_MAX_WORDS = 40;

/** "It covers A; B; and C.", or for a long article "It covers twelve sections, starting with A; B; and C." */
function describeSections(headings: readonly string[], words: HostWords): string[] {
  if (headings.length === 0) return [];
  const texts = words.catalog.sections;
  const spoken = headings.map((heading) => heading.trim().replace(/[.;:,]+$/, ''));
  const named = takeWithinWords(spoken, RUNDOWN_MAX_SECTIONS, RUNDOWN_MAX_WORDS);
  if (named.length === spoken.length) {
    return [headings.length === 1 ? words.fill(texts.one, { heading: endSentence(headings[0]!) }) : words.fill(texts.all, { list: words.list(named) })];
  }
  const count = words.plural(texts.count, spoken.length);
  return [named.length === 0 ? words.fill(texts.countOnly, { count }) : words.fill(texts.countStartingWith, { count, list: words.list(named) })];
}

function describeClosing(article: Article, words: HostWords): string {
  const texts = words.catalog.closing;
  const source = article.siteName?.trim() || (isUrl(article.source) ? new URL(article.source).hostname : '');
  const thatWas = words.fill(texts.thatWas, { title: endSentence(article.title.trim() || words.catalog.theArticle) });
  return [thatWas, source ? words.fill(texts.from, { source }) : '', texts.thanks].filter(Boolean).join(' ');
}

function endSentence(text: string): string {
  return /[.!?]["')\]]*$/.test(text) ? text : `${text}.`;
}

export function countWords(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
}

/** The first titles a rundown names: at most `maxItems`, together at most `maxWords` words, so it stays short. */
export function takeWithinWords(titles: readonly string[], maxItems: number, maxWords: number): string[] {
  const named: string[] = [];
  let words = 0;
  for (const title of titles.slice(0, maxItems)) {
    words += countWords([title]);
    if (words > maxWords) break;
    named.push(title);
  }
  return named;
}
