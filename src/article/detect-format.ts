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

/** True when the text opens like an HTML document or is made of HTML block elements. */
export function looksLikeHtml(content: string): boolean {
  const head = content
    .slice(0, SNIFF_CHARS)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype html/.test(head)) return true;
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
  if (/!?\[[^\]\n]+\]\([^)\s]+[^)]*\)/.test(head) || /^\[[^\]\n]+\]:\s+\S/m.test(head)) return true;
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
