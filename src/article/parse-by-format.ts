// Parses read content by its format, in whatever thread runs it (parse-article.ts runs it in a worker). Pure
// apart from loading the HTML and Markdown parsers lazily: a plain-text briefing never pays for them.
import { InputError } from '../errors.js';
import type { Article, InputFormat } from '../types.js';
import { parseText } from './parse-text.js';

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

export async function parseByFormat(content: string, format: InputFormat, source: string): Promise<Article> {
  try {
    switch (format) {
      case 'text':
        return parseText(content, source);
      case 'markdown':
        return (await import('./parse-markdown.js')).parseMarkdown(content, source);
      case 'html':
        return await (await import('./parse-html.js')).parseHtml(content, source);
    }
  } catch (error) {
    // The parsers (marked, jsdom, Readability) recurse into nested lists, quotes and elements; the HTML depth
    // is checked before parsing, and whatever else nests past the stack is refused here.
    if (isStackOverflow(error)) {
      throw new InputError(
        `${source} nests its ${format === 'html' ? 'elements' : 'lists or quotes'} too deeply to read. Save the article's text as a .txt file.`,
        { cause: error },
      );
    }
    throw error;
  }
}
