// HTML goes through Readability (what Firefox Reader View shows), then the article DOM is walked for
// what a listener should hear: headings start sections, block elements give paragraphs, page furniture
// (figures, captions, asides, navigation, forms, citation markers) is not read.
import { InputError } from '../errors.js';
import { isUrl } from '../is-url.js';
import type { Article, Section } from '../types.js';
import { CODE_NOTE, TABLE_NOTE, createSectionCollector, pickSectionLevels, type SectionCollector } from './collect-sections.js';
import { collectPreformattedText, looksLikeProse } from './parse-text.js';
import { cleanByline, collapseWhitespace, deriveTitle, ensureSentenceEnd, hasClosingPunctuation, normalizeDate, toComparisonKey } from './text-tools.js';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

// Words inside these run on in the same paragraph; every other element is a paragraph boundary.
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

// Not read: media and their captions, page furniture, interactive controls, non-text content.
const SKIPPED_TAGS = new Set([
  'figure',
  'figcaption',
  'picture',
  'img',
  'svg',
  'math',
  'video',
  'audio',
  'iframe',
  'object',
  'embed',
  'canvas',
  'map',
  'aside',
  'nav',
  'header',
  'footer',
  'script',
  'style',
  'noscript',
  'template',
  'button',
  'form',
  'input',
  'select',
  'textarea',
  'option',
  'label',
  'dialog',
  'meta',
  'link',
  'source',
  'track',
  'head',
  'title',
  'area',
  'menu',
  'rt',
  'rp',
]);

// Readability keeps these (we ask it to keep class names); they are Wikipedia and CMS furniture.
const SKIPPED_CLASSES = new Set([
  'toc',
  'mw-editsection',
  'reference',
  'noprint',
  'navbox',
  'vertical-navbox',
  'infobox',
  'sidebar',
  'metadata',
  'ambox',
  'hatnote',
  'mw-jump-link',
  'thumbcaption',
  'gallery',
  'caption',
  'imagecaption',
  'wp-caption-text',
  'visually-hidden',
  'sr-only',
  'screen-reader-text',
  'share',
  'sharing',
  'social',
  'newsletter',
  'advert',
  'advertisement',
  'related',
  // The permalink beside a heading ("¶", "#"): Sphinx, VuePress, GitHub-style renderers.
  'headerlink',
  'header-anchor',
  'heading-anchor',
  'anchorjs-link',
  'anchor-link',
  'hash-link',
]);
const SKIPPED_IDS = new Set(['toc', 'toctitle', 'catlinks']);
const SKIPPED_ROLES = new Set(['navigation', 'complementary', 'button', 'doc-noteref', 'doc-backlink', 'img', 'figure']);

// "[1]", "[citation needed]", "[edit]": citation and edit markers, read aloud they are noise.
const BRACKETED_MARKER = /^\s*\[[^\]]{1,40}\]\s*$/;
const HEADING = /^h([1-6])$/;
// Containers inside which a heading is only a minor one (a heading in a quote does not start a chapter). Table cells
// are not among them: a data table is skipped whole, and a layout table's cell (kept by Readability on old sites laid
// out in tables) holds the article itself, whose headings start its chapters.
const NESTING_TAGS = new Set(['li', 'blockquote', 'dd', 'dt']);

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

