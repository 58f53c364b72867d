// The whole product on the sample article: the real CLI, real flite, real ffmpeg, read back with ffprobe and
// music-metadata (tools this project did not write).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from 'music-metadata';
import { runTool } from '../../src/run-tool.js';
import { parseId3v2Chapters } from '../../src/publish/id3v2.js';
import { readAloud } from '../../src/script/plan-script.js';
import { BUILT_IN_LEXICON } from '../../src/script/lexicon.js';
import { SAMPLE, SAMPLE_CHAPTERS } from '../cli/cli-harness.js';
import { detectSilences, measureFileLoudness, probeFile, probePacketSizes, probeStream } from '../helpers/media-tools.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

interface Summary {
  file: string;
  durationMs: number;
  chapters: { title: string; startMs: number; endMs: number }[];
  cache: { hits: number; misses: number };
}

let dir: string;
let mp3: string;
let summary: Summary;
let script: { title: string; chapters: { title: string; segments: { role: string; voice: string; text: string; spoken: string; pauseAfterMs: number }[] }[] };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-e2e-'));
  mp3 = path.join(dir, 'out folder', "xi's briefing.mp3");
  const brief = await runTool(process.execPath, [CLI, SAMPLE, '--engine', 'flite', '-o', mp3, '--json', '--cache-dir', path.join(dir, 'cache')], {
    timeoutMs: 280_000,
  });
  expect(brief.stderr).toBe('');
  expect(brief.exitCode).toBe(0);
  summary = JSON.parse(brief.stdout) as Summary;
  const planned = await runTool(process.execPath, [CLI, 'script', SAMPLE, '--engine', 'flite', '--json']);
  expect(planned.exitCode).toBe(0);
  script = JSON.parse(planned.stdout) as typeof script;
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('briefing the sample article with flite', () => {
  it('writes the file it reports and its two sidecars, and nothing else beside it', async () => {
    expect(summary.file).toBe(mp3);
    expect((await readdir(path.dirname(mp3))).sort()).toEqual(["xi's briefing.chapters.json", "xi's briefing.mp3", "xi's briefing.vtt"]);
  });

  it('writes Podcasting 2.0 chapters with exactly the ID3 chapter times', async () => {
    const json = JSON.parse(await readFile(mp3.replace(/\.mp3$/, '.chapters.json'), 'utf8')) as {
      version: string;
      chapters: { startTime: number; title: string }[];
    };
    expect(json.version).toBe('1.2.0');
    const metadata = await parseFile(mp3);
    expect(json.chapters.map((c) => [c.title, c.startTime])).toEqual(metadata.format.chapters!.map((c) => [c.title, c.start]));
  });

  it('has exactly the expected chapters, contiguous from 0 to the end', async () => {
    const probe = await probeFile(mp3);
    expect(probe.chapters.map((chapter) => chapter.tags?.title)).toEqual(SAMPLE_CHAPTERS);
    expect(Number(probe.chapters[0]!.start_time)).toBe(0);
    for (let i = 1; i < probe.chapters.length; i++) {
      expect(probe.chapters[i]!.start_time).toBe(probe.chapters[i - 1]!.end_time);
    }
    const duration = Number((await probeStream(mp3)).duration);
    // The MP3 ends on a whole 1152-sample frame (26 ms) and the limiter's 5 ms look-ahead: within 0.1 s.
    expect(Math.abs(Number(probe.chapters.at(-1)!.end_time) - duration)).toBeLessThan(0.1);
    expect(summary.chapters.map((chapter) => chapter.title)).toEqual(SAMPLE_CHAPTERS);
  });

  it('carries an ID3v2.3 tag with CHAP frames and a top-level, ordered CTOC', async () => {
    const bytes = await readFile(mp3);
    expect([...bytes.subarray(0, 4)]).toEqual([0x49, 0x44, 0x33, 0x03]);
    const tag = parseId3v2Chapters(bytes);
    expect(tag.tocs).toHaveLength(1);
    expect(tag.tocs[0]!.flags & 0x03).toBe(0x03);
    expect(tag.tocs[0]!.childElementIds).toEqual(tag.chapters.map((chapter) => chapter.elementId));
    expect(tag.chapters.every((chapter) => chapter.startOffset === 0xffffffff && chapter.endOffset === 0xffffffff)).toBe(true);

    const metadata = await parseFile(mp3);
    expect(metadata.format.tagTypes).toContain('ID3v2.3');
    expect(metadata.common.title).toBe(SAMPLE_CHAPTERS[0]);
    expect(metadata.format.chapters?.map((chapter) => chapter.title)).toEqual(SAMPLE_CHAPTERS);
    expect(metadata.format.chapters?.map((chapter) => Math.round(chapter.start * 1000))).toEqual(summary.chapters.map((chapter) => chapter.startMs));
    expect(metadata.native['ID3v2.3']?.some((frame) => frame.id === 'CTOC')).toBe(true);
  });

  it('is a 44.1 kHz mono MP3 at a constant 64 kbps', async () => {
    const stream = await probeStream(mp3);
    expect(stream).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 1, bit_rate: '64000' });
    const sizes = new Set(await probePacketSizes(mp3));
    // 64 kbps at 44.1 kHz: 1152 * 64000 / 8 / 44100 = 208.98 bytes, so frames are 208 or 209 (padded) bytes.
    expect([...sizes].every((size) => size === 208 || size === 209)).toBe(true);
  });

  it('is at -16 LUFS with a true peak at or below -1 dBTP', async () => {
    const { integrated, truePeak } = await measureFileLoudness(mp3);
    // Half a LU: what the encode takes from the level and what the pauses take from the blocks are made up for.
    expect(Math.abs(integrated + 16)).toBeLessThanOrEqual(0.5);
    expect(truePeak).toBeLessThanOrEqual(-1);
  });

  it('has a pause of about a second right before every section chapter', async () => {
    const silences = await detectSilences(mp3, 0.8);
    for (const chapter of summary.chapters.slice(1)) {
      const start = chapter.startMs / 1000;
      const before = silences.find((silence) => Math.abs(silence.end - start) < 0.1);
      expect(before, `silence ending at ${start}s`).toBeDefined();
      expect(before!.end - before!.start).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('reads every paragraph exactly once, skips the repeated title and the empty Sources heading', async () => {
    const source = await readFile(SAMPLE, 'utf8');
    const paragraphs = source
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.split(/\s+/).length > 15);
    const body = script.chapters
      .flatMap((c) => c.segments)
      .filter((s) => s.role === 'body')
      .map((s) => s.text)
      .join(' ');
    for (const paragraph of paragraphs) {
      // The paragraph as the planner writes it into the script (tidied), found exactly once in the body.
      const spokenParagraph = readAloud(paragraph, 'body', 'slt', 600, 250, 600, BUILT_IN_LEXICON)
        .map((s) => s.text)
        .join(' ');
      expect(spokenParagraph.length).toBeGreaterThan(paragraph.length * 0.8);
      expect(body.split(spokenParagraph).length - 1, paragraph.slice(0, 40)).toBe(1);
    }
    const spoken = script.chapters
      .flatMap((c) => c.segments)
      .map((s) => s.text)
      .join(' ');
    expect(spoken).not.toContain('Sources');
    expect(script.chapters.map((c) => c.title)).toEqual(SAMPLE_CHAPTERS);
    expect(script.chapters[0]!.segments.filter((s) => s.role === 'title')).toHaveLength(1);
  });

  it('shows the article as written in the script and the transcript, and gives the engine its reading', async () => {
    const segments = script.chapters.flatMap((c) => c.segments);
    for (const segment of segments) {
      expect(typeof segment.text).toBe('string');
      expect(segment.spoken).toMatch(/[\p{L}\p{N}]/u);
    }
    // The engine hears the lexicon's respellings; the written text keeps the names.
    expect(segments.some((s) => s.text.includes('Xi Jinping') && s.spoken.includes('Shee Jinping'))).toBe(true);

    const words = (text: string) => text.match(/[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*/gu) ?? [];
    const written = segments.map((s) => s.text).join(' ');
    const writtenWords = new Set(words(written));
    const articleWords = words(await readFile(SAMPLE, 'utf8'));
    // Everything but the empty "Sources" heading: 521 of 522 words (99.8%).
    const kept = articleWords.filter((word) => writtenWords.has(word)).length / articleWords.length;
    expect(kept).toBeGreaterThanOrEqual(0.995);

    const vtt = (await readFile(mp3.replace(/\.mp3$/, '.vtt'), 'utf8'))
      .split('\n')
      .filter((line) => line && line !== 'WEBVTT' && !line.includes('-->'))
      .join(' ');
    expect(words(vtt).filter((word) => !writtenWords.has(word))).toEqual([]);
    // Every written word is captioned, once, in order.
    expect(words(vtt)).toEqual(words(written));
    expect(vtt).not.toMatch(/\bShee\b|Poo-tin|\bU S\b|Oon\b|Ook-nah/);
    expect(vtt).toContain('a direct challenge to the U.S.-led international order.');
  });

  it('uses distinct host and narrator voices', () => {
    const segments = script.chapters.flatMap((c) => c.segments);
    const hostVoices = new Set(segments.filter((s) => s.role !== 'body').map((s) => s.voice));
    const narratorVoices = new Set(segments.filter((s) => s.role === 'body').map((s) => s.voice));
    expect(hostVoices.size).toBe(1);
    expect(narratorVoices.size).toBe(1);
    expect([...hostVoices][0]).not.toBe([...narratorVoices][0]);
  });

  it('reuses every clip from the cache on a second run, with the same chapter times', async () => {
    const again = path.join(dir, 'again.mp3');
    const rerun = await runTool(process.execPath, [CLI, SAMPLE, '--engine', 'flite', '-o', again, '--json', '--cache-dir', path.join(dir, 'cache')], {
      timeoutMs: 280_000,
    });
    expect(rerun.exitCode).toBe(0);
    const second = JSON.parse(rerun.stdout) as Summary;
    expect(summary.cache.hits).toBe(0);
    expect(second.cache).toMatchObject({ hits: summary.cache.misses, misses: 0 });
    expect(second.chapters).toEqual(summary.chapters);
  });
});
