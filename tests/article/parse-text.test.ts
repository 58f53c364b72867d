import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseArticle } from '../../src/article/parse-article.js';
import { parseText } from '../../src/article/parse-text.js';

const SAMPLE_PATH = 'examples/xi-putin-beijing-summit.txt';
const sample = readFileSync(new URL('../../examples/xi-putin-beijing-summit.txt', import.meta.url), 'utf8');

describe('parseText: the sample article', () => {
  it('gives the title, a two-paragraph lead, three sections and no "Sources"', () => {
    expect(parseText(sample, SAMPLE_PATH)).toEqual({
      title: 'Xi and Putin Strengthen Strategic Ties in Beijing Meeting',
      source: SAMPLE_PATH,
      format: 'text',
      sections: [
        {
          heading: '',
          paragraphs: [
            'Chinese President Xi Jinping and Russian President Vladimir Putin reaffirmed and expanded their strategic partnership during a high-profile summit in Beijing, signaling deeper cooperation and a united front against Western influence.',
            "Chinese President Xi Jinping and Russian President Vladimir Putin have solidified their nations' strategic partnership during a prominent summit held in Beijing, an event marked by the presence of other key regional leaders and a clear message of unity against Western dominance. The meeting, which included high-level trilateral talks with Mongolian President Ukhnaagiin Khurelsukh, underscores the growing alignment between China and Russia as they seek to reshape the global order.",
          ],
        },
        {
          heading: 'A Show of Power and Symbolism',
          paragraphs: [
            'The summit was not merely a diplomatic engagement but a deliberate display of power and solidarity. Xi hosted Putin and North Korean leader Kim Jong Un for a military parade in Beijing, an event laden with symbolism and interpreted by analysts as a direct challenge to the U.S.-led international order. The presence of leaders from other heavily sanctioned countries, such as Iran and Myanmar, further emphasized the formation of a bloc resistant to Western pressure. Western observers have dubbed this emerging alliance the "Axis of Upheaval."',
          ],
        },
        {
          heading: 'Strategic and Economic Cooperation',
          paragraphs: [
            'During formal talks at the Great Hall of the People, Putin praised the "unprecedentedly high relations" with China and expressed gratitude for Xi\'s warm welcome. The leaders discussed the expansion of their "no limits partnership," which has included economic cooperation that has helped Russia weather Western sanctions, particularly through China\'s continued purchase of Russian energy and the provision of dual-use technology. While China maintains an official stance of neutrality regarding Russia\'s war in Ukraine, its actions have provided critical economic support to Moscow.',
            'The trilateral meeting with Mongolia highlighted ongoing efforts to deepen regional economic integration. Xi referenced the success of the China-Mongolia-Russia Economic Corridor and expressed a commitment to further expand trilateral cooperation in trade, science, technology, and cultural projects. Putin echoed these sentiments, emphasizing the natural alignment and shared interests of the three neighboring countries.',
          ],
        },
        {
          heading: 'Geopolitical Implications and Western Response',
          paragraphs: [
            'The summit\'s timing and the public display of unity among leaders facing Western sanctions are seen as a calculated move to project strength and challenge the prevailing global order. Statements from Russian Foreign Minister Sergey Lavrov and the Chinese Ministry of Foreign Affairs have explicitly called for a "multipolar, just, democratic world order," positioning their alliance as an alternative to U.S. hegemony. The inclusion of North Korea, which has provided direct military support to Russia in Ukraine, further complicates the geopolitical landscape and raises concerns among Western governments about the proliferation of weapons and the erosion of international sanctions regimes.',
            'While the official statements from Beijing and Moscow focused on friendship and mutual benefit, the underlying message was one of resistance to external pressure and a determination to pursue their own strategic interests. The summit has reinforced the perception that China and Russia are deepening their partnership not only for economic gain but also as a counterweight to Western influence in global affairs.',
          ],
        },
      ],
    });
  });

  it('reads the same with CRLF line ends, a BOM and tabs', () => {
    const windows = '\uFEFF' + sample.replace(/\n/g, '\r\n').replace(/ The summit/g, '\tThe summit');
    expect(parseText(windows, SAMPLE_PATH)).toEqual(parseText(sample, SAMPLE_PATH));
  });

  it('is what parseArticle returns for format "text"', async () => {
    expect(await parseArticle(sample, 'text', SAMPLE_PATH)).toEqual(parseText(sample, SAMPLE_PATH));
  });
});

