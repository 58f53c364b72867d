import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_NOTE, TABLE_NOTE, parseArticle } from '../../src/article/parse-article.js';
import { MAX_BLOCK_NESTING, parseMarkdown, splitFrontMatter } from '../../src/article/parse-markdown.js';
import { InputError } from '../../src/errors.js';
import type { Article } from '../../src/types.js';

const DEV_SET = '/work/shared/articles/markdown';
const readPost = (name: string): Article => {
  const path = `${DEV_SET}/${name}`;
  return parseMarkdown(readFileSync(path, 'utf8'), path);
};
const allParagraphs = (article: Article): string[] => article.sections.flatMap((section) => section.paragraphs);

describe('parseMarkdown: character references', () => {
  const paragraphOf = (markdown: string) => parseMarkdown(`# Title\n\n${markdown}\n`, 'refs.md').sections[0]!.paragraphs[0];

  it('decodes character references, leaving unknown ones alone', () => {
    expect(paragraphOf('Tom &amp; Jerry &mdash; &#8220;hi&#x201D; &eacute;t&eacute; &bogus; &#0; & more')).toBe('Tom & Jerry — “hi” été &bogus; \uFFFD & more');
  });

  it('reads &#128;-&#159; as the Windows-1252 characters browsers show, not as invisible controls', () => {
    expect(paragraphOf('Don&#146;t pay &#128;5 &#150; or &#147;more&#148;&#133;')).toBe('Don’t pay €5 – or “more”…');
  });

  it('knows the whole HTML table of named references', () => {
    expect(paragraphOf('&check; &half; &rarrw; &NotEqualTilde; &aacute')).toBe('✓ ½ ↝ ≂̸ á');
  });
});

describe('parseMarkdown: "Fearless Concurrency with Rust" (TOML front matter)', () => {
  const article = readPost('fearless-concurrency.md');

  it('reads title, author and description from the front matter', () => {
    expect(article.title).toBe('Fearless Concurrency with Rust');
    expect(article.byline).toBe('Aaron Turon');
    expect(article.description).toBe("Rust's vision for concurrency");
    expect(article.format).toBe('markdown');
  });

  it('makes a section of every ### heading, in order, after an untitled lead', () => {
    expect(article.sections.map((section) => section.heading)).toEqual([
      '',
      'Background: ownership',
      'Background: borrowing',
      'Message passing',
      'Locks',
      'Thread safety and "Send"',
      'Sharing the stack: "scoped"',
      'Data races',
      'The future',
    ]);
  });

  it('reads the opening list as sentences and links as their text', () => {
    const lead = article.sections[0]?.paragraphs ?? [];
    expect(lead.slice(0, 3)).toEqual([
      'The Rust project was initiated to solve two thorny problems:',
      'How do you do safe systems programming?',
      'How do you make concurrency painless?',
    ]);
    expect(lead[3]).toBe(
      'Initially these problems seemed orthogonal, but to our amazement, the solution turned out to be identical: the same tools that make Rust safe also help you tackle concurrency head-on.',
    );
    expect(lead).toContain(
      "A channel transfers ownership of the messages sent along it, so you can send a pointer from one thread to another without fear of the threads later racing for access through that pointer. Rust's channels enforce thread isolation.",
    );
    expect(lead[lead.length - 1]).toBe("The goal of this post is to give you some idea of how that's done.");
  });

  it('puts one note where each code block was, and reads no code', () => {
    const ownership = article.sections[1]?.paragraphs ?? [];
    expect(ownership.filter((paragraph) => paragraph === CODE_NOTE)).toHaveLength(4);
    expect(ownership[3]).toBe(CODE_NOTE);
    expect(ownership[2]).toBe("Let's look at some simple examples. Suppose we create a vector and push some elements onto it:");
    const text = allParagraphs(article).join('\n');
    expect(text).not.toMatch(/fn make_vec|let mut vec|```/);
  });

  it('keeps inline code as its text and leaves no Markdown syntax behind', () => {
    const borrowing = article.sections[2]?.paragraphs ?? [];
    expect(borrowing).toContain(
      'Immutable references &T, which allow sharing but not mutation. There can be multiple &T references to the same value simultaneously, but the value cannot be mutated while those references are active.',
    );
    for (const paragraph of allParagraphs(article)) {
      expect(paragraph).not.toMatch(/\]\(|\]\[|\*\*|(^|\s)\*\S|`|^#+ /);
    }
  });
});

describe('parseMarkdown: "Road to Rust 1.0"', () => {
  const article = readPost('road-to-rust-1.0.md');

  it('reads the front matter and the sections', () => {
    expect(article.title).toBe('Road to Rust 1.0');
    expect(article.byline).toBe('Niko Matsakis');
    expect(article.sections.map((section) => section.heading)).toEqual([
      '',
      'The road to Rust 1.0',
      'What is left to do',
      'Cargo and the library ecosystem',
      'Release process',
      'Looking forward',
    ]);
    expect(article.sections[0]?.paragraphs).toHaveLength(2);
  });

  it('reads each list item as one sentence-ended paragraph with its link text', () => {
    const todo = article.sections[2]?.paragraphs ?? [];
    expect(todo).toHaveLength(9);
    expect(todo[1]).toBe(
      'Dynamically sized types: This extension to the type system allows us to uniformly handle types where the size is not known at compile time, such as an array type. This enables us to support user-designed smart pointers that contain arrays or objects. Nicholas Cameron recently landed a heroic commit implementing the bulk of the work.',
    );
    expect(todo[2]).toBe('Unboxed closures: Our new closure design unifies closures and object types. Much of the spec has been implemented.');
  });
});

