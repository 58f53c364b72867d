import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCues, formatTranscriptVtt, formatVtt, formatVttTimestamp, MAX_LINE_CHARS, wrapWords } from '../../src/publish/vtt.js';
import type { SegmentTiming } from '../../src/types.js';

const segment = (text: string, startMs: number, endMs: number, chapterIndex = 0): SegmentTiming => ({ chapterIndex, role: 'body', text, startMs, endMs });

describe('formatVttTimestamp', () => {
  it('writes HH:MM:SS.mmm', () => {
    expect(formatVttTimestamp(0)).toBe('00:00:00.000');
    expect(formatVttTimestamp(61_001)).toBe('00:01:01.001');
    expect(formatVttTimestamp(3_723_456)).toBe('01:02:03.456');
    expect(formatVttTimestamp(12.6)).toBe('00:00:00.013');
  });
});

describe('wrapWords', () => {
  it('wraps on words', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
  it('cuts a word longer than a line', () => {
    expect(wrapWords('see https://example.com/abcdef', 10)).toEqual(['see', 'https://ex', 'ample.com/', 'abcdef']);
  });
});

describe('buildCues and formatVtt', () => {
  it('writes one cue per short segment, with its exact times and escaped text', () => {
    const vtt = formatTranscriptVtt([segment('Q&A <live>', 0, 1500), segment('Second -> sentence.', 1750, 3000, 1)]);
    expect(vtt).toBe(`WEBVTT

00:00:00.000 --> 00:00:01.500
Q&amp;A &lt;live&gt;

00:00:01.750 --> 00:00:03.000
Second -&gt; sentence.
`);
  });

  it('wraps a longer segment into two balanced lines', () => {
    const text = 'The council will meet on Friday to discuss the funding of the repairs to both piers.';
    const [cue] = buildCues([segment(text, 1000, 6000)]);
    expect(cue!.lines).toEqual(['The council will meet on Friday to discuss', 'the funding of the repairs to both piers.']);
    expect(cue!.startMs).toBe(1000);
    expect(cue!.endMs).toBe(6000);
  });

  it('splits a long segment into several cues, sharing its time out by characters', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const cues = buildCues([segment(words.join(' '), 10_000, 40_000)]);
    expect(cues.length).toBeGreaterThan(1);
    expect(cues[0]!.startMs).toBe(10_000);
    expect(cues.at(-1)!.endMs).toBe(40_000);
    for (let i = 1; i < cues.length; i++) expect(cues[i]!.startMs).toBe(cues[i - 1]!.endMs);
    expect(cues.flatMap((cue) => cue.lines).join(' ')).toBe(words.join(' '));
    // Time follows the text: a cue's share of the time is its share of the characters (within rounding).
    const first = cues[0]!;
    const share = (first.lines.join(' ').length + 1) / words.join(' ').length;
    expect(first.endMs - first.startMs).toBeCloseTo(30_000 * share, -1);
  });

  it('skips segments without text or sound', () => {
    expect(buildCues([segment('  ', 0, 100), segment('silent', 100, 100)])).toEqual([]);
    expect(formatVtt([])).toBe('WEBVTT\n');
  });

  it("keeps a word's cue up while the rest of its reading is heard, without showing anything twice", () => {
    // "123,456,789,012,345" read in two engine runs: the second piece has no written text of its own.
    const cues = buildCues([segment('It was', 0, 500), segment('123,456,789,012,345', 620, 4000), segment('', 4120, 6000), segment('Next.', 6250, 7000, 1)]);
    expect(cues.map((cue) => [cue.lines.join(' '), cue.startMs, cue.endMs])).toEqual([
      ['It was', 0, 500],
      ['123,456,789,012,345', 620, 6000],
      ['Next.', 6250, 7000],
    ]);
  });

  // Segments last at least 200 ms here: a real one holds speech, and each of its cues needs a millisecond.
  it('keeps every cue inside its segment, in order, with short lines (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z&<>"'’é.,-]{1,20}$/);
    const text = fc.array(word, { minLength: 1, maxLength: 60 }).map((words) => words.join(' '));
    const segmentsArb = fc
      .array(fc.tuple(text, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 200, max: 20_000 })), { minLength: 1, maxLength: 20 })
      .map((parts) => {
        let at = 0;
        return parts.map(([words, gap, length]) => {
          const startMs = at + gap;
          at = startMs + length;
          return segment(words, startMs, at);
        });
      });
    fc.assert(
      fc.property(segmentsArb, (segments) => {
        const cues = buildCues(segments);
        let previousEnd = 0;
        for (const cue of cues) {
          expect(cue.endMs).toBeGreaterThan(cue.startMs);
          expect(cue.startMs).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = cue.endMs;
          expect(cue.lines.length).toBeLessThanOrEqual(2);
          for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
          const owner = segments.find((s) => cue.startMs >= s.startMs && cue.endMs <= s.endMs);
          expect(owner).toBeDefined();
        }
        expect(cues.flatMap((cue) => cue.lines).join(' ')).toBe(segments.map((s) => s.text).join(' '));
      }),
    );
  });
});
