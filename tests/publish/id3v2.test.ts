import { describe, expect, it } from 'vitest';
import { AudioError } from '../../src/errors.js';
import { buildId3v2Tag, measureId3v2Tag, parseId3v2Chapters, parseTagDate, sanitizeTagText, type TagMetadata } from '../../src/publish/id3v2.js';
import type { ChapterTiming } from '../../src/types.js';

/** Bytes from a mix of hex strings ('49 44 33') and Latin-1 text ({ text: 'TIT2' }). */
function bytes(...parts: (string | { text: string })[]): number[] {
  return parts.flatMap((part) =>
    typeof part === 'string'
      ? part
          .split(/\s+/)
          .filter(Boolean)
          .map((pair) => Number.parseInt(pair, 16))
      : Array.from(part.text, (char) => char.charCodeAt(0)),
  );
}

const t = (text: string) => ({ text });

/** The frames after the 10-byte header. */
function framesOf(tag: Uint8Array): number[] {
  return Array.from(tag.subarray(10));
}

describe('buildId3v2Tag', () => {
  it('writes the exact bytes of a tag holding only a Latin-1 title', () => {
    const tag = buildId3v2Tag({ title: 'Hi', chapters: [] });
    expect(Array.from(tag)).toEqual(
      bytes(
        '49 44 33 03 00 00', // 'ID3', v2.3.0, flags 0
        '00 00 00 0D', // syncsafe tag size: 13
        t('TIT2'),
        '00 00 00 03',
        '00 00', // frame id, size 3, flags
        '00',
        t('Hi'), // ISO-8859-1, no terminator
      ),
    );
  });

  it('writes frame sizes as plain 32-bit big-endian and the tag size as syncsafe', () => {
    const tag = buildId3v2Tag({ title: 'a'.repeat(200), chapters: [] });
    // Tag size 211 = 1 * 128 + 83 -> syncsafe 00 00 01 53; frame size 201 = 0xC9 plain (syncsafe would be 01 49).
    expect(Array.from(tag.subarray(0, 20))).toEqual(bytes('49 44 33 03 00 00', '00 00 01 53', t('TIT2'), '00 00 00 C9', '00 00'));
    expect(tag.length).toBe(10 + 211);
  });

  it('keeps Latin-1 titles in ISO-8859-1 (é is one byte)', () => {
    expect(framesOf(buildId3v2Tag({ title: 'Café', chapters: [] }))).toEqual(bytes(t('TIT2'), '00 00 00 05 00 00', '00', t('Caf'), 'E9'));
  });

  it('writes non-Latin-1 titles as UTF-16 with a little-endian BOM', () => {
    expect(framesOf(buildId3v2Tag({ title: 'Māori', chapters: [] }))).toEqual(
      bytes(t('TIT2'), '00 00 00 0D 00 00', '01 FF FE', '4D 00 01 01 6F 00 72 00 69 00'),
    );
  });

  it('writes characters beyond the BMP as surrogate pairs', () => {
    expect(framesOf(buildId3v2Tag({ title: '🎙', chapters: [] }))).toEqual(bytes(t('TIT2'), '00 00 00 07 00 00', '01 FF FE', '3C D8 99 DF'));
  });

  it('writes artist, album, year and DDMM date, comment and source URL', () => {
    const tag = buildId3v2Tag({
      title: 'T',
      artist: 'Jo',
      album: 'Al',
      date: '2024-05-14T23:30:00-08:00',
      comment: 'Hi',
      sourceUrl: 'https://e.com',
      chapters: [],
    });
    expect(framesOf(tag)).toEqual(
      bytes(
        t('TIT2'),
        '00 00 00 02 00 00',
        '00',
        t('T'),
        t('TPE1'),
        '00 00 00 03 00 00',
        '00',
        t('Jo'),
        t('TALB'),
        '00 00 00 03 00 00',
        '00',
        t('Al'),
        t('TYER'),
        '00 00 00 05 00 00',
        '00',
        t('2024'),
        t('TDAT'),
        '00 00 00 05 00 00',
        '00',
        t('1405'),
        // encoding, language, empty description terminated, then the text
        t('COMM'),
        '00 00 00 07 00 00',
        '00',
        t('eng'),
        '00',
        t('Hi'),
        // encoding of the description, empty description terminated, then the URL in ISO-8859-1
        t('WXXX'),
        '00 00 00 10 00 00',
        '00 00',
        t('https://e.com/'),
      ),
    );
  });

  it('terminates the empty COMM description with 00 00 after a BOM when the comment needs UTF-16', () => {
    const tag = buildId3v2Tag({ title: 'T', comment: 'ā', chapters: [] });
    expect(framesOf(tag).slice(12)).toEqual(bytes(t('COMM'), '00 00 00 0C 00 00', '01', t('eng'), 'FF FE 00 00', 'FF FE 01 01'));
  });

  it('writes the source URL only for http(s), percent-encoding anything outside ASCII', () => {
    const hasUrlFrame = (meta: Partial<TagMetadata>) => String.fromCharCode(...buildId3v2Tag({ title: 'T', chapters: [], ...meta })).includes('WXXX');
    expect(hasUrlFrame({ sourceUrl: '/home/me/article.md' })).toBe(false);
    expect(hasUrlFrame({ sourceUrl: '-' })).toBe(false);
    expect(hasUrlFrame({ sourceUrl: 'ftp://e.com/x' })).toBe(false);
    const tag = buildId3v2Tag({ title: 'T', sourceUrl: 'https://bücher.example/straße', chapters: [] });
    const text = String.fromCharCode(...tag);
    expect(text).toContain('https://xn--bcher-kva.example/stra%C3%9Fe');
  });

  it('writes a year alone when the date has no day, and nothing for a date it cannot read', () => {
    expect(parseTagDate('2024')).toEqual({ year: '2024' });
    expect(parseTagDate('2024-05')).toEqual({ year: '2024' });
    expect(parseTagDate('2024-05-14')).toEqual({ year: '2024', dayMonth: '1405' });
    expect(parseTagDate('2024-13-40')).toEqual({ year: '2024' });
    expect(parseTagDate('May 2024')).toBeUndefined();
    const text = String.fromCharCode(...buildId3v2Tag({ title: 'T', date: 'yesterday', chapters: [] }));
    expect(text).not.toContain('TYER');
  });

  it('writes one CTOC (top-level, ordered, with its TIT2) and one CHAP per chapter, exactly', () => {
    const tag = buildId3v2Tag({
      title: 'T',
      tocTitle: 'Contents',
      chapters: [
        { title: 'A', startMs: 0, endMs: 1000 },
        { title: 'B', startMs: 1000, endMs: 70000 },
      ],
    });
    expect(framesOf(tag)).toEqual(
      bytes(
        t('TIT2'),
        '00 00 00 02 00 00',
        '00',
        t('T'),
        // 'toc\0', flags, count, 'chp0\0', 'chp1\0', TIT2 sub-frame (10 + 9)
        t('CTOC'),
        '00 00 00 23 00 00',
        t('toc'),
        '00',
        '03',
        '02',
        t('chp0'),
        '00',
        t('chp1'),
        '00',
        t('TIT2'),
        '00 00 00 09 00 00',
        '00',
        t('Contents'),
        t('CHAP'),
        '00 00 00 21 00 00',
        t('chp0'),
        '00',
        '00 00 00 00',
        '00 00 03 E8',
        'FF FF FF FF',
        'FF FF FF FF',
        t('TIT2'),
        '00 00 00 02 00 00',
        '00',
        t('A'),
        t('CHAP'),
        '00 00 00 21 00 00',
        t('chp1'),
        '00',
        '00 00 03 E8',
        '00 01 11 70',
        'FF FF FF FF',
        'FF FF FF FF',
        t('TIT2'),
        '00 00 00 02 00 00',
        '00',
        t('B'),
      ),
    );
    // 12 + 45 + 43 + 43 = 143 = 1 * 128 + 15, syncsafe
    expect(Array.from(tag.subarray(6, 10))).toEqual(bytes('00 00 01 0F'));
  });

  it('gives the CTOC the title when there is no tocTitle', () => {
    const parsed = parseId3v2Chapters(buildId3v2Tag({ title: 'Whole', chapters: [{ title: 'A', startMs: 0, endMs: 5 }] }));
    expect(parsed.tocs[0]?.title).toBe('Whole');
  });

  it('writes no CTOC or CHAP when there are no chapters', () => {
    const parsed = parseId3v2Chapters(buildId3v2Tag({ title: 'T', chapters: [] }));
    expect(parsed).toEqual({ version: 3, tocs: [], chapters: [] });
  });

  it('drops U+0000 from text, which v2.3 readers would take as the end of the string', () => {
    expect(sanitizeTagText('a\u0000b')).toBe('ab');
    expect(sanitizeTagText('x\uD800y')).toBe('x\uFFFDy');
    expect(sanitizeTagText('🎙')).toBe('🎙');
    expect(framesOf(buildId3v2Tag({ title: 'a\u0000b', chapters: [] }))).toEqual(bytes(t('TIT2'), '00 00 00 03 00 00', '00', t('ab')));
  });
});

