// Plans one programme from several articles (briefcast batch --digest): an opening rundown of the headlines,
// then a chapter per article (its title, credit, lead and every section read in full), then a closing.
// Pure: Articles in, Script out; the same sentence splitting and voices as planScript, so that the digest's
// sentences are the very clips the single briefings cached.
import type { Article, Chapter, Script, Segment } from '../types.js';
import { DEFAULT_PAUSES, LISTENING_WPM, MAX_CHAPTERS } from '../defaults.js';
import { fitChapterCount, lexiconInEffect, readAloud, type PlanOptions } from './plan-script.js';
import { describeDuration, numberToWords, pickRundownItems } from './spoken-words.js';

export interface DigestOptions extends PlanOptions {
  /** The digest's title, read first and used as the first chapter's title. */
  title?: string;
}

export const DEFAULT_DIGEST_TITLE = 'Your briefing digest';

function endSentence(text: string): string {
  const trimmed = text.trim().replace(/[;:,]+$/, '');
  return /[.!?]["')\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function countWords(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
}

function titleOf(article: Article): string {
  return article.title.trim() || 'Untitled article';
}

// The rundown names at most this many headlines, in at most this many words; each article's chapter still opens
// with its own.
const RUNDOWN_MAX_HEADLINES = 5;
const RUNDOWN_MAX_WORDS = 60;

/**
 * "First, A. Then, B. And finally, C." (one headline: "The headline: A."); for a long digest "First, A. Then, B.
 * And seven more."
 */
export function describeRundown(titles: readonly string[], estimatedMs: number): string {
  const count = titles.length;
  const sentences = [`This digest covers ${numberToWords(count)} article${count === 1 ? '' : 's'} and runs ${describeDuration(estimatedMs)}.`];
  const named = pickRundownItems(titles, RUNDOWN_MAX_HEADLINES, RUNDOWN_MAX_WORDS);
  if (count === 1 && named.length === 1) sentences.push(`The headline: ${endSentence(titles[0]!)}`);
  else if (named.length === count) {
    named.forEach((title, index) => sentences.push(`${index === 0 ? 'First' : index === count - 1 ? 'And finally' : 'Then'}, ${endSentence(title)}`));
  } else {
    named.forEach((title, index) => sentences.push(`${index === 0 ? 'First' : 'Then'}, ${endSentence(title)}`));
    const rest = count - named.length;
    sentences.push(named.length === 0 ? '' : `And ${numberToWords(rest)} more.`);
  }
  return sentences.filter(Boolean).join(' ');
}

function describeCredit(article: Article): string | undefined {
  const by = article.byline?.trim().replace(/^by\s+/i, '');
  const site = article.siteName?.trim();
  if (by && site && site !== by) return `By ${by}, for ${site}.`;
  if (by) return `By ${by}.`;
  if (site) return `From ${site}.`;
  return undefined;
}

export function planDigestScript(articles: readonly Article[], options: DigestOptions): Script {
  if (articles.length === 0) throw new RangeError('a digest needs at least one article');
  const pauses = options.pauses ?? DEFAULT_PAUSES;
  const { narratorVoice: narrator, hostVoice: host, maxChars } = options;
  const digestTitle = options.title?.trim() || DEFAULT_DIGEST_TITLE;
  const lexicon = lexiconInEffect(options);
  const say = (text: string, role: Segment['role'], voice: string, lastPauseMs: number) =>
    readAloud(text, role, voice, maxChars, pauses.sentenceMs, lastPauseMs, lexicon);

  const chapters: Chapter[] = articles.map((article) => {
    const segments: Segment[] = [...say(titleOf(article), 'heading', host, pauses.paragraphMs)];
    const credit = describeCredit(article);
    if (credit) segments.push(...say(credit, 'intro', host, pauses.paragraphMs));
    for (const section of article.sections) {
      if (section.paragraphs.length === 0) continue;
      if (section.heading.trim()) segments.push(...say(section.heading, 'heading', host, pauses.paragraphMs));
      for (const paragraph of section.paragraphs) segments.push(...say(paragraph, 'body', narrator, pauses.paragraphMs));
    }
    const last = segments[segments.length - 1];
    if (last) last.pauseAfterMs = pauses.sectionMs;
    return { title: titleOf(article), segments };
  });

  const words = countWords(articles.flatMap((article) => [article.title, ...article.sections.flatMap((s) => [s.heading, ...s.paragraphs])]));
  const estimatedMs = (words / (options.wordsPerMinute ?? LISTENING_WPM)) * 60_000 + chapters.length * pauses.sectionMs;
  const rundown: Chapter = {
    title: digestTitle,
    segments: [
      ...say(digestTitle, 'title', host, pauses.paragraphMs),
      ...say(describeRundown(articles.map(titleOf), estimatedMs), 'intro', host, pauses.sectionMs),
    ],
  };

  const all = [rundown, ...fitChapterCount(chapters, MAX_CHAPTERS - 1)];
  const lastChapter = all[all.length - 1]!;
  const lastSegment = lastChapter.segments[lastChapter.segments.length - 1];
  if (lastSegment) lastSegment.pauseAfterMs = pauses.paragraphMs;
  const closing = `That was your digest of ${numberToWords(articles.length)} article${articles.length === 1 ? '' : 's'}. Thanks for listening.`;
  lastChapter.segments.push(...say(closing, 'outro', host, pauses.paragraphMs));
  return { title: digestTitle, chapters: all };
}