describe('parseMarkdown: small cases', () => {
  it('reads YAML front matter: title, authors joined as spoken, date, description', () => {
    const md = '---\ntitle: "A &amp; B"\nauthors:\n  - Ann\n  - name: Bob\n  - Cy\ndate: 2024-03-05\ndescription: Short.\n---\n\nBody text.\n';
    const article = parseMarkdown(md, 'post.md');
    expect(article).toMatchObject({ title: 'A &amp; B', byline: 'Ann, Bob and Cy', date: '2024-03-05', description: 'Short.' });
    expect(article.sections).toEqual([{ heading: '', paragraphs: ['Body text.'] }]);
  });

  it('reads a single author and a TOML date', () => {
    const md = '+++\ntitle = "T"\nauthor = "Jane Doe"\ndate = 2015-04-10\n+++\nBody.\n';
    expect(parseMarkdown(md, 'p.md')).toMatchObject({ title: 'T', byline: 'Jane Doe', date: '2015-04-10' });
  });

  it('takes the title from the # heading when there is no front matter', () => {
    const md = '# The Title\n\nLead.\n\n## One\n\nText one.\n\n## Two\n\nText two.\n';
    expect(parseMarkdown(md, 'p.md')).toEqual({
      title: 'The Title',
      source: 'p.md',
      format: 'markdown',
      sections: [
        { heading: '', paragraphs: ['Lead.'] },
        { heading: 'One', paragraphs: ['Text one.'] },
        { heading: 'Two', paragraphs: ['Text two.'] },
      ],
    });
  });

  it('does not repeat a # heading that repeats the front matter title, but makes other # headings sections', () => {
    const md = '---\ntitle: My Post\n---\n# My Post\n\nLead.\n\n# Part A\n\nText A.\n\n## Detail\n\nText B.\n';
    expect(parseMarkdown(md, 'p.md').sections).toEqual([
      { heading: '', paragraphs: ['Lead.'] },
      { heading: 'Part A', paragraphs: ['Text A.'] },
      { heading: 'Detail', paragraphs: ['Text B.'] },
    ]);
  });

  it('folds headings below the two highest levels into their section as a sentence', () => {
    const md = '# T\n\n## A\n\nOne.\n\n### B\n\nTwo.\n\n#### Deep heading\n\nThree.\n';
    expect(parseMarkdown(md, 'p.md').sections).toEqual([
      { heading: 'A', paragraphs: ['One.'] },
      { heading: 'B', paragraphs: ['Two.', 'Deep heading.', 'Three.'] },
    ]);
  });

  it('reads nested list items after their parent, each a sentence', () => {
    const md = '# T\n\n- apples\n  - green\n  - red!\n- pears:\n\n1. first\n2. second.\n';
    expect(parseMarkdown(md, 'p.md').sections[0]?.paragraphs).toEqual(['apples.', 'green.', 'red!', 'pears.', 'first.', 'second.']);
  });

  it('skips images, keeps the words of inline HTML and of raw HTML blocks', () => {
    const md =
      '# T\n\n![a chart](chart.png)\n\nSee <abbr title="x">the <em>chart</em></abbr> ![logo](l.png) here.<br>Next line.\n\n<div align="center">\n  <img src="badge.svg">\n  Badge text\n</div>\n\nEnd.\n';
    expect(parseMarkdown(md, 'p.md').sections[0]?.paragraphs).toEqual(['See the chart here. Next line.', 'Badge text', 'End.']);
  });

  it('reads the prose a post keeps in raw HTML blocks, as an HTML page is read, and none of its furniture', () => {
    const md = [
      '# Goals update',
      '',
      '## Flagship goals',
      '',
      '<div class="card">',
      '',
      '<!-- Title of the card -->',
      '<div style="font-weight: bold">',
      'Continue the experiment <a href="https://example.com/389">(issue 389)</a>',
      '</div>',
      '',
      '<details>',
      '<summary><p>1 detailed update available.</p></summary>',
      '<h3>Moving projections</h3>',
      '<p>Status update:</p>',
      '<ul>',
      '<li>pattern matching support, merged</li>',
      '<li>coercion, waiting for review</li>',
      '</ul>',
      '',
      '<pre><code class="language-rust">fn main() {}',
      '</code></pre>',
      '<p>This moves the field out of the box.</p>',
      '</details>',
      '',
      '</div>',
      '',
      '<p align="center"><img src="logo.png" alt="Logo"></p>',
      '',
      '<iframe src="https://video.example.com/embed/1" title="Video player"></iframe>',
      '',
      '<script async src="https://example.com/widgets.js"></script>',
      '',
      '<style>',
      '.card { color: red; }',
      '</style>',
      '',
      '<figure><img src="chart.png"><figcaption>A caption under a chart.</figcaption></figure>',
      '',
      '<table><tr><th>Goal</th><th>Owner</th></tr><tr><td>Pin</td><td>Frank</td></tr></table>',
      '',
      'The last paragraph.',
    ].join('\n');
    const article = parseMarkdown(md, 'goals.md');
    expect(article.sections.map((section) => section.heading)).toEqual(['Flagship goals']);
    expect(article.sections[0]?.paragraphs).toEqual([
      'Continue the experiment (issue 389)',
      '1 detailed update available.',
      'Moving projections.',
      'Status update:',
      'pattern matching support, merged.',
      'coercion, waiting for review.',
      CODE_NOTE,
      'This moves the field out of the box.',
      TABLE_NOTE,
      'The last paragraph.',
    ]);
  });

  it('gives one note for consecutive code blocks, and a note for a table', () => {
    const md = '# T\n\nBefore.\n\n```js\na()\n```\n\n    indented()\n\nBetween.\n\n```\nb()\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n';
    expect(parseMarkdown(md, 'p.md').sections[0]?.paragraphs).toEqual(['Before.', CODE_NOTE, 'Between.', CODE_NOTE, TABLE_NOTE, 'After.']);
  });

  it('drops a section that would hold nothing but a skipped-code note', () => {
    const md = '# T\n\nLead.\n\n## Example\n\n```\ncode\n```\n\n## Next\n\nText.\n';
    expect(parseMarkdown(md, 'p.md').sections.map((section) => section.heading)).toEqual(['', 'Next']);
  });

  it('reads block quotes as paragraphs, decodes entities, drops footnotes', () => {
    const md = '# T\n\n> Quoted &ldquo;words&rdquo; &amp; more.\n>\n> Second.\n\nA claim[^1] &#8212; shown.\n\n[^1]: The footnote.\n';
    expect(parseMarkdown(md, 'p.md').sections[0]?.paragraphs).toEqual(['Quoted “words” & more.', 'Second.', 'A claim — shown.']);
  });

  it('derives a title from the file name when there is no heading or front matter', () => {
    expect(parseMarkdown('Some **bold** text.\n', 'notes/my-first-post.md').title).toBe('My first post');
  });

  it('keeps a document that opens with a --- rule and no front matter', () => {
    const md = '---\n\nJust text after a rule.\n';
    expect(parseMarkdown(md, '-').sections[0]?.paragraphs).toEqual(['Just text after a rule.']);
    expect(splitFrontMatter('---\nnot: [valid\n---\nBody').body).toBe('Body');
  });

  it('throws an InputError when nothing readable is left', async () => {
    expect(() => parseMarkdown('# Only a title\n\n```\ncode\n```\n', 'p.md')).toThrow(InputError);
    await expect(parseArticle('', 'markdown', 'p.md')).rejects.toThrow(InputError);
  });

  it('refuses quotes and lists nested deeper than it reads, before marked recurses into them', () => {
    expect(() => parseMarkdown(`# T\n\n${'>'.repeat(50_000)} deep.\n`, 'quotes.md')).toThrow(
      new InputError(
        `quotes.md nests its lists or quotes 50,000 deep, more than the ${MAX_BLOCK_NESTING} that briefcast reads. Save the article's text as a .txt file.`,
      ),
    );
    const list = (levels: number) => Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}- item ${level}`).join('\n');
    expect(() => parseMarkdown(`# T\n\n${list(3_000)}\n`, 'lists.md')).toThrow(/^lists\.md nests its lists or quotes 3,000 deep/);
    expect(() => parseMarkdown(`# T\n\n${'> '.repeat(60)}${list(30).replace(/\n/g, `\n${'> '.repeat(60)}`)}\n`, 'both.md')).not.toThrow();
    expect(parseMarkdown(`# T\n\n${list(40)}\n`, 'fine.md').sections[0]?.paragraphs).toHaveLength(40);
  });

  it('never gives an empty paragraph or untitled later section (any Markdown)', () => {
    const piece = fc.constantFrom(
      '# H',
      '## H2',
      '### H3',
      '- item',
      '  - nested',
      '```',
      'code',
      '> quote',
      '| a |',
      '|---|',
      '![x](y)',
      '<div>',
      'text *em*',
      '',
      '---',
      '[^1]: n',
      '1. one',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        let article;
        try {
          article = parseMarkdown(pieces.join('\n'), 'x.md');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        article.sections.forEach((section, index) => {
          if (index > 0) expect(section.heading).not.toBe('');
          expect(section.paragraphs.length).toBeGreaterThan(0);
          for (const paragraph of section.paragraphs) expect(paragraph).toMatch(/^\S(.*\S)?$/);
        });
      }),
      { numRuns: 300 },
    );
  });
});
