// A followed feed's entry that carries its full text, as an article page of its own: the entry's title is the
// article's title, and its date and link are where the HTML parser looks for them (Readability reads the
// published time from the meta tag). Used by `batch <feed-url>` and `serve --follow`.
import { escapeHtml } from '../publish/escape.js';

export function entryPage(title: string, html: string, about: { link?: string; published?: string } = {}): string {
  const heading = escapeHtml(title);
  const meta = [
    about.published ? `<meta property="article:published_time" content="${escapeHtml(about.published)}">` : '',
    about.link ? `<link rel="canonical" href="${escapeHtml(about.link)}">` : '',
  ].join('');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${heading}</title>${meta}</head>\n<body><article><h1>${heading}</h1>\n${html}\n</article></body></html>\n`;
}
