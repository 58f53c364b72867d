// The podcast feed: RSS 2.0 with the itunes (Apple Podcasts) and podcast (podcastindex.org) namespaces. Pure:
// every value passes through escapeXmlText / escapeXmlAttribute.
import { createHash } from 'node:crypto';
import { escapeXmlAttribute, escapeXmlText } from './escape.js';

export const FEED_NAMESPACES = {
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  podcast: 'https://podcastindex.org/namespace/1.0',
  atom: 'http://www.w3.org/2005/Atom',
} as const;

// The podcast namespace's fixed namespace for podcast:guid (UUIDv5 of the feed URL).
const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

export interface FeedChannel {
  title: string;
  description: string;
  /** The website of the show; the page (index.html) here. */
  link: string;
  /** ISO 639 language code, e.g. "en". */
  language: string;
  author: string;
  explicit: boolean;
  /** An Apple Podcasts category, e.g. "News". */
  category: string;
  /** Square artwork (Apple wants 1400 to 3000 px, JPEG or PNG); apps show a placeholder without it. */
  imageUrl?: string;
  /** The feed's own absolute URL (atom:link rel="self", and the source of podcast:guid). */
  selfUrl?: string;
  lastBuildDate?: Date;
  generator?: string;
  /** A private feed: asks directories (Apple Podcasts, podcastindex.org) not to list it (itunes:block, podcast:block). */
  block?: boolean;
  /** itunes:owner: who directories contact about the show. */
  owner?: { name: string; email: string };
}

export interface FeedItem {
  title: string;
  description: string;
  /** Stable across rebuilds: apps use it to tell a new episode from one they have. */
  guid: string;
  pubDate: Date;
  link?: string;
  enclosureUrl: string;
  /** The MP3's exact size in bytes. */
  enclosureLength: number;
  durationMs: number;
  chaptersUrl?: string;
  transcriptUrl?: string;
}

/** RFC 822 (as RFC 1123 spells it, which RSS readers expect): "Wed, 02 Oct 2002 13:00:00 GMT". */
export function formatRfc822Date(date: Date): string {
  return date.toUTCString();
}

/** Whole seconds, the form Apple recommends for itunes:duration. */
export function formatItunesDuration(ms: number): string {
  return String(Math.max(0, Math.round(ms / 1000)));
}

/**
 * A file's URL in the feed: absolute under `base` when one is given (podcast apps fetch only absolute URLs),
 * else relative to the feed (enough for the local page and for checking the feed before publishing).
 */
export function resolveFeedUrl(base: string | undefined, fileName: string): string {
  const encoded = fileName.split('/').map(encodeURIComponent).join('/');
  if (!base) return encoded;
  return new URL(encoded, base.endsWith('/') ? base : `${base}/`).href;
}

/** podcast:guid: a UUIDv5 of the feed URL without its scheme and trailing slashes, as the namespace specifies. */
export function derivePodcastGuid(feedUrl: string): string {
  const name = feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  const namespace = Buffer.from(PODCAST_GUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1')
    .update(Buffer.concat([namespace, Buffer.from(name, 'utf8')]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function element(indent: string, name: string, text: string, attributes: Record<string, string> = {}): string {
  return `${indent}<${name}${formatAttributes(attributes)}>${escapeXmlText(text)}</${name}>`;
}

function emptyElement(indent: string, name: string, attributes: Record<string, string>): string {
  return `${indent}<${name}${formatAttributes(attributes)}/>`;
}

function formatAttributes(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
    .join('');
}

function buildItem(item: FeedItem): string[] {
  const i = '      ';
  const lines = [
    '    <item>',
    element(i, 'title', item.title),
    element(i, 'description', item.description),
    element(i, 'guid', item.guid, { isPermaLink: 'false' }),
    element(i, 'pubDate', formatRfc822Date(item.pubDate)),
  ];
  if (item.link) lines.push(element(i, 'link', item.link));
  lines.push(
    emptyElement(i, 'enclosure', { url: item.enclosureUrl, length: String(item.enclosureLength), type: 'audio/mpeg' }),
    element(i, 'itunes:title', item.title),
    element(i, 'itunes:duration', formatItunesDuration(item.durationMs)),
    element(i, 'itunes:episodeType', 'full'),
    element(i, 'itunes:explicit', 'false'),
  );
  if (item.chaptersUrl) lines.push(emptyElement(i, 'podcast:chapters', { url: item.chaptersUrl, type: 'application/json+chapters' }));
  // rel="captions": the file carries timings, so apps may show it in step with the audio.
  if (item.transcriptUrl) lines.push(emptyElement(i, 'podcast:transcript', { url: item.transcriptUrl, type: 'text/vtt', rel: 'captions' }));
  lines.push('    </item>');
  return lines;
}

export function buildFeedXml(channel: FeedChannel, items: readonly FeedItem[]): string {
  const c = '    ';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rss version="2.0" xmlns:itunes="${FEED_NAMESPACES.itunes}" xmlns:podcast="${FEED_NAMESPACES.podcast}" xmlns:atom="${FEED_NAMESPACES.atom}">`,
    '  <channel>',
    element(c, 'title', channel.title),
    element(c, 'description', channel.description),
    element(c, 'link', channel.link),
    element(c, 'language', channel.language),
  ];
  if (channel.selfUrl) lines.push(emptyElement(c, 'atom:link', { href: channel.selfUrl, rel: 'self', type: 'application/rss+xml' }));
  if (channel.generator) lines.push(element(c, 'generator', channel.generator));
  if (channel.lastBuildDate) lines.push(element(c, 'lastBuildDate', formatRfc822Date(channel.lastBuildDate)));
  if (channel.imageUrl) {
    lines.push(
      `${c}<image>`,
      element(`${c}  `, 'url', channel.imageUrl),
      element(`${c}  `, 'title', channel.title),
      element(`${c}  `, 'link', channel.link),
      `${c}</image>`,
    );
    lines.push(emptyElement(c, 'itunes:image', { href: channel.imageUrl }));
  }
  lines.push(
    element(c, 'itunes:author', channel.author),
    element(c, 'itunes:summary', channel.description),
    emptyElement(c, 'itunes:category', { text: channel.category }),
    element(c, 'itunes:explicit', channel.explicit ? 'true' : 'false'),
    element(c, 'itunes:type', 'episodic'),
  );
  if (channel.owner) {
    lines.push(
      `${c}<itunes:owner>`,
      element(`${c}  `, 'itunes:name', channel.owner.name),
      element(`${c}  `, 'itunes:email', channel.owner.email),
      `${c}</itunes:owner>`,
    );
  }
  if (channel.block) lines.push(element(c, 'itunes:block', 'Yes'), element(c, 'podcast:block', 'yes'));
  if (channel.selfUrl) lines.push(element(c, 'podcast:guid', derivePodcastGuid(channel.selfUrl)));
  for (const item of items) lines.push(...buildItem(item));
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}
