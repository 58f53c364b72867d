// The feed's XML: exact pieces for pure formatting, and a strict parse (jsdom's XML parser throws on any
// well-formedness error) checked for every element Apple Podcasts and podcastindex.org rely on.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  buildFeedXml,
  derivePodcastGuid,
  FEED_NAMESPACES,
  formatItunesDuration,
  formatRfc822Date,
  resolveFeedUrl,
  type FeedChannel,
  type FeedItem,
} from '../../src/publish/feed.js';
import { checkFeed } from './feed-check.js';

const CHANNEL: FeedChannel = {
  title: 'Briefings & <notes>',
  description: 'Articles read "aloud".',
  link: 'https://example.com/pods/index.html',
  language: 'en',
  author: "Ann O'Nym",
  explicit: false,
  category: 'News',
  imageUrl: 'https://example.com/pods/cover.jpg',
  selfUrl: 'https://example.com/pods/feed.xml',
  lastBuildDate: new Date('2025-06-02T10:00:00Z'),
  generator: 'briefcast 0.1.0',
};

const ITEMS: FeedItem[] = [
  {
    title: 'Xi & Putin: <Summit>',
    description: 'What "they" said; ]]> and more.',
    guid: 'briefcast:feed-1:xi-putin',
    pubDate: new Date('2025-06-01T08:30:00Z'),
    link: 'https://example.com/pods/index.html#xi-putin',
    enclosureUrl: resolveFeedUrl('https://example.com/pods/', 'xi putin.mp3'),
    enclosureLength: 123_456,
    durationMs: 1_834_567,
    chaptersUrl: 'https://example.com/pods/xi-putin.chapters.json',
    transcriptUrl: 'https://example.com/pods/xi-putin.vtt',
  },
];

describe('feed formatting', () => {
  it('writes RFC 822 dates and whole-second durations', () => {
    expect(formatRfc822Date(new Date('2025-06-01T08:30:05Z'))).toBe('Sun, 01 Jun 2025 08:30:05 GMT');
    expect(formatItunesDuration(1_834_567)).toBe('1835');
    expect(formatItunesDuration(400)).toBe('0');
  });

  it('resolves file URLs against the base, or leaves them relative', () => {
    expect(resolveFeedUrl(undefined, 'a b.mp3')).toBe('a%20b.mp3');
    expect(resolveFeedUrl('https://example.com/pods', 'a.mp3')).toBe('https://example.com/pods/a.mp3');
    expect(resolveFeedUrl('https://example.com/pods/', 'a.vtt')).toBe('https://example.com/pods/a.vtt');
  });

  it('derives podcast:guid as the namespace specifies (its own example)', () => {
    expect(derivePodcastGuid('https://mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
  });
});

describe('buildFeedXml', () => {
  const xml = buildFeedXml(CHANNEL, ITEMS);

  it('is well-formed XML with every element podcast apps require', () => {
    const problems = checkFeed(xml, { absoluteUrls: true });
    expect(problems).toEqual([]);
  });

  it('escapes titles, descriptions and attributes', () => {
    expect(xml).toContain('<title>Xi &amp; Putin: &lt;Summit&gt;</title>');
    expect(xml).toContain('<description>What "they" said; ]]&gt; and more.</description>');
    expect(xml).toContain('<enclosure url="https://example.com/pods/xi%20putin.mp3" length="123456" type="audio/mpeg"/>');
    const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
    expect(doc.querySelector('item > title')!.textContent).toBe('Xi & Putin: <Summit>');
    expect(doc.getElementsByTagNameNS(FEED_NAMESPACES.itunes, 'author')[0]!.textContent).toBe("Ann O'Nym");
  });

  it('writes the podcast namespace elements', () => {
    expect(xml).toContain('<podcast:chapters url="https://example.com/pods/xi-putin.chapters.json" type="application/json+chapters"/>');
    expect(xml).toContain('<podcast:transcript url="https://example.com/pods/xi-putin.vtt" type="text/vtt" rel="captions"/>');
    expect(xml).toContain(`<podcast:guid>${derivePodcastGuid(CHANNEL.selfUrl!)}</podcast:guid>`);
    expect(xml).toContain('<atom:link href="https://example.com/pods/feed.xml" rel="self" type="application/rss+xml"/>');
  });

  it('marks a private feed with itunes:block and podcast:block, and names its owner, only when asked', () => {
    expect(xml).not.toMatch(/block|itunes:owner/);
    const served = buildFeedXml({ ...CHANNEL, block: true, owner: { name: 'Ann & co', email: 'ann@example.com' } }, ITEMS);
    expect(checkFeed(served, { absoluteUrls: true, requireImage: true })).toEqual([]);
    const doc = new JSDOM(served, { contentType: 'application/xml' }).window.document;
    const channel = (name: string, ns: string) =>
      [...doc.querySelector('channel')!.children].filter((el) => el.localName === name && el.namespaceURI === ns).map((el) => el.textContent);
    expect(channel('block', FEED_NAMESPACES.itunes)).toEqual(['Yes']);
    expect(channel('block', FEED_NAMESPACES.podcast)).toEqual(['yes']);
    const owner = doc.getElementsByTagNameNS(FEED_NAMESPACES.itunes, 'owner')[0]!;
    expect(owner.parentElement!.localName).toBe('channel');
    expect([...owner.children].map((el) => [el.namespaceURI, el.localName, el.textContent])).toEqual([
      [FEED_NAMESPACES.itunes, 'name', 'Ann & co'],
      [FEED_NAMESPACES.itunes, 'email', 'ann@example.com'],
    ]);
  });

  it('is rejected by the checker when broken (the checker itself works)', () => {
    expect(checkFeed(xml.replace('</channel>', ''), { absoluteUrls: true })[0]).toMatch(/not well-formed/);
    expect(checkFeed(xml.replace(/<guid[^>]*>[^<]*<\/guid>/, ''), { absoluteUrls: true })).toContain('item 1 (Xi & Putin: <Summit>): no guid');
    expect(checkFeed(buildFeedXml({ ...CHANNEL, selfUrl: undefined }, [{ ...ITEMS[0]!, enclosureUrl: 'a.mp3' }]), { absoluteUrls: true })).toContain(
      'item 1 (Xi & Putin: <Summit>): enclosure url a.mp3 is not absolute',
    );
  });
});
