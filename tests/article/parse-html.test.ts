import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { CODE_NOTE, SKIPPED_NOTES, TABLE_NOTE, parseArticle } from '../../src/article/parse-article.js';
import { MAX_ELEMENT_DEPTH, collectHtmlSections } from '../../src/article/parse-html.js';
import { isReferenceHeading } from '../../src/article/text-tools.js';
import { InputError } from '../../src/errors.js';
import type { Article } from '../../src/types.js';

const DEV_SET = '/work/shared/articles/html';
const PAGES = ['ars-1', 'bbc-1', 'guardian-1', 'medium-1', 'nytimes-1', 'wikipedia'] as const;

interface ExpectedMetadata {
  title: string;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
}

// Text we leave out on purpose that expected.html cannot show as such (Readability drops the class names).
const ALSO_SKIPPED: Record<string, string[]> = {
  // <a class="visually-hidden">: screen-reader furniture, not article text.
  'nytimes-1': ['Continue reading the main story'],
  // <div class="thumbcaption">: image captions.
  wikipedia: [
    'Firefox logo',
    'SeaMonkey logo',
    'Bugzilla logo',
    'Mozilla Spaces, London',
    'Mozilla Reps logo',
    'Speakers from the Knight Foundation discuss the future of news at the 2011 Mozilla Festival in London.',
  ],
};

// What we deliberately do not read, expressed on Reader View's output.
const SKIPPED_SELECTOR =
  'figure, figcaption, picture, img, svg, math, video, audio, iframe, table, pre, header, aside, nav, footer, script, style, noscript, button, form, #toc';
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
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
  'br',
  'wbr',
]);
const BRACKETED = /^\s*\[[^\]]{1,40}\]\s*$/;

/** Lower-case words and numbers only: punctuation we add (list full stops) or drop does not count. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

function removeMarkers(root: Element): void {
  for (const element of root.querySelectorAll('sup, span')) if (BRACKETED.test(element.textContent ?? '')) element.remove();
}

function headingLevel(element: Element): number | undefined {
  const match = /^h([1-6])$/.exec(element.localName);
  return match ? Number(match[1]) : undefined;
}

/** Removes what we do not read: furniture, captions (also one-item lists after a figure), reference sections. */
function removeSkipped(root: Element): void {
  for (const list of root.querySelectorAll('ul, ol')) {
    if (list.previousElementSibling?.localName === 'figure' && list.querySelectorAll(':scope > li').length === 1) list.remove();
  }
  for (const element of root.querySelectorAll(SKIPPED_SELECTOR)) element.remove();
  removeMarkers(root);
  for (const heading of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (!heading.isConnected || !isReferenceHeading(heading.textContent ?? '')) continue;
    const level = headingLevel(heading) ?? 6;
    let next = heading.nextElementSibling;
    heading.remove();
    while (next && (headingLevel(next) ?? 7) > level) {
      const following = next.nextElementSibling;
      next.remove();
      next = following;
    }
  }
}

/** The text an element holds itself, through inline descendants but not through nested blocks. */
function ownText(element: Element): string {
  let text = '';
  for (const child of element.childNodes) {
    if (child.nodeType === 3) text += child.nodeValue ?? '';
    else if (child.nodeType === 1 && (child as Element).localName === 'br') text += ' ';
    else if (child.nodeType === 1 && INLINE.has((child as Element).localName)) text += ownText(child as Element);
  }
  return text;
}

function fullText(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType === 1 && (node as Element).localName === 'br') return ' ';
  let text = '';
  for (const child of node.childNodes) text += fullText(child);
  return node.nodeType === 1 && INLINE.has((node as Element).localName) ? text : ` ${text} `;
}

interface Expected {
  metadata: ExpectedMetadata;
  /** Paragraph-like units of Reader View's body that we must read, in order. */
  units: string[];
  headings: string[];
  /** All of Reader View's body text (citation markers removed). */
  text: string;
}

