import { describe, expect, it } from 'vitest';
import { describeRundown, planDigestScript } from '../../src/script/plan-digest.js';
import { planScript } from '../../src/script/plan-script.js';
import type { Article } from '../../src/types.js';

const ARTICLES: Article[] = [
  {
    title: 'Harbour Reopens After Storm',
    byline: 'Ann Smith',
    siteName: 'Coast News',
    source: 'harbour.md',
    format: 'markdown',
    sections: [
      { heading: '', paragraphs: ['The harbour reopened on Monday.'] },
      { heading: 'Damage', paragraphs: ['Two piers were damaged. Repairs will take a month.'] },
    ],
  },
  {
    title: 'Bees Return',
    source: 'bees.txt',
    format: 'text',
    sections: [{ heading: 'Why it matters', paragraphs: ['Bees pollinate the orchard.'] }],
  },
];

const OPTIONS = { narrator: 'slt', host: 'rms', maxChars: 400, pauses: { sentenceMs: 250, paragraphMs: 600, sectionMs: 1000 } };

describe('describeRundown', () => {
  it('announces the count, the length and each headline in order', () => {
    expect(describeRundown(['A', 'B?', 'C'], 185_000)).toBe(
      'This digest covers three articles and runs about three minutes. First, A. Then, B? And finally, C.',
    );
    expect(describeRundown(['Only one'], 20_000)).toBe('This digest covers one article and runs less than a minute. The headline: Only one.');
  });
});

describe('planDigestScript', () => {
  const script = planDigestScript(ARTICLES, OPTIONS);

  it('has a rundown chapter, then one chapter per article, titled after it', () => {
    expect(script.title).toBe('Your briefing digest');
    expect(script.chapters.map((chapter) => chapter.title)).toEqual(['Your briefing digest', 'Harbour Reopens After Storm', 'Bees Return']);
    const rundown = script.chapters[0]!.segments.map((segment) => segment.text).join(' ');
    expect(rundown).toContain('First, Harbour Reopens After Storm.');
    expect(rundown).toContain('And finally, Bees Return.');
  });

  it('reads every paragraph once, in the narrator voice, and the titles, headings and credits in the host voice', () => {
    const harbour = script.chapters[1]!.segments;
    expect(harbour.map((segment) => [segment.role, segment.voice])).toEqual([
      ['heading', 'rms'],
      ['intro', 'rms'],
      ['body', 'slt'],
      ['heading', 'rms'],
      ['body', 'slt'],
      ['body', 'slt'],
    ]);
    expect(harbour[1]!.text).toBe('By Ann Smith, for Coast News.');
  });

  it('pauses a section between articles and closes the programme', () => {
    expect(script.chapters[1]!.segments.at(-1)!.pauseAfterMs).toBe(1000);
    expect(script.chapters[0]!.segments.at(-1)!.pauseAfterMs).toBe(1000);
    const last = script.chapters[2]!.segments;
    expect(last.at(-1)!.role).toBe('outro');
    expect(last.map((segment) => segment.text).join(' ')).toContain('That was your digest of two articles. Thanks for listening.');
  });

  it('speaks the same body sentences as the single briefings, so their cached clips are reused', () => {
    const single = planScript(ARTICLES[0]!, OPTIONS)
      .chapters.flatMap((chapter) => chapter.segments)
      .filter((segment) => segment.role === 'body');
    const digest = script.chapters[1]!.segments.filter((segment) => segment.role === 'body');
    // The clip cache is keyed on what is spoken.
    expect(digest.map((segment) => [segment.spoken, segment.voice])).toEqual(single.map((segment) => [segment.spoken, segment.voice]));
    expect(digest.map((segment) => segment.text)).toEqual(single.map((segment) => segment.text));
  });

  it('needs at least one article', () => {
    expect(() => planDigestScript([], OPTIONS)).toThrow(RangeError);
  });
});
