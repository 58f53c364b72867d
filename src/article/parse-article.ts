// The article stage's entry point: content already read (see src/read/) in, one Article out. Pure apart
// from loading the HTML and Markdown parsers lazily: a plain-text briefing never pays for them.
import { InputError } from '../errors.js';
import type { Article, InputFormat } from '../types.js';
import { parseText } from './parse-text.js';

export { CODE_NOTE, TABLE_NOTE, SKIPPED_NOTES } from './collect-sections.js';

export async function parseArticle(content: string, format: InputFormat, source: string): Promise<Article> {
  if (content.replace(/^\uFEFF/, '').trim() === '') {
    throw new InputError(`Nothing to read in ${source}: it is empty. Give an article with some text.`);
  }
  switch (format) {
    case 'text':
      return parseText(content, source);
    case 'markdown':
      return (await import('./parse-markdown.js')).parseMarkdown(content, source);
    case 'html':
      return (await import('./parse-html.js')).parseHtml(content, source);
  }
}
