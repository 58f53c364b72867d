// Plain text has no markup, so structure is inferred from layout: blank lines separate paragraphs,
// a short unpunctuated line followed by a paragraph is a heading, the first line is the title.
import { InputError } from '../errors.js';
import type { Article } from '../types.js';
import { createSectionCollector, type SectionCollector } from './collect-sections.js';
import {
  cleanByline,
  collapseWhitespace,
  deriveTitle,
  ensureSentenceEnd,
  hasClosingPunctuation,
  parseDateLine,
  softenShouting,
  toComparisonKey,
} from './text-tools.js';

const MAX_HEADING_WORDS = 12;
const MAX_HEADING_CHARS = 100;
const MAX_TITLE_CHARS = 200;
// Bylines and date lines are looked for only near the top, where a writer puts them.
const HEADER_ZONE_BLOCKS = 6;

const BULLET = /^\s*(?:[-*+•‣◦▪●–]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+/;
const NAME_PARTICLES = new Set(['and', '&', 'de', 'del', 'della', 'da', 'di', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'al', 'y']);

/** Normalises line endings, tabs and stray control characters, and splits into blocks of non-blank lines. */
export function splitBlocks(content: string): string[][] {
  const text = content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00A0]/g, ' ')
    // Other C0/C1 controls carry no text; dropping them keeps a stray byte from reaching the speech engine.
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, '');
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else {
      block.push(line.trimEnd());
    }
  }
  if (block.length > 0) blocks.push(block);
  return blocks.flatMap((lines) => (isLinePerParagraph(lines) ? lines.map((line) => [line]) : [lines]));
}

// Hard-wrapped text keeps lines under ~80 columns and breaks them mid-sentence. Long lines that end
// sentences are paragraphs written one per line (text copied from a web page), not one wrapped paragraph.
const WRAP_COLUMNS = 100;

function isLinePerParagraph(lines: readonly string[]): boolean {
  if (lines.length < 2 || !lines.some((line) => line.length > WRAP_COLUMNS)) return false;
  // Short lines (a title, a byline, a heading) say nothing about wrapping; judge by the long ones.
  const long = lines.filter((line) => line.trim().length > 60);
  const ended = long.filter((line) => /[.!?…]['"”’)]*$/.test(line.trim())).length;
  return ended * 2 >= long.length;
}

/** A short line that does not end like a sentence: a candidate heading. */
export function isHeadingLike(line: string): boolean {
  const text = collapseWhitespace(line);
  if (text === '' || text.length > MAX_HEADING_CHARS || !/\p{L}/u.test(text)) return false;
  if (text.split(' ').length > MAX_HEADING_WORDS) return false;
  if (hasClosingPunctuation(text) || /[,–—-]$/.test(text)) return false;
  if (BULLET.test(line) && !/^\s*\d{1,2}[.)]\s+\p{Lu}/u.test(line)) return false;
  return true;
}

function isTitleCased(line: string): boolean {
  const words = collapseWhitespace(line).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const significant = words.filter((word) => word.length >= 4);
  if (significant.length === 0) return /^\p{Lu}/u.test(words[0] ?? '');
  const capitalised = significant.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / significant.length >= 0.75;
}

/** Strips "1. " / "2) " / "IV. " numbering in front of a heading: it is not worth reading. */
function stripNumbering(heading: string): string {
  const stripped = collapseWhitespace(heading).replace(/^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[IVXLC]{1,6}\.)\s+(?=\p{L})/u, '');
  return stripped === '' ? collapseWhitespace(heading) : stripped;
}

/** "By Jane Doe", "By Jane Doe and John Roe | 2 Sep 2025", "Author: Jane Doe". */
function readBylineLine(line: string): { byline: string; date?: string } | undefined {
  const text = collapseWhitespace(line);
  const author = /^(?:authors?|written by|words by)\s*:?\s+(.+)$/i.exec(text) ?? /^by\s*:?\s+(.+)$/i.exec(text);
  if (!author) return undefined;
  const rest = author[1] ?? '';
  const parts = rest.split(/\s+[|·•—–]\s+|,\s+(?=(?:published|updated|posted|\p{Lu}\p{Ll}+\.? \d|\d{1,2} \p{L}|\d{4}-))/u);
  const names = cleanByline(parts[0] ?? '');
  const words = names.split(' ');
  if (names === '' || words.length > 10 || hasClosingPunctuation(names)) return undefined;
  const looksLikeNames = words.every((word) => /^[\p{Lu}\d]/u.test(word) || NAME_PARTICLES.has(word.toLowerCase()));
  if (!looksLikeNames) return undefined;
  const date = parts
    .slice(1)
    .map((part) => parseDateLine(part))
    .find((value) => value !== undefined);
  return date === undefined ? { byline: names } : { byline: names, date };
}