function loadExpected(page: string): Expected {
  const metadata = JSON.parse(readFileSync(`${DEV_SET}/${page}/expected-metadata.json`, 'utf8')) as ExpectedMetadata;
  const html = readFileSync(`${DEV_SET}/${page}/expected.html`, 'utf8');
  const whole = new JSDOM(html).window.document.body;
  removeMarkers(whole);
  const body = new JSDOM(html).window.document.body;
  removeSkipped(body);
  const units: string[] = [];
  const headings: string[] = [];
  const skippedAlso = new Set((ALSO_SKIPPED[page] ?? []).map(normalize));
  for (const element of body.querySelectorAll('*')) {
    if (INLINE.has(element.localName)) continue;
    const text = normalize(ownText(element));
    if (text === '' || skippedAlso.has(text)) continue;
    (headingLevel(element) === undefined ? units : headings).push(text);
  }
  return { metadata, units, headings, text: normalize(fullText(whole)) };
}

const parsed = new Map<string, Promise<Article>>();
function parsePage(page: string): Promise<Article> {
  let article = parsed.get(page);
  if (!article) {
    article = parseArticle(readFileSync(`${DEV_SET}/${page}/source.html`, 'utf8'), 'html', `${page}/source.html`);
    parsed.set(page, article);
  }
  return article;
}

describe.each(PAGES)('parseHtml: %s against Firefox Reader View', (page) => {
  const expected = loadExpected(page);

  it('has Reader View title, byline, date and site name', async () => {
    const article = await parsePage(page);
    const { metadata } = expected;
    expect(article.format).toBe('html');
    // Reader View's title, without the site or author name it adds after a separator when the page's headline is
    // the part before it ("Mozilla - Wikipedia" is read as "Mozilla").
    const suffix = metadata.title.slice(article.title.length);
    expect(metadata.title.startsWith(article.title) && (suffix === '' || /^\s+[-|–—:]\s/.test(suffix))).toBe(true);
    expect(article.byline).toBe(metadata.byline ?? undefined);
    expect(article.date).toBe(metadata.publishedTime ?? undefined);
    expect(article.siteName).toBe(metadata.siteName ?? undefined);
    const excerpt = (metadata.excerpt ?? '').replace(/\[\d+\]/g, '').trim();
    if (article.description === undefined) {
      // Only dropped when it merely repeats the opening paragraph.
      expect(normalize(article.sections[0]?.paragraphs[0] ?? '').startsWith(normalize(excerpt.replace(/…$/, '')))).toBe(true);
    } else {
      expect(article.description).toBe(excerpt);
    }
  });

  it('reads every paragraph of Reader View, in order', async () => {
    const article = await parsePage(page);
    const ours = normalize(article.sections.flatMap((section) => section.paragraphs).join('\n'));
    expect(expected.units.length).toBeGreaterThan(10);
    const missing: string[] = [];
    let cursor = 0;
    for (const unit of expected.units) {
      const at = ours.indexOf(unit, cursor);
      if (at === -1) missing.push(unit);
      else cursor = at + unit.length;
    }
    expect(missing).toEqual([]);
  });

  it('reads nothing that Reader View does not show, apart from skipped-content notes', async () => {
    const article = await parsePage(page);
    const extra = article.sections
      .flatMap((section) => section.paragraphs)
      .filter((paragraph) => !(SKIPPED_NOTES as readonly string[]).includes(paragraph))
      .filter((paragraph) => !expected.text.includes(normalize(paragraph)));
    expect(extra).toEqual([]);
  });

  it('takes its section headings from Reader View headings, in order', async () => {
    const article = await parsePage(page);
    let cursor = 0;
    for (const section of article.sections.slice(1)) {
      // A heading with nothing under it but a deeper one names that chapter too: "History: Early years".
      const whole = expected.headings.indexOf(normalize(section.heading), cursor);
      const parts = whole >= 0 ? [section.heading] : section.heading.split(': ');
      for (const part of parts) {
        const at = expected.headings.indexOf(normalize(part), cursor);
        expect(at, section.heading).toBeGreaterThanOrEqual(0);
        cursor = at + 1;
      }
    }
    article.sections.forEach((section, index) => {
      if (index > 0) expect(section.heading).not.toBe('');
      expect(section.paragraphs.length).toBeGreaterThan(0);
      for (const paragraph of section.paragraphs) expect(paragraph).toMatch(/^\S(.*\S)?$/);
    });
  });
});