describe('buildId3v2Tag validation', () => {
  const chapters = (count: number): ChapterTiming[] =>
    Array.from({ length: count }, (_, i) => ({ title: `Chapter ${i + 1}`, startMs: i * 1000, endMs: (i + 1) * 1000 }));

  it('accepts 255 chapters and rejects 256 (the CTOC entry count is one byte)', () => {
    expect(parseId3v2Chapters(buildId3v2Tag({ title: 'T', chapters: chapters(255) })).chapters).toHaveLength(255);
    expect(() => buildId3v2Tag({ title: 'T', chapters: chapters(256) })).toThrow(AudioError);
    expect(() => buildId3v2Tag({ title: 'T', chapters: chapters(300) })).toThrow(/300 chapters.*at most 255/);
  });

  it.each([
    [
      'out of order',
      [
        { title: 'A', startMs: 500, endMs: 900 },
        { title: 'B', startMs: 400, endMs: 1000 },
      ],
      /before chapter 1/,
    ],
    ['ending before it starts', [{ title: 'A', startMs: 500, endMs: 400 }], /after it ends/],
    ['fractional', [{ title: 'A', startMs: 0.5, endMs: 1000 }], /whole milliseconds/],
    ['negative', [{ title: 'A', startMs: -1, endMs: 1000 }], /whole milliseconds/],
    ['beyond 32 bits', [{ title: 'A', startMs: 0, endMs: 2 ** 32 }], /whole milliseconds/],
    ['NaN', [{ title: 'A', startMs: 0, endMs: Number.NaN }], /whole milliseconds/],
    ['untitled', [{ title: ' ', startMs: 0, endMs: 1000 }], /empty title/],
  ])('rejects chapters %s', (_name, list, message) => {
    expect(() => buildId3v2Tag({ title: 'T', chapters: list })).toThrow(AudioError);
    expect(() => buildId3v2Tag({ title: 'T', chapters: list })).toThrow(message);
  });

  it('accepts gaps, overlaps of end with the next start, and zero-length chapters', () => {
    const list = [
      { title: 'A', startMs: 0, endMs: 0 },
      { title: 'B', startMs: 0, endMs: 2000 },
      { title: 'C', startMs: 1500, endMs: 1600 },
      { title: 'D', startMs: 5000, endMs: 9000 },
    ];
    expect(parseId3v2Chapters(buildId3v2Tag({ title: 'T', chapters: list })).chapters.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 0],
      [0, 2000],
      [1500, 1600],
      [5000, 9000],
    ]);
  });
});