interface Unit {
  kind: 'paragraph' | 'item';
  lines: string[];
}

/** Splits a block into paragraph text and list items (each bullet starts an item; other lines continue). */
function splitUnits(lines: readonly string[]): Unit[] {
  const units: Unit[] = [];
  for (const line of lines) {
    const last = units[units.length - 1];
    if (BULLET.test(line)) {
      units.push({ kind: 'item', lines: [line.replace(BULLET, '')] });
    } else if (last) {
      last.lines.push(line);
    } else {
      units.push({ kind: 'paragraph', lines: [line] });
    }
  }
  return units;
}

interface TitleChoice {
  title: string;
  /** The first block with the title line removed (possibly empty). */
  rest: string[];
}

function chooseTitle(firstBlock: readonly string[], isOnlyBlock: boolean, source: string): TitleChoice {
  const firstLine = collapseWhitespace(firstBlock[0] ?? '');
  const secondLine = firstBlock[1];
  // A hard-wrapped opening paragraph continues in lower case on the next line: then there is no title line.
  const wrappedParagraph = secondLine !== undefined && /^\s*\p{Ll}/u.test(secondLine) && !hasClosingPunctuation(firstLine);
  // A lone line is the article itself (a one-line note), not a title over nothing.
  const loneLine = isOnlyBlock && firstBlock.length === 1;
  // A long line ending in a full stop is a sentence: titles end without one, or with ? or !.
  const sentence = /\.["”’)]*$/.test(firstLine) && firstLine.split(' ').length > MAX_HEADING_WORDS;
  if (firstLine.length <= MAX_TITLE_CHARS && !wrappedParagraph && !loneLine && !sentence && !BULLET.test(firstBlock[0] ?? '')) {
    return { title: softenShouting(firstLine.replace(/^#+\s+/, '')), rest: firstBlock.slice(1) };
  }
  return { title: deriveTitle(source, firstBlock.join(' ')), rest: [...firstBlock] };
}

export function parseText(content: string, source: string): Article {
  const blocks = splitBlocks(content);
  const firstBlock = blocks[0];
  if (!firstBlock) {
    throw new InputError(`Nothing to read in ${source}: the text is empty. Give an article with some text.`);
  }
  const { title, rest } = chooseTitle(firstBlock, blocks.length === 1, source);
  const titleKey = toComparisonKey(title);
  let byline: string | undefined;
  let date: string | undefined;

  // Pass 1: take bylines, date lines and repeated titles out of the header zone; drop repeated titles anywhere.
  const bodyBlocks: string[][] = [];
  // Lines in the title's own block (no blank line after the title) are a subtitle, never a heading.
  const subtitleBlocks = new Set<string[]>();
  let seenHeading = false;
  const candidates = rest.length > 0 ? [rest, ...blocks.slice(1)] : blocks.slice(1);
  candidates.forEach((block, index) => {
    const inHeaderZone = !seenHeading && index < HEADER_ZONE_BLOCKS;
    const kept = block.filter((line) => {
      if (toComparisonKey(line) === titleKey) return false;
      if (!inHeaderZone) return true;
      const bylineLine = readBylineLine(line);
      if (bylineLine) {
        byline ??= bylineLine.byline;
        date ??= bylineLine.date;
        return false;
      }
      const dateLine = parseDateLine(line);
      if (dateLine !== undefined) {
        date ??= dateLine;
        return false;
      }
      return true;
    });
    if (kept.length === 0) return;
    if (kept.length === 1 && isHeadingLike(kept[0] ?? '') && bodyBlocks.length > 0) seenHeading = true;
    if (block === rest) subtitleBlocks.add(kept);
    bodyBlocks.push(kept);
  });

  // Pass 2: headings and paragraphs.
  const collector = createSectionCollector(title, byline ?? '');
  const isHeadingBlock = (block: string[] | undefined): boolean =>
    block !== undefined && block.length === 1 && isHeadingLike(block[0] ?? '') && !subtitleBlocks.has(block);
  bodyBlocks.forEach((block) => {
    if (isHeadingBlock(block)) {
      // A heading needs a paragraph under it: one followed by another heading or by nothing is an empty section,
      // which the collector drops, or reads as a paragraph when the article has nothing else to read.
      collector.startSection(stripNumbering(block[0] ?? ''));
      return;
    }
    let lines = block;
    const [firstLine, secondLine] = block;
    if (
      firstLine !== undefined &&
      secondLine !== undefined &&
      !subtitleBlocks.has(block) &&
      isHeadingLike(firstLine) &&
      !BULLET.test(firstLine) &&
      (isTitleCased(firstLine) || softenShouting(firstLine) !== firstLine) &&
      /^\s*[\p{Lu}\d"“‘'(]/u.test(secondLine)
    ) {
      // A heading written directly above its paragraph, without a blank line.
      collector.startSection(stripNumbering(firstLine));
      lines = block.slice(1);
    }
    for (const unit of splitUnits(lines)) {
      const text = collapseWhitespace(unit.lines.join(' '));
      collector.addParagraph(unit.kind === 'item' ? ensureSentenceEnd(text) : text);
    }
  });

  const sections = collector.finish();
  if (sections.length === 0) {
    throw new InputError(`Nothing to read in ${source}: the text has a title but no paragraphs. Give an article with some body text.`);
  }
  return {
    title,
    ...(byline !== undefined && { byline }),
    ...(date !== undefined && { date }),
    source,
    format: 'text',
    sections,
  };
}

// Characters that code is full of and prose hardly uses.
const CODE_CHARACTERS = /[{}[\]<>=;|\\$#`~^*_]/g;
// A word as prose writes it: letters or digits, inner apostrophes, hyphens, dots, commas, slashes, and
// punctuation and quotes around it; "foo(x)", "a=b" and "{" are not words.
const MAX_WORD_CHARS = 40;
const PROSE_WORD = /^["'“‘(]*[\p{L}\p{N}][\p{L}\p{N}'’.,/&%:-]*["'”’)]*[.,;:!?]*["'”’)]*$/u;

/**
 * Whether text laid out in a <pre> is prose (a plain-text bulletin, an RFC) rather than code or a diagram:
 * nearly all of it words, hardly any of code's characters, and at least one sentence ending.
 */
export function looksLikeProse(text: string): boolean {
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return false;
  // A token longer than any word (a rule of dashes, a run of leader dots) is not one, and is not matched: the
  // pattern's cost stays bounded whatever the token.
  const words = tokens.filter((token) => token.length <= MAX_WORD_CHARS && PROSE_WORD.test(token)).length;
  const visible = text.replace(/\s/g, '').length;
  const codeCharacters = text.match(CODE_CHARACTERS)?.length ?? 0;
  const sentenceEnds = text.match(/[\p{L}\p{N}]["'”’)]*[.!?]["'”’)]*(?:\s|$)/gu)?.length ?? 0;
  return words / tokens.length >= 0.85 && codeCharacters / visible < 0.02 && sentenceEnds > 0;
}

// The page furniture of a paginated plain-text document (an RFC): "Smith   Informational   [Page 3]" at the
// foot of a page, "RFC 9110   HTTP Semantics   June 2022" at its head.
const PAGE_FOOTER = /\[Page \d+\]\s*$/;
const PAGE_HEADER = /^RFC \d+ {2,}.* {2,}\S.*$/;

/**
 * Plain text laid out in an HTML <pre>: blocks separated by blank lines are paragraphs, their hard-wrapped lines
 * joined; a short line above a paragraph is its heading (a section where `headingsStartSections`, else a sentence
 * of its own); bulleted lines are items. Page headers and footers are not read.
 */
export function collectPreformattedText(content: string, collector: SectionCollector, headingsStartSections: boolean): void {
  const blocks = splitBlocks(content)
    .map((block) => block.filter((line) => !PAGE_FOOTER.test(line) && !PAGE_HEADER.test(line.trim())))
    .filter((block) => block.length > 0);
  for (const block of blocks) {
    if (block.length === 1 && isHeadingLike(block[0]!)) {
      const heading = stripNumbering(block[0]!);
      if (headingsStartSections) collector.startSection(heading);
      else collector.addMinorHeading(heading);
      continue;
    }
    for (const unit of splitUnits(block)) {
      const text = collapseWhitespace(unit.lines.join(' '));
      collector.addParagraph(unit.kind === 'item' ? ensureSentenceEnd(text) : text);
    }
  }
}
