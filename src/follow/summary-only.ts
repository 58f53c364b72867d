// Many feeds carry only a teaser; briefing the teaser would make a thirty-second episode of a long article.
// Such an entry is briefed from the page it links to instead.
import type { FeedEntry } from './parse-feed.js';
import { htmlToText } from './parse-feed.js';

/** Fewer words than this is a teaser, not an article. */
export const MIN_FULL_TEXT_WORDS = 150;

// How feeds mark a cut: "[…]", "[...]", "Continue reading", "Read more", "Read the full story".
const TRUNCATION = /\[(?:…|\.\.\.|&hellip;)\]|\b(?:continue reading|read more|read the (?:full|rest|whole)\b)/i;

/** Words in an entry's text (HTML dropped). */
export function countWords(html: string): number {
  const text = htmlToText(html);
  return text === '' ? 0 : text.split(' ').length;
}

/**
 * True when the entry's own text is only a summary and it links to a page to read instead: no content beyond a
 * short summary, or a summary cut off with a "read more". An entry with no link is briefed from what it has.
 */
export function isSummaryOnly(entry: FeedEntry, minWords = MIN_FULL_TEXT_WORDS): boolean {
  if (entry.link === undefined) return false;
  const body = entry.contentHtml ?? entry.summary ?? '';
  if (countWords(body) < minWords) return true;
  return entry.contentHtml === undefined && TRUNCATION.test(body);
}
