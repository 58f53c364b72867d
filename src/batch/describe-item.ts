// The words under an episode's title in podcast apps and on the page. Pure.
import type { Article } from '../types.js';

export const MAX_DESCRIPTION_CHARS = 400;

/** Cuts at a word boundary and marks the cut, so a description never ends mid-word. */
export function truncateWords(text: string, maxChars: number): string {
  const tidy = text.replace(/\s+/g, ' ').trim();
  if (tidy.length <= maxChars) return tidy;
  const cut = tidy.slice(0, maxChars);
  const boundary = cut.lastIndexOf(' ');
  return `${(boundary > maxChars * 0.6 ? cut.slice(0, boundary) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** The article's own summary when it has one, else its opening paragraph; then its chapters. */
export function describeArticle(article: Article): string {
  const firstParagraph = article.sections.find((section) => section.paragraphs.length > 0)?.paragraphs[0] ?? '';
  const summary = truncateWords(article.description?.trim() || firstParagraph, MAX_DESCRIPTION_CHARS);
  const credit = [article.byline?.trim(), article.siteName?.trim()].filter(Boolean).join(', ');
  const headings = article.sections.map((section) => section.heading.trim()).filter(Boolean);
  const parts = [summary];
  if (credit) parts.push(`(${credit})`);
  if (headings.length) parts.push(`Chapters: ${headings.join('; ')}.`);
  return parts.filter(Boolean).join(' ');
}
