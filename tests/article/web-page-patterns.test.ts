// Patterns found by sweeping real web pages (news sites, blogs, personal sites) through `briefcast script`: each
// test is a small page written for it, showing the pattern, not a copy of the page it was found on.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { CODE_NOTE, TABLE_NOTE, parseArticle } from '../../src/article/parse-article.js';
import { collectHtmlSections } from '../../src/article/parse-html.js';
import { cleanByline, isAttributionLine } from '../../src/article/text-tools.js';

const filler = 'This sentence is here so that the page has enough text to count as an article for Readability. ';

function page(head: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
}

function walk(html: string, title = 'A Title', byline = ''): string[] {
  const { document } = new JSDOM('').window;
  const root = document.createElement('div');
  root.innerHTML = html;
  return collectHtmlSections(root, title, byline).flatMap((section) => section.paragraphs);
}

describe('a list typed as lines with bullet marks', () => {
  it('reads each marked line as a sentence of its own, without the marks', () => {
    expect(walk('<p>+ Added slime blocks<br>+ Added banners<br>* Villager trading has been rebalanced<br>- Removed Herobrine<br><br></p>')).toEqual([
      'Added slime blocks. Added banners. Villager trading has been rebalanced. Removed Herobrine.',
    ]);
  });

  it('leaves a single dash line and ordinary lines alone', () => {
    expect(walk('<p>Dear reader,<br>- not a list here<br>thanks for reading</p>')).toEqual(['Dear reader, - not a list here thanks for reading']);
  });
});

describe('the attribution line of a post', () => {
  it('is not read: the intro says who wrote it and when', () => {
    expect(
      walk(
        '<p>Tuesday 15 October 2019 by Jane Q. Doe</p><p>The post itself starts here.</p>' +
          '<p>Posted on Tuesday 15 October 2019 at 09:11 by Jane Q. Doe.</p><p>Published: March 3, 2020 | Updated 10:45 GMT</p>',
        'A Title',
        'Jane Q. Doe',
      ),
    ).toEqual(['The post itself starts here.']);
  });

  it('is told apart from a sentence that names the author and a year', () => {
    expect(isAttributionLine('In 2019 Jane Q. Doe left the foundation.', 'Jane Q. Doe')).toBe(false);
    expect(isAttributionLine('Tuesday 15 October by Jane Q. Doe', 'Jane Q. Doe')).toBe(false);
    expect(isAttributionLine('Publié le 12 mars 2019 à 18:02', '')).toBe(true);
    expect(isAttributionLine('2 May 2019 by Ann Lee and Bo Chan', 'Ann Lee and Bo Chan')).toBe(true);
  });
});

describe('a digest of several pieces', () => {
  it("does not read each piece's own author and date line, nor its link to the comments", () => {
    expect(
      walk(
        '<h2><a href="/a">First piece</a></h2><div class="FeatureByline"> By <b>Nathan Willis</b><br>March 25, 2015 </div><p>First text.</p>' +
          '<p><a href="/a#Comments">Comments (5 posted)</a></p><h2><a href="/b">Second piece</a></h2>' +
          '<div class="FeatureByline"> By <b>Jonathan Corbet</b><br>March 25, 2015 </div><p>Second text.</p><p><a href="/b#c">12 comments</a></p><p><a href="/b#r">Leave a comment</a></p>',
        'Weekly Edition',
        'Nathan Willis',
      ),
    ).toEqual(['First text.', 'Second text.']);
  });

  it('makes chapters of the headings in a layout table cell that Readability kept', () => {
    const { document } = new JSDOM('').window;
    const root = document.createElement('div');
    root.innerHTML =
      '<div class="page"><div><td class="MidColumn"><h2>First piece</h2><p>First text.</p><h2>Second piece</h2><p>Second text.</p></td></div></div>';
    expect(collectHtmlSections(root, 'Weekly Edition')).toEqual([
      { heading: 'First piece', paragraphs: ['First text.'] },
      { heading: 'Second piece', paragraphs: ['Second text.'] },
    ]);
  });
});

