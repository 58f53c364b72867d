// A followed site's feed (RSS 2.0, RSS 1.0, Atom or JSON Feed) into a small list of entries, whatever the
// format. feedsmith does the parsing; it reads XML with entity processing off and decodes only the standard
// character references, so a feed cannot expand entities into gigabytes; the size is capped before it parses.
import { parseFeed as parseAnyFeed } from 'feedsmith';
import { TextDecoder as StandardDecoder, normalizeEncoding } from '@exodus/bytes/encoding.js';
import { decodeHTML } from 'entities';
import { collapseWhitespace } from '../article/text-tools.js';
import { InputError } from '../errors.js';
import { charsetOf } from '../read/read-input.js';

/** One item of a feed, as briefcast needs it. Every URL is absolute http(s). */
export interface FeedEntry {
  guid?: string;
  link?: string;
  title: string;
  /** ISO 8601. */
  published?: string;
  /** A summary or excerpt, as HTML. */
  summary?: string;
  /** The full content, as HTML, when the feed carries it. */
  contentHtml?: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string;
  /** The site's home page. */
  link?: string;
  /** In the feed's own order. */
  entries: FeedEntry[];
}

/** Feeds are a few hundred kilobytes; ten megabytes is a runaway. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;
/** More items than any feed carries on purpose; the rest are not read. */
export const MAX_FEED_ENTRIES = 500;

/** Only the item fields the entries are made from; feedsmith's own types are much wider. */
interface RawItem {
  title?: string | { value?: string; type?: string };
  // RSS 2.0 and RDF
  link?: string;
  description?: string;
  guid?: { value?: string; isPermaLink?: boolean };
  pubDate?: string;
  content?: { encoded?: string; value?: string; type?: string };
  dc?: { date?: string; dates?: string[] };
  rdf?: { about?: string };
  // Atom
  id?: string | number;
  links?: Array<{ href?: string; rel?: string; type?: string }>;
  published?: string;
  updated?: string;
  summary?: string | { value?: string; type?: string };
  // JSON Feed
  url?: string;
  external_url?: string;
  content_html?: string;
  content_text?: string;
  date_published?: string;
  date_modified?: string;
}

interface RawFeed {
  title?: string | { value?: string };
  link?: string;
  links?: Array<{ href?: string; rel?: string }>;
  home_page_url?: string;
  items?: RawItem[];
  entries?: RawItem[];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text as HTML paragraphs, one per blank-line-separated block. */
function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => `<p>${escapeHtml(block)}</p>`)
    .join('\n');
}

/** Text of an HTML fragment, for titles: tags dropped, references decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  return collapseWhitespace(decodeHTML(html.replace(/<[^>]*>/g, ' ')));
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** An absolute http(s) URL, resolved against the feed's address; anything else (javascript:, mailto:) is dropped. */
function resolveLink(value: string | undefined, base: string): string | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function toIsoDate(value: string | undefined): string | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Atom text constructs and JSON/RSS strings alike, as HTML. */
function textConstructToHtml(value: string | { value?: string | undefined; type?: string } | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return nonEmpty(value);
  const text = nonEmpty(value.value);
  if (text === undefined) return undefined;
  return value.type === 'text' ? textToHtml(text) : text;
}

function alternateLink(links: RawItem['links']): string | undefined {
  const candidates = (links ?? []).filter((link) => link.href && (link.rel === undefined || link.rel === 'alternate'));
  return (candidates.find((link) => link.type === undefined || /html/i.test(link.type)) ?? candidates[0])?.href;
}

function firstWords(html: string | undefined): string | undefined {
  if (html === undefined) return undefined;
  const text = htmlToText(html);
  if (text === '') return undefined;
  const words = text.split(' ');
  return words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : text;
}

