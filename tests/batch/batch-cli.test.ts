// The batch command end to end: the real CLI (dist/), real flite and ffmpeg, read back with ffprobe and a strict
// XML parser. One folder is briefed three times: first with a corrupt file among three articles in three formats,
// then unchanged, then after a one-paragraph edit, a new article, a feed URL and a digest.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runTool } from '../../src/run-tool.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { probeFile, probeStream } from '../helpers/media-tools.js';
import { checkFeed } from '../publish/feed-check.js';
import { BEES_TXT, corruptBytes, FERRY_MD, HARBOUR_MD, RAIL_HTML } from './articles.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SLUGS = ['bees', 'harbour', 'rail'];

interface JsonReport {
  items: { input: string; slug?: string; status: string; durationMs?: number; chapters?: number; cache?: { hits: number; misses: number }; error?: string }[];
  digest?: { file: string; status: string; chapters?: number };
  failed: number;
}

let dir: string;
let first: { exitCode: number | undefined; stdout: string; stderr: string; ms: number };
let second: { exitCode: number | undefined; report: JsonReport; ms: number; feedBefore: string; feedAfter: string };
let third: { exitCode: number | undefined; report: JsonReport; stderr: string };
let fourth: { report: JsonReport };
type StoredState = { items: { slug: string; guid: string; firstBriefedAt: string; segments: { startMs: number; endMs: number }[] }[] };
let stateAfterFirst: StoredState;

async function brief(args: string[]) {
  const started = performance.now();
  const result = await runTool(process.execPath, [CLI, 'batch', ...args], { timeoutMs: 280_000, cwd: dir });
  return { ...result, ms: performance.now() - started };
}

const common = () => ['in', '-o', 'out', '--engine', 'flite', '--cache-dir', path.join(dir, 'cache')];