describe('a heading with nothing under it but a deeper heading', () => {
  it('names the chapter of that deeper heading too, instead of being dropped', () => {
    const { document } = new JSDOM('').window;
    const root = document.createElement('div');
    root.innerHTML =
      '<h3>Highlights</h3><ul><li>One</li></ul><h3>Project updates</h3><h4>Add-ons</h4><p>Add-on news.</p><h4>Printing</h4><p>Print news.</p>' +
      '<h4>Empty</h4><h4>Search</h4><p>Search news.</p>';
    expect(collectHtmlSections(root, 'Weekly').map((section) => section.heading)).toEqual(['Highlights', 'Project updates: Add-ons', 'Printing', 'Search']);
  });

  it('works the same in Markdown', async () => {
    const article = await parseArticle(
      '# Weekly\n\n## Project updates\n\n### Add-ons\n\nAdd-on news.\n\n### Printing\n\nPrint news.\n',
      'markdown',
      'weekly.md',
    );
    expect(article.sections.map((section) => section.heading)).toEqual(['Project updates: Add-ons', 'Printing']);
  });
});

describe('documentation pages (Sphinx and the like)', () => {
  it('reads links with class "reference", drops heading permalinks and the table of contents', () => {
    const { document } = new JSDOM('').window;
    const root = document.createElement('div');
    root.innerHTML =
      '<div class="contents topic" id="contents"><p class="topic-title first">Contents</p><ul><li><a href="#a">Setting up</a></li><li><a href="#b">Example 1</a></li><li><a href="#c">Conclusion</a></li></ul></div>' +
      '<p>See the <a class="reference external" href="guide.html">user guide</a> first.</p>' +
      '<h2>Setting up<a class="headerlink" href="#a" title="Permalink to this headline">¶</a></h2><p>Text one.</p>' +
      '<h2>Example 1 <a href="#b">#</a></h2><p>Text two.<sup class="reference"><a href="#cite-1">[1]</a></sup></p>';
    expect(collectHtmlSections(root, 'Docs')).toEqual([
      { heading: '', paragraphs: ['See the user guide first.'] },
      { heading: 'Setting up', paragraphs: ['Text one.'] },
      { heading: 'Example 1', paragraphs: ['Text two.'] },
    ]);
  });
});

describe('a table', () => {
  it('is data when its rows have the same cells, even with paragraphs in them; a layout table is read through', () => {
    expect(
      walk(
        '<p>States:</p><table><tbody><tr><td><p><b>Entity status</b></p></td><td><p><b>Comment</b></p></td></tr>' +
          '<tr><td><p>new</p></td><td><p>Pick up new tasks.</p></td></tr><tr><td><p>started</p></td><td><p>Re-enqueue.</p></td></tr></tbody></table>' +
          '<table><tr><td><p>Left column text.</p></td><td><p>Main column text.</p></td></tr></table>' +
          '<table><tr><td><h2>Section</h2><p>Cell text.</p></td><td><p>Other.</p></td></tr><tr><td><p>A</p></td><td><p>B</p></td></tr></table>',
      ),
    ).toEqual(['States:', TABLE_NOTE, 'Left column text.', 'Main column text.', 'Cell text.', 'Other.', 'A', 'B']);
  });
});

