import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioError, OutputError } from '../../src/errors.js';
import { buildId3v2Tag, measureId3v2Tag, parseId3v2Chapters, type TagMetadata } from '../../src/publish/id3v2.js';
import { prependId3v2Tag, verifyTag } from '../../src/publish/write-tag.js';
import { encodeToneMp3, probeFile } from '../helpers/media-tools.js';

let dir: string;
let plainMp3: string;
let plainBytes: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'briefcast-publish-'));
  plainMp3 = join(dir, 'plain.mp3');
  await encodeToneMp3(plainMp3, 3);
  plainBytes = await readFile(plainMp3);
  expect(measureId3v2Tag(plainBytes)).toBe(0);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const threeChapters: TagMetadata = {
  title: 'Morning briefing: Māori language week',
  artist: 'Jane Doe',
  album: 'briefcast',
  date: '2024-09-16',
  comment: 'Read aloud by briefcast.',
  sourceUrl: 'https://example.com/news/te-wiki',
  tocTitle: 'Chapters',
  chapters: [
    { title: 'Opening', startMs: 0, endMs: 1000 },
    { title: 'Why it matters — “te reo”', startMs: 1000, endMs: 2250 },
    { title: 'Closing', startMs: 2250, endMs: 3000 },
  ],
};

/** Chapter start/end in ms from ffprobe's decimal seconds. */
const ms = (seconds: string | undefined) => Math.round(Number(seconds) * 1000);

describe('prependId3v2Tag on a real ffmpeg MP3', () => {
  it('round-trips title, artist, album and three chapters through music-metadata, ffprobe and our parser', async () => {
    const output = join(dir, 'three.mp3');
    const tag = buildId3v2Tag(threeChapters);
    await prependId3v2Tag(plainMp3, tag, output);

    const written = await readFile(output);
    expect(Buffer.compare(written.subarray(0, tag.length), Buffer.from(tag))).toBe(0);
    expect(Buffer.compare(written.subarray(tag.length), Buffer.from(plainBytes))).toBe(0);

    await verifyTag(output, threeChapters);

    const metadata = await parseFile(output, { includeChapters: true });
    expect(metadata.common.title).toBe(threeChapters.title);
    expect(metadata.common.artist).toBe('Jane Doe');
    expect(metadata.common.album).toBe('briefcast');
    expect(metadata.common.year).toBe(2024);
    expect(metadata.format.chapters?.map((c) => ({ title: c.title, start: c.start, end: c.end }))).toEqual([
      { title: 'Opening', start: 0, end: 1 },
      { title: 'Why it matters — “te reo”', start: 1, end: 2.25 },
      { title: 'Closing', start: 2.25, end: 3 },
    ]);
    expect(metadata.quality.warnings).toEqual([]);
    expect(metadata.format.duration).toBeGreaterThan(2.9);

    const probe = await probeFile(output);
    expect(probe.format.tags).toMatchObject({
      title: threeChapters.title,
      artist: 'Jane Doe',
      album: 'briefcast',
      date: '2024-09-16', // ffmpeg merges TYER and TDAT
      comment: 'Read aloud by briefcast.',
    });
    expect(probe.chapters.map((c) => [c.tags?.title, ms(c.start_time), ms(c.end_time)])).toEqual(
      threeChapters.chapters.map((c) => [c.title, c.startMs, c.endMs]),
    );

    const ours = parseId3v2Chapters(written.subarray(0, 4096));
    expect(ours.version).toBe(3);
    expect(ours.tocs).toEqual([{ elementId: 'toc', flags: 0x03, childElementIds: ['chp0', 'chp1', 'chp2'], title: 'Chapters' }]);
    expect(ours.chapters.map((c) => [c.elementId, c.title, c.startMs, c.endMs])).toEqual(
      threeChapters.chapters.map((c, i) => [`chp${i}`, c.title, c.startMs, c.endMs]),
    );
  });

  it('keeps all 40 chapters with titles over 100 characters (what ffmpeg’s own v2.4 writer breaks)', async () => {
    const chapters = Array.from({ length: 40 }, (_, i) => ({
      title: `Section ${i + 1}: ${i % 3 === 0 ? 'Ngā kōrero o te wiki — ' : ''}${'a very long heading that goes on and on '.repeat(3)}end ${i + 1}`,
      startMs: i * 75,
      endMs: (i + 1) * 75,
    }));
    expect(chapters.every((c) => c.title.length > 100)).toBe(true);
    const meta: TagMetadata = { title: 'Forty', artist: 'example.com', album: 'briefcast', chapters };
    const output = join(dir, 'forty.mp3');
    await prependId3v2Tag(plainMp3, buildId3v2Tag(meta), output);

    await verifyTag(output, meta);
    const metadata = await parseFile(output, { includeChapters: true });
    expect(metadata.format.chapters?.map((c) => [c.title, Math.round(c.start * 1000)])).toEqual(chapters.map((c) => [c.title, c.startMs]));

    const probe = await probeFile(output);
    expect(probe.chapters).toHaveLength(40);
    expect(probe.chapters.map((c) => [c.tags?.title, ms(c.start_time), ms(c.end_time)])).toEqual(chapters.map((c) => [c.title, c.startMs, c.endMs]));

    const ours = parseId3v2Chapters(await readFile(output));
    expect(ours.tocs[0]?.childElementIds).toEqual(chapters.map((_, i) => `chp${i}`));
    expect(ours.chapters.map((c) => c.title)).toEqual(chapters.map((c) => c.title));
  });

  it('replaces a tag ffmpeg already wrote, and can tag a file in place', async () => {
    const tagged = join(dir, 'ffmpeg-tagged.mp3');
    await encodeToneMp3(tagged, 1, 'Old title from ffmpeg');
    const before = await readFile(tagged);
    const oldTagLength = measureId3v2Tag(before);
    expect(oldTagLength).toBeGreaterThan(10);

    const meta: TagMetadata = { title: 'New', chapters: [{ title: 'Only', startMs: 0, endMs: 1000 }] };
    const tag = buildId3v2Tag(meta);
    await prependId3v2Tag(tagged, tag, tagged);

    const after = await readFile(tagged);
    expect(after.length).toBe(tag.length + before.length - oldTagLength);
    expect(Buffer.compare(after.subarray(tag.length), before.subarray(oldTagLength))).toBe(0);
    expect(measureId3v2Tag(after.subarray(tag.length))).toBe(0);
    await verifyTag(tagged, meta);
    expect((await probeFile(tagged)).format.tags?.title).toBe('New');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a missing input as an AudioError and an unwritable output as an OutputError, leaving nothing behind', async () => {
    const tag = buildId3v2Tag({ title: 'T', chapters: [] });
    await expect(prependId3v2Tag(join(dir, 'missing.mp3'), tag, join(dir, 'out.mp3'))).rejects.toThrow(AudioError);
    await expect(prependId3v2Tag(plainMp3, tag, join(dir, 'no-such-folder', 'out.mp3'))).rejects.toThrow(OutputError);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp') || name === 'out.mp3')).toEqual([]);
  });
});

