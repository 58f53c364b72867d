// Markdown is read from marked's lexer tokens, not from rendered HTML: we want what a listener hears
// (link text, list items as sentences, a note where code was), not what a browser shows.
// marked decodes numeric character references in a text token's text (&#146; to an invisible C1 control) and
// leaves named ones; its raw text is decoded here instead, all of it by the HTML standard (the full named
// table, and &#146; as the ’ that Windows-1252 put there, as browsers read it).
import { createRequire } from 'node:module';
import { decodeHTML } from 'entities';
import { Lexer, type MarkedToken, type Token, type Tokens } from 'marked';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';
import type { Article } from '../types.js';
import { CODE_NOTE, TABLE_NOTE, createSectionCollector, pickSectionLevels, type SectionCollector } from './collect-sections.js';
import { stripTemplateTags } from './markdown-templates.js';
import { collectHtmlBlock } from './parse-html.js';
import { cleanByline, collapseWhitespace, deriveTitle, ensureSentenceEnd, joinNames, normalizeDate, toComparisonKey } from './text-tools.js';

interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
}

const YAML_FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const TOML_FRONT_MATTER = /^\+\+\+[ \t]*\n(?:([\s\S]*?)\n)?\+\+\+[ \t]*(?:\n|$)/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Splits YAML (`---`) or TOML (`+++`) front matter from the body. A block that does not parse to a table
 * of keys is not front matter (a document may open with a `---` rule) and stays in the body.
 */
export function splitFrontMatter(content: string): FrontMatter {
  for (const [pattern, parse] of [
    [YAML_FRONT_MATTER, (text: string): unknown => parseYaml(text)],
    [TOML_FRONT_MATTER, (text: string): unknown => parseToml(text)],
  ] as const) {
    const match = pattern.exec(content);
    if (!match) continue;
    let data: unknown;
    try {
      data = match[1] === undefined ? {} : parse(match[1]);
    } catch {
      // Broken front matter: its keys cannot be trusted, but it is still not prose to read aloud.
      return { data: {}, body: content.slice(match[0].length) };
    }
    if (isRecord(data) || data === null) return { data: data ?? {}, body: content.slice(match[0].length) };
  }
  return { data: {}, body: content };
}

function readString(value: unknown): string | undefined {
  if (typeof value === 'string') return collapseWhitespace(value) || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function readPerson(value: unknown): string | undefined {
  if (isRecord(value)) return readString(value.name);
  return readString(value);
}

/** author: "A" | ["A", "B"] | { name: "A" }; authors: the same, as a list. */
function readAuthors(data: Record<string, unknown>): string | undefined {
  const raw = data.authors ?? data.author;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const names = list.map(readPerson).filter((name): name is string => name !== undefined);
  const joined = joinNames(names);
  return joined === '' ? undefined : cleanByline(joined);
}

// marked leaves inline footnote references ("[^1]") as plain text; they are not meant to be read.
const FOOTNOTE_REFERENCE = /\[\^[^\]\s]+\]/g;
const FOOTNOTE_DEFINITION = /^\s*\[\^[^\]\s]+\]:/;

/** The words of inline tokens: link text, emphasis stripped, inline code as written; images and tags dropped. */
function readInline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  let text = '';
  for (const raw of tokens) {
    const token = raw as MarkedToken;
    switch (token.type) {
      case 'text':
        text += token.tokens ? readInline(token.tokens) : decodeHTML(token.raw);
        break;
      case 'escape':
        text += token.text;
        break;
      case 'codespan':
        text += token.text;
        break;
      case 'strong':
      case 'em':
      case 'del':
      case 'link':
        text += readInline(token.tokens);
        break;
      case 'br':
        text += ' ';
        break;
      case 'html':
        // Inline tags are dropped and the words between them kept; a <br> still separates words.
        if (/^<br\b/i.test(token.text)) text += ' ';
        break;
      case 'image':
      case 'checkbox':
        break;
      default: {
        const generic = raw as Tokens.Generic;
        if (Array.isArray(generic.tokens)) text += readInline(generic.tokens as Token[]);
        else if (typeof generic.text === 'string') text += decodeHTML(generic.text);
      }
    }
  }
  return text;
}