function classTokens(element: Element): string[] {
  const value = element.getAttribute('class');
  return value ? value.toLowerCase().split(/\s+/) : [];
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style') ?? '';
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

// The title of a table of contents, alone on its line.
const CONTENTS_TITLE =
  /^(?:table of contents|contents|on this page|in this article|sommaire|table des matières|inhalt|inhaltsverzeichnis|índice|contenido|indice|sommario|inhoud|inhoudsopgave)\s*:?$/i;

/** A list of links to the page's own headings: read aloud it is the chapter list again, said badly. */
function isTableOfContents(element: Element): boolean {
  if (element.localName !== 'ul' && element.localName !== 'ol' && element.localName !== 'div') return false;
  const links = [...element.querySelectorAll('a[href]')];
  if (links.length < 3 || !links.every((link) => (link.getAttribute('href') ?? '').startsWith('#'))) return false;
  const linked = links.reduce((length, link) => length + (link.textContent ?? '').trim().length, 0);
  return linked >= 0.8 * (element.textContent ?? '').replace(/\s+/g, '').length;
}

function isSkipped(element: Element): boolean {
  const tag = element.localName;
  if (SKIPPED_TAGS.has(tag) || isHidden(element)) return true;
  // Wikipedia's citation marks are <sup class="reference">; Sphinx gives every link class="reference", and those are read.
  if (classTokens(element).some((token) => SKIPPED_CLASSES.has(token) && !(token === 'reference' && tag === 'a'))) return true;
  if (isTableOfContents(element)) return true;
  if ((tag === 'p' || tag === 'div' || HEADING.test(tag)) && CONTENTS_TITLE.test((element.textContent ?? '').trim())) return true;
  if (SKIPPED_IDS.has(element.id.toLowerCase()) || SKIPPED_ROLES.has(element.getAttribute('role') ?? '')) return true;
  if ((tag === 'sup' || tag === 'span') && BRACKETED_MARKER.test(element.textContent ?? '')) return true;
  // A footnote mark: a raised number that links to a note on the same page ("email alerts,<sup><a href="#n22">22</a></sup>").
  if (tag === 'sup' && /^\s*[\d*†‡]{1,3}\s*$/.test(element.textContent ?? '') && element.querySelector('a[href^="#"]')) return true;
  if (element.getAttribute('data-type') === 'noteref') return true;
  // Some sites (the Guardian) put a photo's caption in a one-item list right after the figure.
  if ((tag === 'ul' || tag === 'ol') && element.previousElementSibling?.localName === 'figure') {
    return element.querySelectorAll(':scope > li').length === 1;
  }
  return false;
}

/** A table of data (read as a note) rather than a table used for page layout (read through). */
function isDataTable(table: Element): boolean {
  const role = table.getAttribute('role');
  if (role === 'presentation' || role === 'none') return false;
  if (table.querySelector('caption, th, thead')) return true;
  if (!table.querySelector('p, h1, h2, h3, h4, h5, h6, ul, ol, blockquote, pre, table')) return true;
  // A grid of rows with the same number of cells is data even when its cells wrap their text in <p> (CMS tables with
  // a header row in bold); a layout table holds the page's blocks in a row or a column.
  const rows = [...table.querySelectorAll(':scope > tr, :scope > tbody > tr')];
  const widths = new Set(rows.map((row) => row.querySelectorAll(':scope > td').length));
  const [width] = widths;
  return (
    rows.length >= 2 && widths.size === 1 && width !== undefined && width >= 2 && !table.querySelector('h1, h2, h3, h4, h5, h6, ul, ol, blockquote, pre, table')
  );
}

// Class names that syntax highlighters and Markdown renderers give a <pre> of code.
const CODE_CLASS = /(?:^|[\s-])(?:code|sourcecode|highlight|hljs|prettyprint|brush|lang(?:uage)?-\S*|shiki|prism)(?:$|[\s-])/i;

/** A <pre> that says it holds code: a <code> inside it, or a highlighter's class on it. */
function isMarkedAsCode(pre: Element): boolean {
  return pre.querySelector('code, samp, kbd') !== null || CODE_CLASS.test(pre.getAttribute('class') ?? '');
}

const CODE_TAGS = new Set(['code', 'kbd', 'samp', 'tt']);

/** A paragraph whose every word is inside code elements (lines of code typed as <code> and <br>): a code example. */
function isAllCode(paragraph: Element): boolean {
  let sawCode = false;
  const visit = (node: Node, inCode: boolean): boolean => {
    if (node.nodeType === TEXT_NODE) return inCode || (node.nodeValue ?? '').trim() === '';
    if (!isElement(node) || isSkipped(node)) return true;
    const code = inCode || CODE_TAGS.has(node.localName);
    if (code && (node.textContent ?? '').trim() !== '') sawCode = true;
    for (const child of node.childNodes) if (!visit(child, code)) return false;
    return true;
  };
  return visit(paragraph, false) && sawCode;
}

// The label of a link to another article ("Read more:", "See also", "Lire aussi :", "Lesen Sie auch", "Revivez").
const CROSS_REFERENCE_LABEL =
  /^(?:(?:also\s+)?read(?:\s+(?:more|also|next))?|see\s+also|related(?:\s+(?:article|story|stories|content))?|more(?:\s+on\s+this(?:\s+story)?)?|watch|listen|recommended|(?:à\s+)?lire(?:\s+aussi)?|voir\s+aussi|revivez|(?:lesen\s+sie|lies)(?:\s+auch)?|mehr\s+zum\s+thema|siehe\s+auch|lee(?:r)?(?:\s+(?:también|más))?|ver\s+también|leia(?:\s+também)?|veja(?:\s+também)?|leggi(?:\s+anche)?|vedi\s+anche|lees\s+ook|zie\s+ook)\s*:?$/i;

/**
 * A paragraph that only points to another article: a short label and a link that makes most of its words
 * ("Read more: <a>Why the vote matters</a>", "Lire aussi : <a>…</a>"). Read aloud it is an advertisement for a page
 * the listener cannot open.
 */
function isCrossReference(paragraph: Element): boolean {
  const links = [...paragraph.querySelectorAll('a')];
  if (links.length === 0) return false;
  const text = collapseWhitespace(readText(paragraph));

  const linked = links.reduce((length, link) => length + collapseWhitespace(readText(link)).length, 0);
  const firstLinkText = collapseWhitespace(readText(links[0]!));
  const leadEnd = text.indexOf(firstLinkText);
  if (text === '' || firstLinkText === '' || leadEnd === -1 || linked < 0.8 * (text.length - leadEnd)) return false;
  const lead = text.slice(0, leadEnd).replace(/[\s:–—-]+$/, '');
  if (lead !== '') return CROSS_REFERENCE_LABEL.test(lead);
  // The label is inside the link: "<a>Read more: Why the vote matters</a>".
  const colon = firstLinkText.indexOf(':');
  return colon > 0 && CROSS_REFERENCE_LABEL.test(firstLinkText.slice(0, colon).trim());
}

/** The spoken text of an element: its words with skipped parts left out, whitespace collapsed. */
function readText(node: Node): string {
  if (node.nodeType === TEXT_NODE) return node.nodeValue ?? '';
  if (!isElement(node) || isSkipped(node)) return '';
  if (node.localName === 'br') return ' ';
  let text = '';
  for (const child of node.childNodes) text += readText(child);
  return INLINE_TAGS.has(node.localName) ? text : ` ${text} `;
}

interface BlockFrame {
  /** List items and definition terms (and blocks inside them) are read as sentences. */
  sentence: boolean;
}

class ArticleWalker {
  #buffer = '';
  readonly #frames: BlockFrame[] = [];

  constructor(
    private readonly collector: SectionCollector,
    private readonly sectionLevels: ReadonlySet<number>,
  ) {}

  walk(node: Node, nested: boolean): void {
    if (node.nodeType === TEXT_NODE) {
      // Source line breaks are spaces; only <br> breaks a line (see flush).
      this.#buffer += (node.nodeValue ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (!isElement(node)) return;
    const tag = node.localName;
    if (tag === 'br') {
      this.#buffer += '\n';
      return;
    }
    if (tag === 'table') {
      if (isSkipped(node)) return;
      if (isDataTable(node)) {
        this.flush();
        this.collector.addNote(TABLE_NOTE);
        return;
      }
    } else if (isSkipped(node)) {
      return;
    }
    const heading = HEADING.exec(tag);
    if (heading) {
      this.flush();
      // Without an "[edit]" link or a permalink sign ("¶", "§", "#") left at its end.
      const text = collapseWhitespace(readText(node))
        .replace(/\s*\[\s*edit\s*\]$/i, '')
        .replace(/\s*[¶§#🔗]$/u, '');
      if (!nested && this.sectionLevels.has(Number(heading[1]))) this.collector.startSection(text, Number(heading[1]));
      else this.collector.addMinorHeading(text);
      return;
    }
    if (tag === 'pre') {
      this.flush();
      const text = readText(node);
      // An article laid out in <pre> (an RFC, a plain-text bulletin) is read as the plain text it is; code and
      // diagrams are skipped with a note. Its own headings start chapters only when the page has none of its own.
      if (!isMarkedAsCode(node) && looksLikeProse(text)) collectPreformattedText(text, this.collector, !nested && this.sectionLevels.size === 0);
      else this.collector.addNote(CODE_NOTE);
      return;
    }
    if (INLINE_TAGS.has(tag)) {
      for (const child of node.childNodes) this.walk(child, nested);
      return;
    }
    this.flush();
    if (tag === 'p' && isAllCode(node)) {
      this.collector.addNote(CODE_NOTE);
      return;
    }
    if ((tag === 'p' || tag === 'div') && isCrossReference(node)) return;
    // A paragraph inside a list item is still part of the item.
    const inItem = this.#frames[this.#frames.length - 1]?.sentence ?? false;
    this.#frames.push({ sentence: inItem || tag === 'li' || tag === 'dt' });
    const inner = nested || NESTING_TAGS.has(tag);
    for (const child of node.childNodes) this.walk(child, inner);
    this.flush();
    this.#frames.pop();
  }

  /** Ends the paragraph being gathered; two line breaks in a row (<br><br>) also separate paragraphs. */
  flush(): void {
    const text = this.#buffer;
    this.#buffer = '';
    const sentence = this.#frames[this.#frames.length - 1]?.sentence ?? false;
    for (const part of text.split(/\n\s*\n/)) {
      const paragraph = joinLines(part.split('\n'));
      if (paragraph !== '') this.collector.addParagraph(sentence ? ensureSentenceEnd(paragraph) : paragraph);
    }
  }
}

// A line that starts with a bullet mark and a space: "- ", "+ ", "* ", "• ", "▪ ", "► ", "✓ ".
const BULLET_LINE = /^\s*[-+*•·▪▫◦‣▸►✓✔]\s+(?=\S)/u;

/**
 * Joins the lines of a paragraph split by single <br>s. A short unpunctuated line before a capital
 * ("<strong>The handoff</strong><br>Problems arise…") is a run-in heading: it gets a full stop, so
 * that it is not read as one sentence with what follows.
 */
function joinLines(lines: readonly string[]): string {
  const bulleted = lines.filter((line) => BULLET_LINE.test(line)).length >= 2;
  let text = '';
  for (const raw of lines) {
    let line = collapseWhitespace(raw);
    if (line === '') continue;
    // A list typed as lines with bullet marks ("+ Added slime block<br>+ Added banners"): each line is a sentence
    // of its own and the marks are not read, as for an HTML list.
    if (bulleted && BULLET_LINE.test(line)) {
      line = ensureSentenceEnd(line.replace(BULLET_LINE, ''));
      text = text === '' ? line : `${ensureSentenceEnd(text)}\u0000${line}`;
      continue;
    }
    if (text === '') {
      text = line;
      continue;
    }
    const lastLine = text.slice(text.lastIndexOf('\u0000') + 1);
    const runIn = lastLine.split(' ').length <= 12 && !hasClosingPunctuation(lastLine) && !/[,–—-]$/.test(lastLine) && /^[\p{Lu}\d"“‘']/u.test(line);
    text = runIn ? `${text}.\u0000${line}` : `${text}\u0000${line}`;
  }
  return text.replace(/\u0000/g, ' ');
}

/** Heading levels used in the article body, skipping headings that are not read or repeat the title. */
function findHeadingLevels(root: Element, titleKey: string): number[] {
  const levels: number[] = [];
  for (const heading of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    let hidden = false;
    let nested = false;
    for (let element: Element | null = heading; element && element !== root; element = element.parentElement) {
      if (element !== heading && NESTING_TAGS.has(element.localName)) nested = true;
      if (isSkipped(element)) hidden = true;
    }
    const key = toComparisonKey(collapseWhitespace(readText(heading)));
    if (!hidden && !nested && key !== '' && key !== titleKey) levels.push(Number(heading.localName.slice(1)));
  }
  return levels;
}

/**
 * Reads the HTML a Markdown post carries in raw blocks (layout around prose, a <details> of updates) into the
 * post's own sections. Nested: its headings are minor ones, since the Markdown's headings set the chapters.
 */
export function collectHtmlBlock(fragment: DocumentFragment, collector: SectionCollector): void {
  const walker = new ArticleWalker(collector, new Set());
  for (const node of fragment.childNodes) walker.walk(node, true);
  walker.flush();
}

/**
 * Walks an article element (Readability's output) into sections. Exported for tests on hand-made DOMs. The byline
 * lets the walker recognise the article's own attribution line ("Tuesday 15 October 2019 by Jane Doe").
 */
export function collectHtmlSections(root: Element, title: string, byline = ''): Section[] {
  const collector = createSectionCollector(title, byline);
  const walker = new ArticleWalker(collector, pickSectionLevels(findHeadingLevels(root, toComparisonKey(title))));
  walker.walk(root, false);
  walker.flush();
  return collector.finish();
}

// Executable and style content is never read and Readability discards it; removing it before parsing
// saves most of jsdom's time on script-heavy pages (1 s -> 0.15 s on a Guardian page). JSON-LD stays:
// Readability reads the title, author and date from it. A scan rather than a regular expression: a lazy
// match to the closing tag made thousands of unclosed "<script" tags quadratic.
const SCRIPT_OR_STYLE = /<(script|style)\b/gi;
const JSON_LD = /\btype\s*=\s*["']?application\/ld\+json/i;

function stripScriptsAndStyles(html: string): string {
  const lower = html.toLowerCase();
  let kept = '';
  let from = 0;
  SCRIPT_OR_STYLE.lastIndex = 0;
  for (let match = SCRIPT_OR_STYLE.exec(html); match; match = SCRIPT_OR_STYLE.exec(html)) {
    const tagEnd = html.indexOf('>', match.index);
    if (tagEnd === -1) break;
    const name = match[1]!.toLowerCase();
    if (name === 'script' && JSON_LD.test(html.slice(match.index, tagEnd))) {
      SCRIPT_OR_STYLE.lastIndex = tagEnd + 1;
      continue;
    }
    // The element ends at its end tag, "</script" followed by a space, a slash or ">", or with the page.
    let end = html.length;
    for (let close = lower.indexOf(`</${name}`, tagEnd); close !== -1; close = lower.indexOf(`</${name}`, close + 2)) {
      if (/[\s/>]/.test(html[close + name.length + 2] ?? '>')) {
        const closeEnd = html.indexOf('>', close);
        end = closeEnd === -1 ? html.length : closeEnd + 1;
        break;
      }
    }
    kept += html.slice(from, match.index);
    from = end;
    SCRIPT_OR_STYLE.lastIndex = end;
  }
  return kept + html.slice(from);
}

/**
 * The deepest nesting of elements that briefcast reads, as web browsers do (Chromium's parser stops nesting at
 * 512). jsdom and Readability recurse and slow down with depth: 5,000 nested elements overflowed the stack.
 */
export const MAX_ELEMENT_DEPTH = 512;

/** Refuses a page nested deeper than MAX_ELEMENT_DEPTH, found with parse5 (which does not recurse) before jsdom. */
async function checkNesting(html: string, source: string): Promise<void> {
  const { parse } = await import('parse5');
  // Elements have a tag name; a <template>'s elements hang from its content fragment.
  type Node = { tagName?: string; childNodes?: Node[]; content?: Node };
  const stack: [Node, number][] = [[parse(html) as Node, 0]];
  let depth = 0;
  while (stack.length > 0) {
    const [node, above] = stack.pop()!;
    const own = node.tagName === undefined ? above : above + 1;
    depth = Math.max(depth, own);
    for (const child of node.childNodes ?? []) stack.push([child, own]);
    if (node.content) stack.push([node.content, own]);
  }
  if (depth > MAX_ELEMENT_DEPTH) {
    throw new InputError(
      `${source} nests its elements ${depth.toLocaleString('en-US')} deep, more than the ${MAX_ELEMENT_DEPTH} that briefcast (like web browsers) reads. Save the article's text as a .txt file.`,
    );
  }
}

/**
 * The page title without the site's name after it ("On Recent Events - Jane Doe's Blog" -> "On Recent Events") when a
 * heading of the page is exactly the part before the separator: the listener hears the article's own headline.
 */
function dropSiteSuffix(title: string, headings: readonly string[]): string {
  for (const heading of headings) {
    if (heading.length < 4 || heading.length >= title.length || !title.startsWith(heading)) continue;
    const rest = title.slice(heading.length);
    if (/^\s*(?:[-|–—:»·•/]|::)\s/.test(rest) || /^\s+[[(][^\])]{1,40}[\])]\s*$/.test(rest)) return heading;
  }
  return title;
}

/** The words of a text, lower case, without punctuation: "Here's our review!" -> "here s our review". */
function wordKey(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');
}

/**
 * True when the description only repeats the opening of the article, its headings included: Readability (and many
 * sites' metadata) fall back to the first words of the page ("Highlights Here's our year in review! ..."), cut anywhere.
 */
function repeatsOpening(description: string, sections: readonly Section[]): boolean {
  const words = wordKey(description.replace(/(…|\.\.\.)$/, '')).split(' ');
  // The last word may have been cut in the middle.
  const key = words.slice(0, Math.max(1, words.length - 1)).join(' ');
  if (key === '') return false;
  let opening = '';
  for (const section of sections) {
    opening += ` ${section.heading} ${section.paragraphs.join(' ')}`;
    if (opening.length > description.length * 3 + 200) break;
  }
  const openingKey = wordKey(opening);
  const withoutFirstHeading = wordKey(opening.replace(sections[0]?.heading ?? '', ''));
  return openingKey.startsWith(key) || withoutFirstHeading.startsWith(key);
}

// Where pages name their author in metadata; Readability does not read all of these.
const AUTHOR_META = ['author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator']
  .flatMap((name) => [`meta[name="${name}" i]`, `meta[property="${name}" i]`])
  .join(', ');

/** The author the page's metadata names, when it is a name rather than a link to a profile. */
function readMetaAuthor(document: Document): string {
  for (const meta of document.querySelectorAll(AUTHOR_META)) {
    const name = cleanByline(meta.getAttribute('content') ?? '');
    if (name !== '' && !/^[a-z][a-z0-9+.-]*:|^www\.|\//i.test(name)) return name;
  }
  return '';
}

/** The name in the page's own author link (<a rel="author">Mike Conley</a>), when it is short enough to be a name. */
function readLinkedAuthor(document: Document): string {
  const name = cleanByline(collapseWhitespace(document.querySelector('a[rel~="author" i]')?.textContent ?? ''));
  return name !== '' && name.split(' ').length <= 5 && !/[@/]/.test(name) ? name : '';
}

/**
 * Readability takes the first element that looks like a byline, which can be a teaser's byline outside the article
 * (a "more stories" box). When the page's metadata names a different author, the metadata is the page's own word.
 */
function chooseByline(found: string, metaAuthor: string, siteName: string): string {
  if (metaAuthor === '' || found === '') return found || metaAuthor;
  const foundKey = toComparisonKey(found);
  const metaKey = toComparisonKey(metaAuthor);
  if (foundKey.includes(metaKey) || metaKey.includes(foundKey) || metaKey === toComparisonKey(siteName)) return found;
  return metaAuthor;
}

function normalizePublished(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const date = normalizeDate(value);
  if (date !== undefined) return date;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The language the page declares: the root element's lang (or xml:lang), else og:locale, else a
 * Content-Language meta element. As written; article/language.ts makes sense of it.
 */
function readDeclaredLanguage(document: Document): string | undefined {
  const root = document.documentElement;
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content')?.trim();
  const candidates = [
    root.getAttribute('lang')?.trim(),
    root.getAttribute('xml:lang')?.trim(),
    meta('meta[property="og:locale"]'),
    meta('meta[http-equiv="content-language" i]'),
  ];
  return candidates.find((value) => value !== undefined && value !== '');
}

export async function parseHtml(content: string, source: string): Promise<Article> {
  // jsdom costs ~300 ms to load: only HTML input pays for it.
  const [{ JSDOM, VirtualConsole }, { Readability }] = await Promise.all([import('jsdom'), import('@mozilla/readability')]);
  const url = isUrl(source) ? source : undefined;
  const html = stripScriptsAndStyles(content.replace(/^\uFEFF/, ''));
  await checkNesting(html, source);
  // No runScripts, no resources: the page's scripts never run and nothing is fetched.
  // A silent virtual console keeps jsdom's CSS and parse complaints off our stderr.
  const dom = new JSDOM(html, {
    ...(url !== undefined && { url }),
    virtualConsole: new VirtualConsole(),
  });
  try {
    const { document } = dom.window;
    // Read before Readability, which rewrites the document as it extracts the article.
    const declaredLanguage = readDeclaredLanguage(document);
    const metaAuthor = readMetaAuthor(document) || readLinkedAuthor(document);
    const documentTitle = collapseWhitespace(document.title);
    const headings = [...document.querySelectorAll('h1, h2')].map((heading) => collapseWhitespace(heading.textContent ?? ''));
    const firstHeading = collapseWhitespace(document.querySelector('h1')?.textContent ?? '');
    const result = new Readability<Node>(document, { keepClasses: true, serializer: (node) => node }).parse();
    const root = result?.content;
    if (!result || !root || !isElement(root) || collapseWhitespace(root.textContent ?? '') === '') {
      throw new InputError(
        `No article found in ${source}: the HTML has no readable article text. Save the article page itself, or copy its text into a .txt file.`,
      );
    }

    const statedTitle = collapseWhitespace(result.title ?? '') || documentTitle || firstHeading || deriveTitle(source, root.textContent ?? '');
    const title = dropSiteSuffix(statedTitle, headings);
    const byline = chooseByline(result.byline ? cleanByline(result.byline) : '', metaAuthor, result.siteName ?? '');
    const sections = collectHtmlSections(root, title, byline);
    if (sections.length === 0) {
      throw new InputError(
        `No article found in ${source}: the HTML has no readable paragraphs. Save the article page itself, or copy its text into a .txt file.`,
      );
    }

    const date = normalizePublished(result.publishedTime);
    const siteName = collapseWhitespace(result.siteName ?? '');
    const excerpt = collapseWhitespace((result.excerpt ?? '').replace(/\[\d{1,3}\]/g, ''));
    // Readability falls back to the first paragraph as the excerpt: that is not a description to read twice.
    // Readability falls back to the first paragraph, which can be a table of contents' title or the headline itself.
    const repeatsBody = repeatsOpening(excerpt, sections) || CONTENTS_TITLE.test(excerpt) || toComparisonKey(excerpt) === toComparisonKey(title);
    return {
      title,
      ...(byline !== '' && { byline }),
      ...(date !== undefined && { date }),
      ...(excerpt !== '' && !repeatsBody && { description: excerpt }),
      ...(siteName !== '' && { siteName }),
      ...(declaredLanguage !== undefined && { declaredLanguage }),
      source,
      format: 'html',
      sections,
    };
  } finally {
    dom.window.close();
  }
}