describe('parseText: other layouts', () => {
  it('reads a text without headings as one untitled lead section', () => {
    const article = parseText('My Title\n\nFirst paragraph here.\n\nSecond paragraph\nwrapped onto two lines.\n', 'a.txt');
    expect(article.title).toBe('My Title');
    expect(article.sections).toEqual([{ heading: '', paragraphs: ['First paragraph here.', 'Second paragraph wrapped onto two lines.'] }]);
  });

  it('takes a byline and a date line under the title out of the body', () => {
    const text = 'The Title\nBy Jane Doe and John Roe\nSeptember 2, 2025\n\nThe lead paragraph.\n\nBackground\n\nBody text.\n';
    const article = parseText(text, 'a.txt');
    expect(article.byline).toBe('Jane Doe and John Roe');
    expect(article.date).toBe('2025-09-02');
    expect(article.sections).toEqual([
      { heading: '', paragraphs: ['The lead paragraph.'] },
      { heading: 'Background', paragraphs: ['Body text.'] },
    ]);
  });

  it('reads a byline with a date after a separator, in its own block', () => {
    const article = parseText('The Title\n\nBy Jane Doe | 3 Sep 2025\n\nBody text here.\n', 'a.txt');
    expect(article.byline).toBe('Jane Doe');
    expect(article.date).toBe('2025-09-03');
    expect(article.sections[0]?.paragraphs).toEqual(['Body text here.']);
  });

  it('keeps a sentence that merely starts with "By"', () => {
    const article = parseText('The Title\n\nBy the time we arrived, it was over.\n', 'a.txt');
    expect(article.byline).toBeUndefined();
    expect(article.sections[0]?.paragraphs).toEqual(['By the time we arrived, it was over.']);
  });

  it('reads all-capitals headings in title case, but keeps a lone acronym', () => {
    const text = 'Title\n\nLead.\n\nTHE ROAD AHEAD\n\nText one.\n\nNATO\n\nText two.\n';
    expect(parseText(text, 'a.txt').sections.map((s) => s.heading)).toEqual(['', 'The Road Ahead', 'NATO']);
  });

  it('does not take a punctuated short line, or a long line, for a heading', () => {
    const long = 'This line has far too many words to be a heading in any article we know of';
    const text = `Title\n\nIt rained.\n\n${long}\n\nAnd more text.\n`;
    const article = parseText(text, 'a.txt');
    expect(article.sections).toEqual([{ heading: '', paragraphs: ['It rained.', long, 'And more text.'] }]);
  });

  it('drops headings with nothing under them, including two in a row', () => {
    const text = 'Title\n\nLead.\n\nPart One\n\nChapter One\n\nText.\n\nThe End\n';
    expect(parseText(text, 'a.txt').sections).toEqual([
      { heading: '', paragraphs: ['Lead.'] },
      { heading: 'Chapter One', paragraphs: ['Text.'] },
    ]);
  });

  it('reads a line right under the title (no blank line) as a subtitle, not as a heading', () => {
    const text = 'The Title\nA Subtitle Without A Full Stop\n\nBody text.\n\nNext Part\n\nMore text.\n';
    expect(parseText(text, 'a.txt').sections).toEqual([
      { heading: '', paragraphs: ['A Subtitle Without A Full Stop', 'Body text.'] },
      { heading: 'Next Part', paragraphs: ['More text.'] },
    ]);
  });

  it('reads a heading written directly above its paragraph', () => {
    const text = 'Title\n\nLead.\n\nThe Second Part\nIt begins here and goes on.\n';
    expect(parseText(text, 'a.txt').sections).toEqual([
      { heading: '', paragraphs: ['Lead.'] },
      { heading: 'The Second Part', paragraphs: ['It begins here and goes on.'] },
    ]);
  });

  it('does not split a hard-wrapped paragraph whose first line is short', () => {
    const text = 'Title\n\nThe summit was not merely a\ndiplomatic engagement.\n';
    expect(parseText(text, 'a.txt').sections[0]?.paragraphs).toEqual(['The summit was not merely a diplomatic engagement.']);
  });

  it('reads bullet lines as sentences, one paragraph each', () => {
    const text = 'Title\n\nWe found:\n- fewer errors\n- faster builds,\n  and smaller files\n* happier users!\n';
    expect(parseText(text, 'a.txt').sections[0]?.paragraphs).toEqual(['We found:', 'fewer errors.', 'faster builds, and smaller files.', 'happier users!']);
  });

  it('strips numbering from numbered headings', () => {
    const text = 'Title\n\nLead.\n\n1. Introduction\n\nText.\n';
    expect(parseText(text, 'a.txt').sections[1]?.heading).toBe('Introduction');
  });

  it('drops a reference-matter section ("Sources") even when it has lines under it', () => {
    const text = 'Title\n\nLead.\n\nSources\n\nhttps://example.com/a\n';
    expect(parseText(text, 'a.txt').sections).toEqual([{ heading: '', paragraphs: ['Lead.'] }]);
  });

  it('reads a one-line text as the body, with a title from the file name', () => {
    const article = parseText('Just one sentence to read.', 'notes/quick-note.txt');
    expect(article.title).toBe('Quick note');
    expect(article.sections).toEqual([{ heading: '', paragraphs: ['Just one sentence to read.'] }]);
  });

  it('reads a long first sentence as body, not as a title', () => {
    const first = 'Once upon a time there was a very long opening sentence that no editor would call a title.';
    const article = parseText(`${first}\n\nAnd then it ended.\n`, '-');
    expect(article.title).toBe('Once upon a time there was a very long opening sentence that…');
    expect(article.sections[0]?.paragraphs).toEqual([first, 'And then it ended.']);
  });

  it('throws an InputError for empty text and for a title with no body', async () => {
    await expect(parseArticle(' \n\t\n', 'text', 'empty.txt')).rejects.toThrow(InputError);
    await expect(parseArticle(' \n\t\n', 'text', 'empty.txt')).rejects.toThrow(/empty\.txt/);
    expect(() => parseText('Only A Title\n\nSources\n', 'a.txt')).toThrow(InputError);
  });
});

