import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { decodeFeed, MAX_FEED_BYTES, parseFeed, type FeedEntry } from '../../src/follow/parse-feed.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/feeds');

function readFixture(name: string, contentType: string, url: string) {
  return parseFeed(decodeFeed(readFileSync(path.join(FIXTURES, name)), contentType), url);
}

/** Long HTML is compared by its opening and length; everything else exactly. */
function outline(entry: FeedEntry) {
  const { contentHtml, summary, ...rest } = entry;
  return {
    ...rest,
    ...(summary === undefined ? {} : { summary: summary.length > 120 ? `${summary.slice(0, 60)}…(${summary.length})` : summary }),
    ...(contentHtml === undefined ? {} : { contentHtml: contentHtml.length > 120 ? `${contentHtml.slice(0, 60)}…(${contentHtml.length})` : contentHtml }),
  };
}

describe('parseFeed', () => {
  it('reads a WordPress RSS 2.0 feed with full content, a permalink-less guid and escaped titles', () => {
    const feed = readFixture('wordpress-full.rss.xml', 'application/rss+xml; charset=UTF-8', 'https://allotment.example.org/feed/');
    expect({ ...feed, entries: feed.entries.map(outline) }).toEqual({
      format: 'rss',
      title: 'The Allotment Diaries',
      link: 'https://allotment.example.org/',
      entries: [
        {
          title: 'Leeks, frost and the art of waiting',
          guid: 'https://allotment.example.org/?p=1042',
          link: 'https://allotment.example.org/2026/11/28/leeks-frost-waiting/',
          published: '2026-11-28T09:12:44.000Z',
          summary: 'The first hard frost came on Tuesday. The leeks stood it wel…(279)',
          contentHtml: '<p>The first hard frost came on Tuesday. I went down to the …(1913)',
        },
        {
          title: 'Seed catalogues & other temptations',
          guid: 'https://allotment.example.org/?p=1037',
          link: 'https://allotment.example.org/2026/11/21/seed-catalogues/',
          published: '2026-11-21T08:30:00.000Z',
          summary: 'The catalogues arrived this week, and with them the annual a…(139)',
          contentHtml: '<p>The catalogues arrived this week.</p>',
        },
        {
          title: 'Clearing the bean trench',
          guid: 'https://allotment.example.org/?p=1031',
          link: 'https://allotment.example.org/2026/11/14/bean-trench/',
          published: '2026-11-14T10:00:00.000Z',
          summary: 'Beans out, manure in.',
        },
        {
          title: 'Last of the squash',
          guid: 'https://allotment.example.org/?p=1020',
          link: 'https://allotment.example.org/2026/11/07/last-squash/',
          published: '2026-11-07T10:00:00.000Z',
          summary: 'Eleven squash, one of them enormous.',
        },
      ],
    });
  });

  it('reads a summary-only news feed served in ISO-8859-1', () => {
    const feed = readFixture('news-summaries.rss.xml', 'text/xml', 'https://gazette.example.com/local/rss.xml');
    expect(feed.title).toBe('Harbour Town Gazette - Local news');
    expect(feed.entries.map(outline)).toEqual([
      {
        title: 'Ferry timetable to change in the new year',
        guid: 'https://gazette.example.com/local/ferry-timetable-2027',
        link: 'https://gazette.example.com/local/ferry-timetable-2027?at_medium=RSS',
        published: '2026-11-30T17:45:10.000Z',
        summary: 'Sailings to the island will start half an hour later from January, the operator has confirmed.',
      },
      {
        title: 'Café on the quay wins regional award',
        guid: 'https://gazette.example.com/local/quay-cafe-award',
        link: 'https://gazette.example.com/local/quay-cafe-award?at_medium=RSS',
        published: '2026-11-30T09:02:00.000Z',
        summary: 'The owners say they were "astonished" to be named the best small café in the county [...]',
      },
      {
        title: 'Lifeboat crew called out twice in one night',
        guid: 'https://gazette.example.com/local/lifeboat-double-callout',
        link: 'https://gazette.example.com/local/lifeboat-double-callout?at_medium=RSS',
        published: '2026-11-29T07:15:00.000Z',
        summary: 'Volunteers launched shortly after midnight and again before dawn.',
      },
    ]);
  });

  it('reads a Jekyll Atom feed: HTML content, a text summary, a relative link', () => {
    const feed = readFixture('jekyll.atom.xml', 'application/atom+xml', 'https://notes.example.net/feed.xml');
    expect({ ...feed, entries: feed.entries.map(outline) }).toEqual({
      format: 'atom',
      title: 'Field Notes',
      link: 'https://notes.example.net/',
      entries: [
        {
          title: 'The branch line that came back',
          guid: 'https://notes.example.net/2026/11/26/branch-line',
          link: 'https://notes.example.net/2026/11/26/branch-line.html',
          published: '2026-11-26T20:14:03.000Z',
          summary: 'Fifty-eight years after the last train left, the branch line to Ashby reopened on a wet Thursday in November.',
          contentHtml: '<p>Fifty-eight years after the last train left, the branch l…(1881)',
        },
        {
          title: 'Reading old Ordnance Survey maps',
          guid: 'https://notes.example.net/2026/11/12/old-os-maps',
          link: 'https://notes.example.net/2026/11/12/old-os-maps.html',
          published: '2026-11-12T09:00:00.000Z',
          summary: '<p>A short guide to the symbols that have vanished from modern maps &amp; what they meant.</p>',
        },
      ],
    });
  });

  it('reads a JSON Feed 1.1: content_html, content_text as paragraphs, an untitled note, an external link', () => {
    const feed = readFixture('microblog.json', 'application/feed+json', 'https://tomas.example.blog/feed.json');
    expect({ ...feed, entries: feed.entries.map(outline) }).toEqual({
      format: 'json',
      title: 'Tomás on the small web',
      link: 'https://tomas.example.blog/',
      entries: [
        {
          title: 'Why I still write a blog',
          guid: 'https://tomas.example.blog/2026/11/29/why-i-still.html',
          link: 'https://tomas.example.blog/2026/11/29/why-i-still.html',
          published: '2026-11-29T18:00:00.000Z',
          summary: 'Every few months somebody declares that blogging is dead.',
          contentHtml: '<p>Every few months somebody declares that blogging is dead,…(1252)',
        },
        {
          title: "Frost on the allotment this morning. The leeks don't mind & neither…",
          guid: '2026-11-27-note',
          link: 'https://tomas.example.blog/2026/11/27/note.html',
          published: '2026-11-27T07:40:00.000Z',
          contentHtml: "<p>Frost on the allotment this morning. The leeks don't mind &amp; neither do I.</p>",
        },
        {
          title: 'Linked: On gardens',
          guid: '2026-11-20-link',
          link: 'https://another.example.org/essays/gardens',
          published: '2026-11-20T12:00:00.000Z',
          contentHtml: '<p>A lovely essay on gardens, and time.</p>',
        },
      ],
    });
  });

  it('reads RSS 1.0 (RDF)', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://r.example/"><title>RDF site</title><link>https://r.example/</link><description>d</description></channel><item rdf:about="https://r.example/a"><title>First &amp; best</title><link>https://r.example/a</link><description>Short.</description><dc:date>2026-10-01T10:00:00Z</dc:date></item></rdf:RDF>`,
      'https://r.example/index.rdf',
    );
    expect(feed).toEqual({
      format: 'rdf',
      title: 'RDF site',
      link: 'https://r.example/',
      entries: [{ title: 'First & best', guid: 'https://r.example/a', link: 'https://r.example/a', published: '2026-10-01T10:00:00.000Z', summary: 'Short.' }],
    });
  });

  it('keeps only http(s) links, takes a permalink guid as the link, and drops unreadable dates', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>Odd</title><link>https://odd.example/</link><description>d</description>
        <item><title>Script link</title><link>javascript:alert(1)</link><guid isPermaLink="false">a1</guid></item>
        <item><title>Permalink only</title><guid>https://odd.example/p/2</guid><pubDate>sometime soon</pubDate></item>
        <item><title>Relative</title><link>/p/3</link></item>
      </channel></rss>`,
      'https://odd.example/feed.xml',
    );
    expect(feed.entries).toEqual([
      { title: 'Script link', guid: 'a1' },
      { title: 'Permalink only', guid: 'https://odd.example/p/2', link: 'https://odd.example/p/2' },
      { title: 'Relative', link: 'https://odd.example/p/3' },
    ]);
  });

  it('does not expand entities declared in the document (billion laughs)', () => {
    const levels = Array.from({ length: 9 }, (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`).join('');
    const text = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${levels}]><rss version="2.0"><channel><title>&lol9;</title><link>https://x.example/</link><description>d</description><item><title>&lol9;</title><link>https://x.example/1</link><description>&lol9;</description></item></channel></rss>`;
    const started = Date.now();
    const feed = parseFeed(text, 'https://x.example/feed');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(feed.entries).toEqual([{ title: '&lol9;', link: 'https://x.example/1', summary: '&lol9;' }]);
  });

  it('refuses what is not a feed, and a feed over the size cap, with one line naming the URL', () => {
    for (const text of ['<html><body><p>A page, not a feed.</p></body></html>', '{"hello": "world"}', '']) {
      expect(() => parseFeed(text, 'https://x.example/')).toThrow(InputError);
      expect(() => parseFeed(text, 'https://x.example/')).toThrow(
        "https://x.example/ is not an RSS, Atom or JSON feed (Unrecognized feed format). Check that the address is the feed's, not the site's.",
      );
    }
    const huge = `<rss version="2.0"><channel><title>${'x'.repeat(MAX_FEED_BYTES)}</title></channel></rss>`;
    expect(() => parseFeed(huge, 'https://x.example/feed')).toThrow(
      'The feed at https://x.example/feed is larger than 10 MB, more than any feed needs. Check the address.',
    );
  });
});

describe('decodeFeed', () => {
  const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>caf\u00e9</t></rss>', 'latin1');

  it('uses the declared charset, then the XML declaration, then UTF-8', () => {
    expect(decodeFeed(latin1, 'text/xml')).toContain('café');
    expect(decodeFeed(Buffer.from('<rss>café</rss>'), 'application/rss+xml')).toBe('<rss>café</rss>');
    expect(decodeFeed(Buffer.from('<rss>caf\u00e9</rss>', 'latin1'), 'text/xml; charset=iso-8859-1')).toBe('<rss>café</rss>');
    expect(decodeFeed(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('<rss/>')]), 'text/xml; charset=iso-8859-1')).toBe('<rss/>');
    expect(decodeFeed(Buffer.from('<rss>ok</rss>'), 'text/xml; charset=x-unknown-label')).toBe('<rss>ok</rss>');
  });
});
