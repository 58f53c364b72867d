// Which parser an input needs: the file extension when there is one we know, else the content's own signs.
import type { InputFormat } from '../types.js';

const EXTENSIONS: Record<string, InputFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  mkdn: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
};

// Sniffing reads only the start: enough for any document's opening signs, cheap on a 20 MB page.
const SNIFF_CHARS = 8192;

function readExtension(pathOrUrl: string): string | undefined {
  let path = pathOrUrl;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl)) {
    try {
      path = new URL(pathOrUrl).pathname;
    } catch {
      return undefined;
    }
  }
  const base = path.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * The head after an XML declaration and comments. Skipped by hand: as one regular expression, a row of empty
 * comments ("<!----><!---->…") took exponential time, since a comment could also end at any later "-->".
 */
function skipPrologue(head: string): string {
  let rest = head.replace(/^<\?xml[^>]*>/, '').trimStart();
  while (rest.startsWith('<!--')) {
    const end = rest.indexOf('-->', 4);
    if (end === -1) return '';
    rest = rest.slice(end + 3).trimStart();
  }
  return rest;
}

/** True when the text opens like an HTML document or is made of HTML block elements. */
export function looksLikeHtml(content: string): boolean {
  const head = content
    .slice(0, SNIFF_CHARS)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (skipPrologue(head).startsWith('<!doctype html')) return true;
  if (/<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<main[\s>]/.test(head)) return true;
  // A fragment: several paragraph or heading tags, or a document that starts with a block tag.
  const blockTags = head.match(/<(p|div|h[1-6]|ul|ol|li|section|blockquote|table)[\s>]/g) ?? [];
  return blockTags.length >= 3 || (head.startsWith('<') && /^<(p|div|h[1-6]|section)[\s>]/.test(head) && /<\/(p|div|h[1-6]|section)>/.test(head));
}

/** True when the text shows Markdown syntax: front matter, `#` headings, fences, links, setext underlines, emphasis. */
export function looksLikeMarkdown(content: string): boolean {
  const head = content
    .slice(0, SNIFF_CHARS)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  if (/^(---|\+\+\+)[ \t]*\n/.test(head)) return true;
  if (/^#{1,6}[ \t]+\S/m.test(head)) return true;
  if (/^(```|~~~)/m.test(head)) return true;
  // A link target is one character that is not a space, then anything up to ")": written as two overlapping runs
  // ([^)\s]+[^)]*) the pattern took cubic time on "[a](b[a](b…".
  if (/!?\[[^\]\n]+\]\([^)\s][^)]*\)/.test(head) || /^\[[^\]\n]+\]:\s+\S/m.test(head)) return true;
  if (/^\S[^\n]*\n(=+|-{2,})[ \t]*$/m.test(head)) return true;
  if (/(\*\*|__)[^\s*_][^\n]*?\1/.test(head)) return true;
  return false;
}

export function detectFormat(pathOrUrl: string, content: string): InputFormat {
  const extension = readExtension(pathOrUrl);
  const byExtension = extension === undefined ? undefined : EXTENSIONS[extension];
  if (byExtension !== undefined) return byExtension;
  if (looksLikeHtml(content)) return 'html';
  if (looksLikeMarkdown(content)) return 'markdown';
  return 'text';
}