describe('parseText: invariants', () => {
  const line = fc.stringMatching(/^[A-Za-zÉé .,!?:"'\t\r\u00A0-]{0,40}$/);
  const document = fc
    .array(fc.oneof(line, fc.constant(''), fc.constant('Heading Line'), fc.constant('- item')), { maxLength: 30 })
    .map((lines) => lines.join('\n'));

  it('never gives an empty paragraph, an untitled later section or an empty section', () => {
    fc.assert(
      fc.property(document, (text) => {
        let article;
        try {
          article = parseText(text, 'x.txt');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        expect(article.title.trim()).not.toBe('');
        article.sections.forEach((section, index) => {
          if (index > 0) expect(section.heading).not.toBe('');
          expect(section.paragraphs.length).toBeGreaterThan(0);
          for (const paragraph of section.paragraphs) {
            expect(paragraph).not.toBe('');
            expect(paragraph).toBe(paragraph.trim());
            expect(paragraph).not.toMatch(/\s{2}|[\t\n]/);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseText: text copied from a web page', () => {
  it('reads long lines without blank lines between them as paragraphs, with headings among them', () => {
    const first = 'WASHINGTON - The first paragraph of the story is long enough that no one would ever hard-wrap a line like this one.';
    const second = 'The second paragraph is also long, and it ends a sentence just like the first one does at its very end.';
    const third = 'The third paragraph follows the heading and is long enough to be read as a paragraph of its own too.';
    const text = `The Headline\nBy Jane Smith\nPublished 3 March 2024\n${first}\n${second}\nWhat Happens Next\n${third}\n`;
    const article = parseText(text, 'copied.txt');
    expect(article).toMatchObject({ title: 'The Headline', byline: 'Jane Smith', date: '2024-03-03' });
    expect(article.sections).toEqual([
      { heading: '', paragraphs: [first, second] },
      { heading: 'What Happens Next', paragraphs: [third] },
    ]);
  });
});