function toEntry(item: RawItem, format: ParsedFeed['format'], base: string): FeedEntry {
  let guid: string | undefined;
  let link: string | undefined;
  let published: string | undefined;
  let summary: string | undefined;
  let contentHtml: string | undefined;
  let title: string | undefined;
  if (format === 'json') {
    guid = nonEmpty(item.id === undefined ? undefined : String(item.id));
    link = resolveLink(item.url ?? item.external_url, base);
    published = toIsoDate(item.date_published ?? item.date_modified);
    summary = textConstructToHtml(item.summary);
    contentHtml = nonEmpty(item.content_html) ?? textConstructToHtml({ value: item.content_text, type: 'text' });
    title = textConstructToHtml(item.title);
  } else if (format === 'atom') {
    guid = nonEmpty(item.id === undefined ? undefined : String(item.id));
    link = resolveLink(alternateLink(item.links), base);
    published = toIsoDate(item.published ?? item.updated);
    summary = textConstructToHtml(item.summary);
    contentHtml = textConstructToHtml(item.content);
    title = textConstructToHtml(item.title);
  } else {
    guid = nonEmpty(item.guid?.value) ?? nonEmpty(item.rdf?.about);
    // A permalink guid is the item's address when the item states no link.
    const permalink = item.guid?.isPermaLink === false ? undefined : item.guid?.value;
    link = resolveLink(item.link, base) ?? resolveLink(permalink, base) ?? resolveLink(alternateLink(item.links), base);
    published = toIsoDate(item.pubDate ?? item.dc?.date ?? item.dc?.dates?.[0]);
    summary = nonEmpty(item.description);
    contentHtml = nonEmpty(item.content?.encoded);
    title = textConstructToHtml(item.title);
  }
  const titleText = title === undefined ? '' : htmlToText(title);
  const entry: FeedEntry = { title: titleText || firstWords(contentHtml ?? summary) || link || 'Untitled article' };
  if (guid !== undefined) entry.guid = guid;
  if (link !== undefined) entry.link = link;
  if (published !== undefined) entry.published = published;
  if (summary !== undefined) entry.summary = summary;
  if (contentHtml !== undefined) entry.contentHtml = contentHtml;
  return entry;
}

function feedTitle(feed: RawFeed): string {
  const raw = typeof feed.title === 'string' ? feed.title : feed.title?.value;
  return raw === undefined ? '' : htmlToText(raw);
}

/**
 * Parses a feed's text. `feedUrl` is where it came from: relative links are resolved against it. A text that is
 * no feed, or too large, is an InputError naming the URL.
 */
export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  if (text.length > MAX_FEED_BYTES) {
    throw new InputError(`The feed at ${feedUrl} is larger than ${MAX_FEED_BYTES / (1024 * 1024)} MB, more than any feed needs. Check the address.`);
  }
  let parsed: { format: ParsedFeed['format']; feed: unknown };
  try {
    parsed = parseAnyFeed(text.replace(/^\uFEFF/, ''), { maxItems: MAX_FEED_ENTRIES });
  } catch (error) {
    throw new InputError(`${feedUrl} is not an RSS, Atom or JSON feed (${(error as Error).message}). Check that the address is the feed's, not the site's.`, {
      cause: error,
    });
  }
  const feed = parsed.feed as RawFeed;
  const home = resolveLink(feed.home_page_url ?? feed.link ?? alternateLink(feed.links), feedUrl);
  const items = (parsed.format === 'atom' ? feed.entries : feed.items) ?? [];
  const result: ParsedFeed = {
    format: parsed.format,
    title: feedTitle(feed) || (home === undefined ? feedUrl : new URL(home).hostname),
    entries: items.map((item) => toEntry(item, parsed.format, feedUrl)),
  };
  if (home !== undefined) result.link = home;
  return result;
}

/**
 * Decodes a fetched feed's bytes: a byte-order mark first, then the charset the server declared, then the XML
 * declaration's encoding, then UTF-8 (broken bytes replaced, not fatal).
 */
export function decodeFeed(bytes: Uint8Array, contentType: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const declared = charsetOf(contentType);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const inXml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  for (const label of [declared, inXml]) {
    if (label === undefined) continue;
    // The Encoding standard's decoders: Node 20's own reads windows-1252 (and the ISO-8859-1 labels that mean it)
    // bytes 0x80 to 0x9F as control characters, losing curly quotes and the euro sign.
    const encoding = normalizeEncoding(label.trim());
    // An unknown label, or "replacement" (encodings that must not be decoded): try the next source.
    if (encoding === null || encoding === 'replacement') continue;
    return new StandardDecoder(encoding).decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}