describe('verifyTag', () => {
  let output: string;
  beforeAll(async () => {
    output = join(dir, 'verify.mp3');
    await prependId3v2Tag(plainMp3, buildId3v2Tag(threeChapters), output);
  });

  it.each<[string, Partial<TagMetadata>, RegExp]>([
    ['title', { title: 'Other' }, /title is "Morning briefing: Māori language week", expected "Other"/],
    ['artist', { artist: 'Someone' }, /artist is "Jane Doe", expected "Someone"/],
    ['album', { album: undefined }, /album is "briefcast", expected missing/],
    ['chapter count', { chapters: threeChapters.chapters.slice(0, 2) }, /CTOC lists 3 chapters, expected 2/],
    ['chapter title', { chapters: threeChapters.chapters.map((c, i) => (i === 1 ? { ...c, title: 'Other' } : c)) }, /chapter 2's title is/],
    [
      'chapter start',
      { chapters: threeChapters.chapters.map((c, i) => (i === 2 ? { ...c, startMs: 2249 } : c)) },
      /chapter 3 starts at 2250 ms, expected 2249 ms/,
    ],
    ['CTOC title', { tocTitle: 'Contents' }, /CTOC title is "Chapters", expected "Contents"/],
  ])('throws a one-line AudioError when the %s differs', async (_name, change, message) => {
    const error = await verifyTag(output, { ...threeChapters, ...change }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AudioError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('throws when the file has no ID3v2.3 tag', async () => {
    await expect(verifyTag(plainMp3, threeChapters)).rejects.toThrow(/no ID3v2\.3 tag/);
  });
});