describeWithBinaries(
  'flite',
  'ffmpeg',
  'ffprobe',
)('briefcast batch on a folder', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-batch-'));
    await mkdir(path.join(dir, 'in'));
    await writeFile(path.join(dir, 'in', 'harbour.md'), HARBOUR_MD);
    await writeFile(path.join(dir, 'in', 'bees.txt'), BEES_TXT);
    await writeFile(path.join(dir, 'in', 'rail.html'), RAIL_HTML);
    await writeFile(path.join(dir, 'in', 'corrupt.txt'), corruptBytes());

    const run1 = await brief(common());
    first = { exitCode: run1.exitCode, stdout: run1.stdout, stderr: run1.stderr, ms: run1.ms };
    stateAfterFirst = JSON.parse(await readFile(path.join(dir, 'out', '.briefcast', 'state.json'), 'utf8')) as typeof stateAfterFirst;

    const feedBefore = await readFile(path.join(dir, 'out', 'feed.xml'), 'utf8');
    // Three times, keeping the quickest: the machine is shared with other test files, and one slow start is noise.
    const run2 = await brief([...common(), '--json']);
    const ms = Math.min(run2.ms, (await brief([...common(), '--json'])).ms, (await brief([...common(), '--json'])).ms);
    second = {
      exitCode: run2.exitCode,
      report: JSON.parse(run2.stdout) as JsonReport,
      ms,
      feedBefore,
      feedAfter: await readFile(path.join(dir, 'out', 'feed.xml'), 'utf8'),
    };

    await writeFile(path.join(dir, 'in', 'harbour.md'), HARBOUR_MD.replace('Two piers were damaged.', 'Three piers were damaged.'));
    await writeFile(path.join(dir, 'in', 'ferry.md'), FERRY_MD);
    const feedArgs = ['--feed-url', 'https://example.com/briefings', '--feed-title', 'Morning & evening briefings', '--digest', 'out/digest.mp3', '--json'];
    const run3 = await brief([...common(), ...feedArgs]);
    third = { exitCode: run3.exitCode, report: JSON.parse(run3.stdout) as JsonReport, stderr: run3.stderr };
    const run4 = await brief([...common(), '--digest', 'out/digest.mp3', '--json']);
    fourth = { report: JSON.parse(run4.stdout) as JsonReport };
  }, 600_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('briefs the good articles, fails the corrupt one alone, and exits with the documented code 7', () => {
    expect(first.exitCode).toBe(7);
    expect(first.stdout).toMatch(/^in\/bees\.txt\s+made\s+0:\d\d\s+2\s+\d+ synthesized, \d+ cached$/m);
    expect(first.stdout).toMatch(/^in\/harbour\.md\s+made\s+0:\d\d\s+3\s/m);
    expect(first.stdout).toMatch(/^in\/rail\.html\s+made\s+0:\d\d\s+2\s/m);
    expect(first.stdout).toMatch(/^in\/corrupt\.txt\s+failed\s+-\s+-\s+-$/m);
    expect(first.stdout).toMatch(/^ {2}in\/corrupt\.txt: .*corrupt\.txt looks like a binary file, not an article\./m);
    expect(first.stdout).toContain('4 articles: 3 made, 0 up to date, 1 failed.');
    expect(first.stderr).toMatch(/^briefcast: 1 of 4 failed \(in\/corrupt\.txt\)/m);
  });

  it('writes an MP3, chapters JSON and transcript per article, the feed and the page, and nothing half-written', async () => {
    const files = (await readdir(path.join(dir, 'out'))).filter((name) => !name.startsWith('digest'));
    expect(files.sort()).toEqual(
      [
        '.briefcast',
        ...SLUGS.flatMap((slug) => [`${slug}.chapters.json`, `${slug}.mp3`, `${slug}.vtt`]),
        'ferry.chapters.json',
        'ferry.mp3',
        'ferry.vtt',
        'feed.xml',
        'index.html',
      ].sort(),
    );
  });

  it('writes chapters.json with exactly the times and titles of the ID3 chapters', async () => {
    for (const slug of SLUGS) {
      const json = JSON.parse(await readFile(path.join(dir, 'out', `${slug}.chapters.json`), 'utf8')) as {
        version: string;
        chapters: { startTime: number; endTime: number; title: string }[];
      };
      const probe = await probeFile(path.join(dir, 'out', `${slug}.mp3`));
      expect(json.version).toBe('1.2.0');
      expect(json.chapters.map((chapter) => chapter.title)).toEqual(probe.chapters.map((chapter) => chapter.tags?.title));
      expect(json.chapters.map((chapter) => chapter.startTime)).toEqual(probe.chapters.map((chapter) => Number(chapter.start_time)));
      expect(json.chapters.map((chapter) => chapter.endTime)).toEqual(probe.chapters.map((chapter) => Number(chapter.end_time)));
    }
  });

  it('writes a WebVTT transcript whose cues are ordered, inside the audio and inside their segments', async () => {
    const state = JSON.parse(await readFile(path.join(dir, 'out', '.briefcast', 'state.json'), 'utf8')) as StoredState;
    for (const slug of SLUGS) {
      const vtt = await readFile(path.join(dir, 'out', `${slug}.vtt`), 'utf8');
      expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
      const duration = Number((await probeStream(path.join(dir, 'out', `${slug}.mp3`))).duration) * 1000;
      const toMs = (stamp: string) => {
        const [h, m, s] = stamp.split(':');
        return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000);
      };
      const blocks = vtt.trim().split(/\n\n+/).slice(1);
      expect(blocks.length).toBeGreaterThan(4);
      const segments = state.items.find((item) => item.slug === slug)!.segments;
      let previousEnd = 0;
      for (const block of blocks) {
        const [timing, ...lines] = block.split('\n');
        const match = /^(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})$/.exec(timing!);
        expect(match, block).not.toBeNull();
        const start = toMs(match![1]!);
        const end = toMs(match![2]!);
        expect(start).toBeGreaterThanOrEqual(previousEnd);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(duration + 1);
        expect(
          segments.some((segment) => start >= segment.startMs && end <= segment.endMs),
          block,
        ).toBe(true);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.length).toBeLessThanOrEqual(2);
        for (const line of lines) {
          expect(line.replace(/&(amp|lt|gt);/g, '_').length).toBeLessThanOrEqual(65);
          expect(line).not.toMatch(/<|>|&(?!amp;|lt;|gt;)/);
        }
        previousEnd = end;
      }
    }
  });

  it('reports an unchanged rerun as up to date, at under a tenth of the first run, rewriting nothing', () => {
    expect(second.exitCode).toBe(7);
    expect(second.report.items.map((item) => [item.input, item.status])).toEqual([
      ['in/bees.txt', 'up to date'],
      ['in/corrupt.txt', 'failed'],
      ['in/harbour.md', 'up to date'],
      ['in/rail.html', 'up to date'],
    ]);
    console.info(`batch: first run ${Math.round(first.ms)} ms, unchanged rerun ${Math.round(second.ms)} ms`);
    expect(second.ms).toBeLessThan(first.ms / 10);
    expect(second.feedAfter).toBe(second.feedBefore);
  });

  it('re-briefs only the edited article, mostly from cached clips, and briefs the new one', () => {
    const status = Object.fromEntries(third.report.items.map((item) => [item.input, item]));
    expect(status['in/harbour.md']!.status).toBe('made');
    const cache = status['in/harbour.md']!.cache!;
    expect(cache.misses).toBeLessThanOrEqual(2);
    expect(cache.hits).toBeGreaterThan(cache.misses * 4);
    expect(status['in/ferry.md']!.status).toBe('made');
    expect(status['in/bees.txt']!.status).toBe('up to date');
    expect(status['in/rail.html']!.status).toBe('up to date');
  });

  it('keeps a valid feed: old episodes keep their guid and date, the new one is added, URLs are absolute', async () => {
    const xml = await readFile(path.join(dir, 'out', 'feed.xml'), 'utf8');
    expect(checkFeed(xml, { absoluteUrls: true })).toEqual([]);
    expect(checkFeed(second.feedBefore, { absoluteUrls: false })).toEqual([]);
    expect(xml).toContain('<title>Morning &amp; evening briefings</title>');
    expect(xml.match(/<item>/g)).toHaveLength(4);
    for (const item of stateAfterFirst.items) {
      expect(xml).toContain(`<guid isPermaLink="false">${item.guid}</guid>`);
      expect(xml).toContain(`<pubDate>${new Date(item.firstBriefedAt).toUTCString()}</pubDate>`);
    }
    for (const slug of [...SLUGS, 'ferry']) {
      const size = (await stat(path.join(dir, 'out', `${slug}.mp3`))).size;
      expect(xml).toContain(`<enclosure url="https://example.com/briefings/${slug}.mp3" length="${size}" type="audio/mpeg"/>`);
      expect(xml).toContain(`<podcast:chapters url="https://example.com/briefings/${slug}.chapters.json" type="application/json+chapters"/>`);
      expect(xml).toContain(`<podcast:transcript url="https://example.com/briefings/${slug}.vtt" type="text/vtt" rel="captions"/>`);
    }
    // Remembered without the flags on the next run.
    const later = await readFile(path.join(dir, 'out', 'feed.xml'), 'utf8');
    expect(later).toContain('https://example.com/briefings/feed.xml');
  });

  it('makes a digest with a rundown and a chapter per article, and knows when it is up to date', async () => {
    expect(third.report.digest?.status).toBe('made');
    const probe = await probeFile(path.join(dir, 'out', 'digest.mp3'));
    expect(probe.chapters.map((chapter) => chapter.tags?.title)).toEqual([
      'Your briefing digest',
      'Bees Return to the City Park',
      'Night Ferry Returns',
      'Harbour Reopens After Storm',
      'New Rail Line Opens',
    ]);
    const vtt = await readFile(path.join(dir, 'out', 'digest.vtt'), 'utf8');
    expect(vtt).toContain('First, Bees Return to the City Park.');
    expect(fourth.report.digest?.status).toBe('up to date');
    expect(fourth.report.items.filter((item) => item.status === 'made')).toEqual([]);
  });
});