describe('Markdown posts and plain text', () => {
  it('do not read the attribution line, "Read more:" pointers or comment links either', async () => {
    const markdown =
      '---\ntitle: My post\nauthor: Jane Doe\n---\n\n*Posted on March 3, 2020 by Jane Doe*\n\nFirst paragraph.\n\n' +
      'Read more: [Another post](https://example.com/x)\n\n## Part two\n\nSecond paragraph.\n\n[12 comments](https://example.com/c)\n';
    expect((await parseArticle(markdown, 'markdown', 'post.md')).sections).toEqual([
      { heading: '', paragraphs: ['First paragraph.'] },
      { heading: 'Part two', paragraphs: ['Second paragraph.'] },
    ]);
    const text = 'My notice\n\nPosted on March 3, 2020 by Jane Doe\n\nFirst paragraph of the notice.\n\nSee also: the 2019 notice\n';
    expect((await parseArticle(text, 'text', 'notice.txt')).sections).toEqual([{ heading: '', paragraphs: ['First paragraph of the notice.'] }]);
  });

  it('in copied wire copy, do not make chapters of the agency credit, advertisement labels or "Read more:" lines', async () => {
    const text = [
      'Fed holds rates steady',
      '',
      'By Jane Smith',
      'Associated Press',
      '',
      'WASHINGTON (AP) — The Federal Reserve left its rate unchanged on Wednesday.',
      '',
      'ADVERTISEMENT',
      '',
      'Inflation was 2.6% in April.',
      '',
      'Read more: What the decision means for your mortgage',
      '',
      'The next meeting is in July.',
      '',
      'Story continues below advertisement',
      '',
      'Markets rose after the decision.',
    ].join('\n');
    const article = await parseArticle(text, 'text', 'wire.txt');
    expect(article.sections).toEqual([
      {
        heading: '',
        paragraphs: [
          'WASHINGTON (AP) — The Federal Reserve left its rate unchanged on Wednesday.',
          'Inflation was 2.6% in April.',
          'The next meeting is in July.',
          'Markets rose after the decision.',
        ],
      },
    ]);
  });

  it('still read a sentence that only starts like a pointer', async () => {
    const text = 'My notice\n\nRead more: the council has published its plan. It runs to 40 pages.\n';
    expect((await parseArticle(text, 'text', 'notice.txt')).sections[0]?.paragraphs).toEqual([
      'Read more: the council has published its plan. It runs to 40 pages.',
    ]);
  });
});

describe('a footnote mark', () => {
  it('is not read, whether marked by class, role or only by being a raised linked number', () => {
    expect(
      walk(
        '<p>Classified as tickets, email alerts,<sup><a class="jumptarget" href="#n22">22</a></sup> and pages.</p>' +
          '<p>Squared<sup>2</sup> stays.<sup><a data-type="noteref" href="#n1">a</a></sup></p>',
      ),
    ).toEqual(['Classified as tickets, email alerts, and pages.', 'Squared2 stays.']);
  });
});

describe('a paragraph made only of code', () => {
  it('is a code example, skipped with the note; code inside a sentence is still read', () => {
    expect(walk('<p><code>#include &lt;std/disclaimer.h&gt;</code><br><code>use Standard::Disclaimer;</code></p><p>Run <code>make</code> first.</p>')).toEqual([
      CODE_NOTE,
      'Run make first.',
    ]);
  });
});

describe('a link to another article', () => {
  it('is not read when a label says so, in the languages briefcast reads', () => {
    expect(
      walk(
        '<p>First paragraph.</p><p class="more">Read more: <a href="/a">Why the vote matters</a></p>' +
          '<p><strong>Lire aussi&nbsp;: <a href="/b">Les critiques de la loi</a></strong></p><p><strong>Revivez <a href="/c">le direct du vote</a></strong></p>' +
          '<div><a href="/d">See also: the full list of votes</a></div><p>Lesen Sie auch <a href="/e">Was das Gesetz erlaubt</a></p><p>Last paragraph.</p>',
      ),
    ).toEqual(['First paragraph.', 'Last paragraph.']);
  });

  it('is still read inside a sentence, or when no label marks it', () => {
    expect(
      walk(
        '<p>The vote is <a href="/a">detailed on the Assembly site</a>.</p><p><a href="/b">Download the full report</a></p><p>Read <a href="/c">the bill</a> carefully, she said, before voting on it.</p>',
      ),
    ).toEqual(['The vote is detailed on the Assembly site.', 'Download the full report', 'Read the bill carefully, she said, before voting on it.']);
  });
});