function readInlineText(tokens: readonly Token[] | undefined): string {
  return collapseWhitespace(readInline(tokens).replace(FOOTNOTE_REFERENCE, ''));
}

interface WalkContext {
  collector: SectionCollector;
  sectionLevels: ReadonlySet<number>;
  /** Headings inside lists and block quotes never start a section. */
  nested: boolean;
}

function walkBlocks(tokens: readonly Token[], context: WalkContext): void {
  const { collector } = context;
  for (const raw of tokens) {
    const token = raw as MarkedToken;
    switch (token.type) {
      case 'heading': {
        const text = readInlineText(token.tokens);
        if (!context.nested && context.sectionLevels.has(token.depth)) collector.startSection(text, token.depth);
        else collector.addMinorHeading(text);
        break;
      }
      case 'paragraph':
      case 'text':
        if (!FOOTNOTE_DEFINITION.test(token.text)) collector.addParagraph(readInlineText(token.tokens));
        break;
      case 'list':
        walkList(token, context);
        break;
      case 'blockquote':
        walkBlocks(token.tokens, { ...context, nested: true });
        break;
      case 'code':
        collector.addNote(CODE_NOTE);
        break;
      case 'table':
        collector.addNote(TABLE_NOTE);
        break;
      // Raw HTML blocks are read for the prose they hold, as an HTML page's would be; badges, embeds, comments and
      // bare layout tags have none. Rules, link definitions and blank space are not read.
      case 'html':
        if (hasWords(token.text)) collectHtmlBlock(htmlFragment(token.text), collector);
        break;
      case 'hr':
      case 'def':
      case 'space':
        break;
      default: {
        const generic = raw as Tokens.Generic;
        if (Array.isArray(generic.tokens)) walkBlocks(generic.tokens as Token[], { ...context, nested: true });
      }
    }
  }
}

// jsdom is CommonJS: required on first use, so a post without HTML blocks never loads it.
const require = createRequire(import.meta.url);

/** Text outside tags and comments: the only HTML blocks worth parsing. */
function hasWords(html: string): boolean {
  return /[\p{L}\p{N}]/u.test(html.replace(/<!--[\s\S]*?(?:-->|$)|<[^>]*>?/g, ' '));
}

function htmlFragment(html: string): DocumentFragment {
  const { JSDOM } = require('jsdom') as typeof import('jsdom');
  return JSDOM.fragment(html);
}

/** Each list item is one paragraph read as a sentence; a nested list follows its parent item. */
function walkList(list: Tokens.List, context: WalkContext): void {
  const nested = { ...context, nested: true };
  for (const item of list.items) {
    let parts: string[] = [];
    const flush = (): void => {
      const text = collapseWhitespace(parts.join(' '));
      if (text !== '') context.collector.addParagraph(ensureSentenceEnd(text));
      parts = [];
    };
    for (const raw of item.tokens) {
      const token = raw as MarkedToken;
      if ((token.type === 'text' || token.type === 'paragraph') && !FOOTNOTE_DEFINITION.test(token.text)) {
        parts.push(readInlineText(token.tokens));
      } else if (token.type !== 'space' && token.type !== 'checkbox') {
        flush();
        walkBlocks([raw], nested);
      }
    }
    flush();
  }
}

/**
 * The deepest nesting of block quotes and lists that briefcast reads. marked re-reads a nested block for every
 * level and recurses into it: 3,000 nested list items took a minute and 2 GB, 50,000 quote markers overflowed
 * the stack.
 */
