// What podcast apps need from a feed, checked on the parsed XML: RSS 2.0 with the channel elements Apple
// Podcasts requires (title, description, language, itunes:category, itunes:explicit; itunes:image is required
// by Apple too, but optional here because briefcast has no artwork unless given one) and per item a title,
// a guid, an RFC 822 pubDate, an enclosure (absolute URL when published, exact length, audio/mpeg),
// itunes:duration, and the podcastindex.org chapters and transcript links.
import { JSDOM } from 'jsdom';
import { FEED_NAMESPACES } from '../../src/publish/feed.js';

export interface FeedCheckOptions {
  absoluteUrls: boolean;
  requireImage?: boolean;
}

const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;

export function checkFeed(xml: string, options: FeedCheckOptions): string[] {
  let doc: Document;
  try {
    doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const rss = doc.documentElement;
  if (rss.nodeName !== 'rss' || rss.getAttribute('version') !== '2.0') problems.push('root is not <rss version="2.0">');
  for (const [prefix, uri] of Object.entries(FEED_NAMESPACES)) {
    if (prefix !== 'atom' && rss.getAttribute(`xmlns:${prefix}`) !== uri) problems.push(`namespace ${prefix} is not declared as ${uri}`);
  }
  const channel = rss.querySelector(':scope > channel');
  if (!channel) return [...problems, 'no channel'];
  const child = (parent: Element, name: string, ns?: string) =>
    [...parent.children].find((el) => el.localName === name && (ns ? el.namespaceURI === ns : el.namespaceURI === null));
  const text = (parent: Element, name: string, ns?: string) => child(parent, name, ns)?.textContent?.trim() ?? '';
  const isAbsolute = (url: string) => /^https?:\/\//.test(url);
  const checkUrl = (where: string, url: string | null) => {
    if (!url) problems.push(`${where} has no url`);
    else if (options.absoluteUrls && !isAbsolute(url)) problems.push(`${where} ${url} is not absolute`);
  };

  for (const name of ['title', 'description', 'link', 'language']) if (!text(channel, name)) problems.push(`channel: no ${name}`);
  if (!/^[a-z]{2,3}(-[A-Za-z]{2,})?$/.test(text(channel, 'language'))) problems.push('channel: language is not an ISO 639 code');
  if (!text(channel, 'author', FEED_NAMESPACES.itunes)) problems.push('channel: no itunes:author');
  if (!['true', 'false'].includes(text(channel, 'explicit', FEED_NAMESPACES.itunes))) problems.push('channel: itunes:explicit is not true/false');
  if (!child(channel, 'category', FEED_NAMESPACES.itunes)?.getAttribute('text')) problems.push('channel: no itunes:category');
  const image = child(channel, 'image', FEED_NAMESPACES.itunes);
  if (image) checkUrl('channel: itunes:image', image.getAttribute('href'));
  else if (options.requireImage) problems.push('channel: no itunes:image');

  const items = [...channel.children].filter((el) => el.localName === 'item' && el.namespaceURI === null);
  const guids = new Set<string>();
  items.forEach((item, index) => {
    const where = `item ${index + 1} (${text(item, 'title')})`;
    if (!text(item, 'title')) problems.push(`${where}: no title`);
    if (!text(item, 'description')) problems.push(`${where}: no description`);
    const guid = child(item, 'guid');
    if (!guid?.textContent?.trim()) problems.push(`${where}: no guid`);
    else {
      if (guids.has(guid.textContent)) problems.push(`${where}: duplicate guid`);
      guids.add(guid.textContent);
      if (guid.getAttribute('isPermaLink') !== 'false') problems.push(`${where}: guid is not isPermaLink="false"`);
    }
    if (!RFC_822.test(text(item, 'pubDate'))) problems.push(`${where}: pubDate "${text(item, 'pubDate')}" is not RFC 822`);
    const enclosure = child(item, 'enclosure');
    if (!enclosure) problems.push(`${where}: no enclosure`);
    else {
      checkUrl(`${where}: enclosure url`, enclosure.getAttribute('url'));
      if (!/^[1-9]\d*$/.test(enclosure.getAttribute('length') ?? '')) problems.push(`${where}: enclosure length is not a positive byte count`);
      if (enclosure.getAttribute('type') !== 'audio/mpeg') problems.push(`${where}: enclosure type is not audio/mpeg`);
    }
    if (!/^(\d+|\d{1,2}:\d{2}(:\d{2})?)$/.test(text(item, 'duration', FEED_NAMESPACES.itunes)))
      problems.push(`${where}: itunes:duration is not seconds or [HH:]MM:SS`);
    const chapters = child(item, 'chapters', FEED_NAMESPACES.podcast);
    if (!chapters) problems.push(`${where}: no podcast:chapters`);
    else {
      checkUrl(`${where}: podcast:chapters`, chapters.getAttribute('url'));
      if (chapters.getAttribute('type') !== 'application/json+chapters') problems.push(`${where}: podcast:chapters type is not application/json+chapters`);
    }
    const transcript = child(item, 'transcript', FEED_NAMESPACES.podcast);
    if (!transcript) problems.push(`${where}: no podcast:transcript`);
    else {
      checkUrl(`${where}: podcast:transcript`, transcript.getAttribute('url'));
      if (transcript.getAttribute('type') !== 'text/vtt') problems.push(`${where}: podcast:transcript type is not text/vtt`);
    }
  });
  return problems;
}
