// Real pages that were refused as having nothing to read: a notice whose only text is one short line, and
// articles laid out in <pre> (an RFC, a plain-text bulletin).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_NOTE, parseArticle } from '../../src/article/parse-article.js';
import { looksLikeProse } from '../../src/article/parse-text.js';
import { InputError } from '../../src/errors.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('a line that nothing follows', () => {
  it('is the paragraph of a text whose only line after the title has no closing punctuation', async () => {
    for (const content of [
      'Power cut notice\n\nPower back by 6pm\n',
      'Power cut notice\n\nPower back by 6pm',
      'Power cut notice\r\n\r\n   Power back by 6pm  \r\n',
    ]) {
      const article = await parseArticle(content, 'text', 'notice.txt');
      expect(article.title).toBe('Power cut notice');
      expect(article.sections).toEqual([{ heading: '', paragraphs: ['Power back by 6pm'] }]);
    }
  });

  it('is read in Markdown and HTML too, when nothing else would be', async () => {
    expect((await parseArticle('# Notice\n\n## Back on Monday\n', 'markdown', 'notice.md')).sections).toEqual([
      { heading: '', paragraphs: ['Back on Monday'] },
    ]);
    const html = '<html><head><title>Notice</title></head><body><h1>Notice</h1><h2>Back on Monday</h2><h2>Doors open at nine</h2></body></html>';
    expect((await parseArticle(html, 'html', 'notice.html')).sections).toEqual([{ heading: '', paragraphs: ['Back on Monday', 'Doors open at nine'] }]);
  });

  it('is still a heading, or dropped, when the article has something else to read', async () => {
    const article = await parseArticle('Power cut notice\n\nThe power failed at noon.\n\nRepairs\n\nCrews are on site.\n\nMore later\n', 'text', 'notice.txt');
    expect(article.sections).toEqual([
      { heading: '', paragraphs: ['The power failed at noon.'] },
      { heading: 'Repairs', paragraphs: ['Crews are on site.'] },
    ]);
  });

  it('is not read when it is only a reference heading or the title again', async () => {
    await expect(parseArticle('Power cut notice\n\nSources\n', 'text', 'notice.txt')).rejects.toThrow(InputError);
    await expect(parseArticle('Power cut notice\n\nPower cut notice\n', 'text', 'notice.txt')).rejects.toThrow(InputError);
  });
});

describe('an article laid out in <pre>', () => {
  it('reads a plain-text bulletin as paragraphs, its hard-wrapped lines joined', async () => {
    const article = await parseArticle(fixture('bulletin.html'), 'html', 'bulletin.html');
    expect(article.title).toBe('Harbour Notice to Mariners No. 14');
    expect(article.sections).toEqual([
      {
        heading: '',
        paragraphs: [
          'Issued by the Harbour Master, Port of Kelling, 3 March 2025.',
          'The north pier will be closed to all vessels from 07:00 on Monday 10 March until further notice, while divers inspect the piles damaged in the February storm.',
          'Vessels bound for the inner basin should use the south channel, keeping the green buoys to starboard. Pilots are available on VHF channel 12 around the clock.',
          'Fishing boats may land their catch at the east quay between 05:00 and 09:00 each day. The fuel berth stays open.',
          'Questions about this notice go to the harbour office.',
        ],
      },
    ]);
  });

  it('reads an RFC page: its numbered headings are chapters, its page headers and footers are not read', async () => {
    const article = await parseArticle(fixture('rfc-page.html'), 'html', 'rfc-page.html');
    expect(article.sections.map((section) => section.heading)).toEqual(['', 'Abstract', 'Introduction', 'The Signals', 'Security Considerations']);
    expect(article.sections[2]!.paragraphs).toEqual([
      'For two hundred years the harbour has rung a bell at the turn of the tide. The pattern of strokes has never been written down, and each new keeper learned it by ear from the one before.',
      'This memo records the pattern so that it survives the keepers.',
    ]);
    const text = article.sections.flatMap((section) => section.paragraphs).join(' ');
    expect(text).not.toMatch(/\[Page \d\]|Harbour Bell Signalling March 2025/);
  });

  it('keeps the page headings as chapters: headings inside a <pre> are then sentences', async () => {
    const html =
      '<html><head><title>Tide report</title></head><body><article><h1>Tide report</h1><h2>Morning</h2><p>High water came early today, well before the boats went out.</p>' +
      '<h2>Evening</h2><pre>Outlook\n\nThe evening tide will be\nlow and slow. Keep clear of\nthe bar.</pre></article></body></html>';
    const article = await parseArticle(html, 'html', 'tide.html');
    expect(article.sections).toEqual([
      { heading: 'Morning', paragraphs: ['High water came early today, well before the boats went out.'] },
      { heading: 'Evening', paragraphs: ['Outlook.', 'The evening tide will be low and slow. Keep clear of the bar.'] },
    ]);
  });

  it('still skips code, marked as such or not, with a note', async () => {
    const prose = 'Everything here reads like a sentence. Nothing in it is code at all.';
    const page = (pre: string) =>
      `<html><head><title>Notes</title></head><body><article><h1>Notes</h1><p>An opening paragraph that says what these notes are about.</p>${pre}</article></body></html>`;
    for (const pre of [
      `<pre><code>${prose}</code></pre>`,
      `<pre class="language-text">${prose}</pre>`,
      '<pre>const total = items.reduce((sum, item) => sum + item.price, 0);\nconsole.log(total);</pre>',
    ]) {
      expect((await parseArticle(page(pre), 'html', 'notes.html')).sections[0]!.paragraphs, pre).toEqual([
        'An opening paragraph that says what these notes are about.',
        CODE_NOTE,
      ]);
    }
  });
});

describe('looksLikeProse', () => {
  it.each([
    ['The pier is closed.\nBoats should use the south channel.', true],
    ['Issued by the Harbour Master, 3 March 2025 (revised).', true],
    ['def total(items):\n    return sum(item.price for item in items)', false],
    ['npm install briefcast', false],
    ['+-------+     +-------+\n| boat  |---->| quay  |\n+-------+     +-------+', false],
    ['if (x < 3) { y = x * 2; }', false],
    ['', false],
  ])('%j -> %s', (text, expected) => {
    expect(looksLikeProse(text)).toBe(expected);
  });
});