describe('parseHtml: page specifics', () => {
  it('makes sections of the BBC article h2s', async () => {
    const article = await parsePage('bbc-1');
    expect(article.sections.map((section) => section.heading)).toEqual(['', 'Analysis: Jon Sopel, BBC News, Washington', 'Kenya trip']);
    expect(article.sections[0]?.paragraphs).toContain('He is confident the Iran nuclear deal will be passed by Congress.');
  });

  it('replaces the Ars code listing with the note and skips the header kicker', async () => {
    const article = await parsePage('ars-1');
    const paragraphs = article.sections.flatMap((section) => section.paragraphs);
    expect(paragraphs.filter((paragraph) => paragraph === CODE_NOTE)).toHaveLength(1);
    expect(paragraphs.join(' ')).not.toMatch(/Biz & IT|rekt: \{/);
    expect(paragraphs[0]).toMatch(/^A flaw in the wildly popular online game Minecraft makes it easy/);
  });

  it('drops the Wikipedia contents box, edit links, citation marks and reference sections', async () => {
    const article = await parsePage('wikipedia');
    const headings = article.sections.map((section) => section.heading);
    expect(headings.slice(0, 4)).toEqual(['', 'History', 'Eich CEO promotion controversy', 'Values']);
    expect(headings).not.toContain('Contents');
    expect(headings.some((heading) => /References|See also|External links|\[edit\]/.test(heading))).toBe(false);
    const text = article.sections.flatMap((section) => section.paragraphs).join(' ');
    expect(text).not.toMatch(/\[\d+\]|\[edit\]|\[citation needed\]/);
    expect(text).not.toContain(TABLE_NOTE);
    // h4 headings below the h2/h3 sections are read inside their section.
    const components = article.sections.find((section) => section.heading === 'Components');
    expect(components?.paragraphs.slice(0, 2)).toEqual(['NSS.', expect.stringMatching(/^Network Security Services \(NSS\) comprises a set of libraries/)]);
  });

  it('skips the Guardian photo captions and reads Medium run-in list headings as sentences', async () => {
    const guardian = (await parsePage('guardian-1')).sections.flatMap((section) => section.paragraphs).join(' ');
    expect(guardian).not.toContain('Hori Parata at his Pātaua farm');
    const medium = (await parsePage('medium-1')).sections.flatMap((section) => section.paragraphs);
    expect(medium).toContain(
      'The handoff. Problems arise because web editors are given roles that absolve the rest of the editors from thinking about the web. All editors should be involved in the process of story development for the web. While it’s a good idea to have one specific editor manage the website, contributors and editors should all play with and learn about the web. Instead of “can you make a computer do XYZ for me?”, we should be saying “can you show me how to make a computer do XYZ?”',
    );
  });
});

describe('parseHtml: small pages', () => {
  const page = (body: string, head = '<title>Small Page</title>'): string => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
  const filler = 'This sentence is here so that the page has enough text to count as an article for Readability. ';

  it('walks an article element: <br><br>, text directly in divs, lists as sentences, skipped content', () => {
    const { document } = new JSDOM('').window;
    const root = document.createElement('div');
    root.innerHTML =
      '<h2>Small Page</h2><div>Direct text in a div.<br><br>After a double break.<br>same paragraph.<p>A child paragraph.</p>Tail text.</div>' +
      '<h2>Part two</h2><ul><li>first item</li><li>second item<ul><li>nested item</li></ul></li><li><p>item paragraph</p></li></ul>' +
      '<figure><img src="x.png" alt="A photo"><figcaption>A caption</figcaption></figure><pre>let x = 1;</pre><pre>let y = 2;</pre>' +
      '<table><tr><th>a</th></tr><tr><td>1</td></tr></table><aside>Read more</aside><nav>Home</nav>' +
      '<p>Cited<sup class="reference">[1]</sup> words<sup>[2]</sup> and <code>x&lt;y</code>.</p><h3>Deeper</h3><p>Deep text.</p>' +
      '<h4>Minor</h4><p>Minor text.</p><table role="presentation"><tr><td><p>Layout cell text.</p></td></tr></table>' +
      '<p hidden>Hidden.</p><p aria-hidden="true">Also hidden.</p><p><span class="mw-editsection">[edit]</span></p>' +
      '<h2>References</h2><ol><li>A citation.</li></ol>';
    expect(collectHtmlSections(root, 'Small Page')).toEqual([
      { heading: '', paragraphs: ['Direct text in a div.', 'After a double break. same paragraph.', 'A child paragraph.', 'Tail text.'] },
      {
        heading: 'Part two',
        paragraphs: ['first item.', 'second item.', 'nested item.', 'item paragraph.', CODE_NOTE, TABLE_NOTE, 'Cited words and x<y.'],
      },
      { heading: 'Deeper', paragraphs: ['Deep text.', 'Minor.', 'Minor text.', 'Layout cell text.'] },
    ]);
  });

  it('keeps page structure through Readability on a small but real page', async () => {
    const html = page(
      `<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header><article><h1>Small Page</h1><p>${filler.repeat(3)}</p>` +
        `<h2>Part two</h2><p>${filler.repeat(2)}</p><p>Second paragraph of part two. ${filler}</p>` +
        `<h2>Part three</h2><p>${filler.repeat(2)}</p></article><footer>Copyright</footer>`,
    );
    const article = await parseArticle(html, 'html', 'small.html');
    expect(article.title).toBe('Small Page');
    expect(article.sections.map((section) => [section.heading, section.paragraphs.length])).toEqual([
      ['', 1],
      ['Part two', 2],
      ['Part three', 1],
    ]);
  });

  it('does not run scripts or read script text', async () => {
    const html = page(`<script>document.body.innerHTML = '<p>INJECTED</p>'</script><article><p>${filler.repeat(3)}</p></article>`);
    const article = await parseArticle(html, 'html', 'script.html');
    expect(JSON.stringify(article)).not.toContain('INJECTED');
    expect(article.sections[0]?.paragraphs[0]).toContain('This sentence is here');
  });

  it('throws an InputError when there is no article text', async () => {
    await expect(parseArticle(page(''), 'html', 'blank.html')).rejects.toThrow(InputError);
    await expect(parseArticle(page('<nav><a href="/">Home</a></nav>'), 'html', 'nav.html')).rejects.toThrow(/nav\.html/);
  });
  it('keeps JSON-LD, drops scripts and styles however they are closed, and stays quick on thousands of unclosed tags', async () => {
    const html = page(
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Small Page","author":{"@type":"Person","name":"Ana Ruiz"}}</script>` +
        `<style>p { color: red }</style ><SCRIPT src="x.js">INJECTED</SCRIPT ><script>"</scripts>" INJECTED</script>` +
        `<article><h1>Small Page</h1><p>${filler.repeat(3)}</p></article><script>INJECTED never closed`,
    );
    const article = await parseArticle(html, 'html', 'scripts.html');
    expect(JSON.stringify(article)).not.toContain('INJECTED');
    expect(article.byline).toBe('Ana Ruiz');
    const started = performance.now();
    await expect(
      parseArticle(page(`<article><p>${filler.repeat(3)}</p></article>${'<script a'.repeat(50_000)}`), 'html', 'unclosed.html'),
    ).resolves.toBeDefined();
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('refuses a page nested deeper than browsers read, without overflowing the stack', async () => {
    const nested = (depth: number, tag = 'div') => page(`${`<${tag}>`.repeat(depth)}<p>${filler.repeat(3)}</p>${`</${tag}>`.repeat(depth)}`);
    await expect(parseArticle(nested(5_000), 'html', 'deep.html')).rejects.toThrow(
      new InputError(
        `deep.html nests its elements 5,003 deep, more than the ${MAX_ELEMENT_DEPTH} that briefcast (like web browsers) reads. Save the article's text as a .txt file.`,
      ),
    );
    await expect(parseArticle(nested(100_000, 'span'), 'html', 'spans.html')).rejects.toThrow(/^spans\.html nests its elements 100,00\d deep/);
    // Unclosed tables nest too: each <table><tr><td> opens three levels.
    await expect(parseArticle(page('<table><tr><td>'.repeat(2_000)), 'html', 'tables.html')).rejects.toThrow(
      /^tables\.html nests its elements \d{1,3}(,\d{3})+ deep/,
    );
    expect((await parseArticle(nested(60), 'html', 'fine.html')).sections[0]?.paragraphs[0]).toContain('This sentence is here');
  });
});