export const MAX_BLOCK_NESTING = 100;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** How deeply one line nests: its quote markers, and the list levels its indentation can open (two columns each). */
function lineNesting(line: string): number {
  let quotes = 0;
  let index = 0;
  for (;;) {
    let spaces = 0;
    while (line[index + spaces] === ' ' && spaces < 3) spaces++;
    if (line[index + spaces] !== '>') break;
    quotes++;
    index += spaces + 1;
    if (line[index] === ' ') index++;
  }
  let columns = 0;
  for (; line[index] === ' ' || line[index] === '\t'; index++) columns += line[index] === '\t' ? 4 : 1;
  const listLevels = LIST_MARKER.test(line.slice(index, index + 12)) ? Math.floor(columns / 2) + 1 : 0;
  return quotes + listLevels;
}

function checkNesting(body: string, source: string): void {
  let deepest = 0;
  for (const line of body.split('\n')) deepest = Math.max(deepest, lineNesting(line));
  if (deepest > MAX_BLOCK_NESTING) {
    throw new InputError(
      `${source} nests its lists or quotes ${deepest.toLocaleString('en-US')} deep, more than the ${MAX_BLOCK_NESTING} that briefcast reads. Save the article's text as a .txt file.`,
    );
  }
}

export function parseMarkdown(content: string, source: string): Article {
  const normalized = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { data, body } = splitFrontMatter(normalized);
  checkNesting(body, source);
  const tokens = Lexer.lex(stripTemplateTags(body), { gfm: true });

  let title = readString(data.title);
  let rest: Token[] = tokens;
  if (title === undefined) {
    // No title in front matter: the first `#` heading, else a heading that opens the document.
    const headingIndex = tokens.findIndex((token) => token.type === 'heading' && (token as Tokens.Heading).depth === 1);
    const firstIndex = tokens.findIndex((token) => token.type !== 'space' && token.type !== 'html' && token.type !== 'def');
    const titleIndex = headingIndex !== -1 ? headingIndex : tokens[firstIndex]?.type === 'heading' ? firstIndex : -1;
    const titleToken = tokens[titleIndex] as Tokens.Heading | undefined;
    if (titleToken) {
      title = readInlineText(titleToken.tokens) || undefined;
      rest = tokens.filter((_, index) => index !== titleIndex);
    }
  }
  if (title === undefined) {
    const firstParagraph = tokens.find((token): token is Tokens.Paragraph => token.type === 'paragraph');
    title = deriveTitle(source, firstParagraph ? readInlineText(firstParagraph.tokens) : undefined);
  }

  // A heading that repeats the title is not read, so it must not decide the section levels either.
  const titleKey = toComparisonKey(title);
  const levels = rest
    .filter((token): token is Tokens.Heading => token.type === 'heading' && toComparisonKey(readInlineText((token as Tokens.Heading).tokens)) !== titleKey)
    .map((token) => token.depth);
  const byline = readAuthors(data);
  const collector = createSectionCollector(title, byline ?? '');
  walkBlocks(rest, { collector, sectionLevels: pickSectionLevels(levels), nested: false });
  const sections = collector.finish();
  if (sections.length === 0) {
    throw new InputError(`Nothing to read in ${source}: the Markdown has no paragraphs of text. Give an article with some body text.`);
  }

  const date = normalizeDate(data.date ?? data.published ?? data.pubDate ?? data.publishDate ?? data.created);
  const description = readString(data.description ?? data.summary ?? data.excerpt ?? data.subtitle);
  const siteName = readString(data.site ?? data.siteName ?? data.site_name);
  const declaredLanguage = readString(data.lang ?? data.language ?? data.locale);
  return {
    title,
    ...(byline !== undefined && { byline }),
    ...(date !== undefined && { date }),
    ...(description !== undefined && { description }),
    ...(siteName !== undefined && { siteName }),
    ...(declaredLanguage !== undefined && { declaredLanguage }),
    source,
    format: 'markdown',
    sections,
  };
}
