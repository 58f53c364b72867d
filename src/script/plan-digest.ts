// Plans one programme from several articles (briefcast batch --digest): an opening rundown of the headlines,
// then a chapter per article (its title, credit, lead and every section read in full), then a closing.
// Pure: Articles in, Script out; the same sentence splitting and voices as planScript, so that the digest's
// sentences are the very clips the single briefings cached.
import type { Article, Chapter, Script, Segment } from '../types.js';
import { DEFAULT_PAUSES, LISTENING_WPM, MAX_CHAPTERS } from '../defaults.js';
import { countWords, fitChapterCount, lexiconInEffect, localizeNote, planLanguage, readAloud, takeWithinWords, type PlanOptions } from './plan-script.js';
import { hostWordsFor, type HostWords } from './catalogs/host-words.js';

export interface DigestOptions extends PlanOptions {
  /** The digest's title, read first and used as the first chapter's title. */
  title?: string;
  /**
   * The narrator and host for an article in `language`, when the digest mixes languages; default: `narrator`
   * and `host` for every article.
   */
  voicesFor?(language: string): { narrator: string; host: string };
}

export const DEFAULT_DIGEST_TITLE = hostWordsFor('en').catalog.digest.title;

/**
 * The language of the digest's own words (its title, rundown and closing): the one most of its articles are in,
 * the earliest of them on a tie. Each article's chapter is read in its own language.
 */
export function digestLanguage(articles: readonly Pick<Article, 'language'>[]): string {
  const counts = new Map<string, number>();
  for (const article of articles) {
    const language = planLanguage(article, {});
    counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  let best = 'en';
  let bestCount = 0;
  for (const [language, count] of counts) {
    if (count > bestCount) [best, bestCount] = [language, count];
  }
  return best;
}

function endSentence(text: string): string {
  const trimmed = text.trim().replace(/[;:,]+$/, '');
  return /[.!?]["')\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function titleOf(article: Article, words: HostWords): string {
  return article.title.trim() || words.catalog.untitledArticle;
}

// The rundown names at most this many headlines, in at most this many words; each article's chapter still opens
// with its own.
const RUNDOWN_MAX_HEADLINES = 5;
const RUNDOWN_MAX_WORDS = 60;

/**
 * "First, A. Then, B. And finally, C." (one headline: "The headline: A."); for a long digest "First, A. Then, B.
 * And seven more."
 */
export function describeRundown(titles: readonly string[], estimatedMs: number, words: HostWords = hostWordsFor('en')): string {
  const texts = words.catalog.digest;
  const count = titles.length;
  const sentences = [words.plural(texts.covers, count, { duration: words.duration(estimatedMs) })];
  const named = takeWithinWords(titles, RUNDOWN_MAX_HEADLINES, RUNDOWN_MAX_WORDS);
  const say = (template: string, title: string) => words.fill(template, { title: endSentence(title) });
  if (count === 1 && named.length === 1) sentences.push(say(texts.headline, titles[0]!));
  else if (named.length === count) {
    named.forEach((title, index) => sentences.push(say(index === 0 ? texts.first : index === count - 1 ? texts.finally : texts.then, title)));
  } else {
    named.forEach((title, index) => sentences.push(say(index === 0 ? texts.first : texts.then, title)));
    const rest = count - named.length;
    sentences.push(named.length === 0 ? '' : words.plural(texts.more, rest));
  }
  return sentences.filter(Boolean).join(' ');
}

function describeCredit(article: Article, words: HostWords): string | undefined {
  const texts = words.catalog.digest;
  const by = article.byline?.trim().replace(/^by\s+/i, '');
  const site = article.siteName?.trim();
  if (by && site && site !== by) return words.fill(texts.creditBySite, { by, site });
  if (by) return words.fill(texts.creditBy, { by });
  if (site) return words.fill(texts.creditSite, { site });
  return undefined;
}

export function planDigestScript(articles: readonly Article[], options: DigestOptions): Script {
  if (articles.length === 0) throw new RangeError('a digest needs at least one article');
  const pauses = options.pauses ?? DEFAULT_PAUSES;
  const { maxChars } = options;
  const language = options.language ?? digestLanguage(articles);
  const words = hostWordsFor(language);
  // The English default title stands for "no title given" (a batch passes it on): a digest in another language
  // gets that language's own.
  const givenTitle = options.title?.trim();
  const digestTitle = givenTitle && givenTitle !== DEFAULT_DIGEST_TITLE ? givenTitle : words.catalog.digest.title;
  const lexicon = lexiconInEffect(options);
  const voicesFor = options.voicesFor ?? (() => ({ narrator: options.narrator, host: options.host }));
  const say = (text: string, role: Segment['role'], voice: string, lastPauseMs: number, spokenIn = language) =>
    readAloud(text, role, voice, maxChars, pauses.sentenceMs, lastPauseMs, lexicon, spokenIn);

  const chapters: Chapter[] = articles.map((article) => {
    // Each article in its own language, with its language's voices and host words.
    const articleLanguage = planLanguage(article, {});
    const articleWords = hostWordsFor(articleLanguage);
    const { narrator, host } = voicesFor(articleLanguage);
    const read = (text: string, role: Segment['role'], voice: string, lastPauseMs: number) => say(text, role, voice, lastPauseMs, articleLanguage);
    const segments: Segment[] = [...read(titleOf(article, articleWords), 'heading', host, pauses.paragraphMs)];
    const credit = describeCredit(article, articleWords);
    if (credit) segments.push(...read(credit, 'intro', host, pauses.paragraphMs));
    for (const section of article.sections) {
      if (section.paragraphs.length === 0) continue;
      if (section.heading.trim()) segments.push(...read(section.heading, 'heading', host, pauses.paragraphMs));
      for (const paragraph of section.paragraphs) segments.push(...read(localizeNote(paragraph, articleWords), 'body', narrator, pauses.paragraphMs));
    }
    const last = segments[segments.length - 1];
    if (last) last.pauseAfterMs = pauses.sectionMs;
    return { title: titleOf(article, articleWords), segments };
  });

  const { host } = voicesFor(language);
  const count = countWords(articles.flatMap((article) => [article.title, ...article.sections.flatMap((s) => [s.heading, ...s.paragraphs])]));
  const estimatedMs = (count / (options.rateWpm ?? LISTENING_WPM)) * 60_000 + chapters.length * pauses.sectionMs;
  const rundown: Chapter = {
    title: digestTitle,
    segments: [
      ...say(digestTitle, 'title', host, pauses.paragraphMs),
      ...say(
        describeRundown(
          articles.map((article) => titleOf(article, words)),
          estimatedMs,
          words,
        ),
        'intro',
        host,
        pauses.sectionMs,
      ),
    ],
  };

  const all = [rundown, ...fitChapterCount(chapters, MAX_CHAPTERS - 1)];
  const lastChapter = all[all.length - 1]!;
  const lastSegment = lastChapter.segments[lastChapter.segments.length - 1];
  if (lastSegment) lastSegment.pauseAfterMs = pauses.paragraphMs;
  lastChapter.segments.push(...say(words.plural(words.catalog.digest.closing, articles.length), 'outro', host, pauses.paragraphMs));
  return { title: digestTitle, language, chapters: all };
}