describe('parseId3v2Chapters and measureId3v2Tag', () => {
  it('reads back every chapter, the CTOC and UTF-16 titles from a built tag', () => {
    const chapters = [
      { title: 'Opening', startMs: 0, endMs: 1234 },
      { title: 'Te reo Māori', startMs: 1234, endMs: 5678 },
      { title: '“Quoted” — dash', startMs: 5678, endMs: 9000 },
    ];
    const parsed = parseId3v2Chapters(buildId3v2Tag({ title: 'Brief', tocTitle: 'Inhalt ✓', chapters }));
    expect(parsed.version).toBe(3);
    expect(parsed.tocs).toEqual([{ elementId: 'toc', flags: 0x03, childElementIds: ['chp0', 'chp1', 'chp2'], title: 'Inhalt ✓' }]);
    expect(parsed.chapters).toEqual(
      chapters.map((c, i) => ({ elementId: `chp${i}`, startMs: c.startMs, endMs: c.endMs, startOffset: 0xffffffff, endOffset: 0xffffffff, title: c.title })),
    );
  });

  it('measures a tag from its header, and finds none in plain audio', () => {
    const tag = buildId3v2Tag({ title: 'T', chapters: [] });
    expect(measureId3v2Tag(tag)).toBe(tag.length);
    expect(measureId3v2Tag(Uint8Array.of(0xff, 0xfb, 0x50, 0xc0, 0, 0, 0, 0, 0, 0))).toBe(0);
    expect(measureId3v2Tag(Uint8Array.of(0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0x80, 0))).toBe(0); // not syncsafe: not a tag
    expect(measureId3v2Tag(Uint8Array.of(0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 0, 5))).toBe(25); // v2.4 footer
    expect(measureId3v2Tag(tag.subarray(0, 9))).toBe(0);
  });

  it('rejects data without a tag, or a tag cut short', () => {
    expect(() => parseId3v2Chapters(new Uint8Array(20))).toThrow(AudioError);
    const tag = buildId3v2Tag({ title: 'T', chapters: [{ title: 'A', startMs: 0, endMs: 1 }] });
    expect(() => parseId3v2Chapters(tag.subarray(0, tag.length - 1))).toThrow(/cut short/);
  });
});