describe('the byline', () => {
  it('drops a web address or an email written beside the name', () => {
    expect(cleanByline('Jane Doe (http://example.org/jane/)')).toBe('Jane Doe');
    expect(cleanByline('By Jane Doe <jane@example.org>')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe')).toBe('Jane Doe');
    expect(cleanByline('By Nathan Willis March 25, 2015')).toBe('Nathan Willis');
    expect(cleanByline('Written by Rob Ewaschuk\n  Edited by Betsy Beyer')).toBe('Rob Ewaschuk, edited by Betsy Beyer');
  });
});

describe("the article's author", () => {
  it("is the page metadata's author when the byline Readability found is a teaser's, outside the article", async () => {
    const html = page(
      '<title>Angry media</title><meta name="article:author" content="Laurie Oakes">',
      `<div id="story"><h1>Angry media</h1><p>${filler.repeat(4)}</p><p>${filler.repeat(3)}</p></div>` +
        '<div class="more-stories"><h4><a href="/b">Doctor knows best</a></h4><p class="standfirst"><em class="byline">JOE HILDEBRAND</em> HOW is it?</p></div>',
    );
    expect((await parseArticle(html, 'html', 'story.html')).byline).toBe('Laurie Oakes');
  });

  it("is the page's author link when Readability finds no byline", async () => {
    const html = page(
      '<title>Weekly</title>',
      `<article><header><h1>Weekly</h1><address><a href="/author/mc" rel="author">Mike Conley</a></address></header><div class="entry-content"><p>${filler.repeat(4)}</p><p>${filler.repeat(3)}</p></div></article>`,
    );
    expect((await parseArticle(html, 'html', 'weekly.html')).byline).toBe('Mike Conley');
  });

  it('keeps the byline when the metadata names a link or the same person', async () => {
    const html = page(
      '<title>A post</title><meta property="article:author" content="https://www.facebook.com/someone">',
      `<article><h1>A post</h1><p class="byline">By Jane Doe</p><p>${filler.repeat(4)}</p><p>${filler.repeat(3)}</p></article>`,
    );
    expect((await parseArticle(html, 'html', 'post.html')).byline).toBe('Jane Doe');
  });
});

describe('the description', () => {
  it('is not read when it only repeats the opening of the article, its first heading included', async () => {
    const html = page(
      '<title>Weekly</title><meta name="description" content="Highlights Here\'s our year in review! We have just landed a fix, which aims to prevent ...">',
      `<article><h1>Weekly</h1><h3>Highlights</h3><ul><li>Here’s our year in review!</li><li>We have just landed a fix, which aims to prevent a crash.</li></ul><p>${filler.repeat(4)}</p><p>${filler.repeat(3)}</p></article>`,
    );
    expect((await parseArticle(html, 'html', 'weekly.html')).description).toBeUndefined();
  });
});

describe('a paragraph in capitals', () => {
  it('is read as words, not spelled out', () => {
    expect(walk('<p>Some text.</p><p><b>LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR</b></p><p>NATO</p>')).toEqual([
      'Some text.',
      'Laurie Oakes Is the Nine Network Political Editor',
      'NATO',
    ]);
    expect(walk('<p>病気検索と対応方法、症状から検索するWEB問診</p>')).toEqual(['病気検索と対応方法、症状から検索するWEB問診']);
  });
});

describe('the title', () => {
  it("is the page's headline when the page title adds the site's name after a separator", async () => {
    const html = page(
      '<title>On Recent Events - Jane Doe ( jd )</title>',
      `<div id="sidebar"><h2>Tag cloud</h2></div><div id="post"><h1>On Recent Events</h1><p>${filler.repeat(4)}</p><p>${filler.repeat(3)}</p></div>`,
    );
    expect((await parseArticle(html, 'html', 'post.html')).title).toBe('On Recent Events');
  });

  it("drops the site's name in brackets after the headline", async () => {
    const html = page(
      '<title>Weekly Edition for March 26 [LWN.net]</title>',
      `<div><h1>Weekly Edition for March 26</h1><p>${filler.repeat(4)}</p><p>${filler.repeat(3)}</p></div>`,
    );
    expect((await parseArticle(html, 'html', 'post.html')).title).toBe('Weekly Edition for March 26');
  });

  it('keeps a title that only starts like a heading', async () => {
    const html = page('<title>Rust 2024 is here</title>', `<article><h1>Rust</h1><p>${filler.repeat(4)}</p><p>${filler.repeat(3)}</p></article>`);
    expect((await parseArticle(html, 'html', 'post.html')).title).toBe('Rust 2024 is here');
  });
});
