// index.html: the pure builder (escaping, no external resources), then the real page in Debian's headless
// Chromium (driven by playwright-core, never a downloaded browser) opened from file://: clicking a chapter
// seeks the player to that chapter's start.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPageHtml, formatClock, type PageEpisode } from '../../src/publish/page.js';
import { runTool } from '../../src/run-tool.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { HARBOUR_MD } from '../batch/articles.js';

const CLI = path.resolve(import.meta.dirname, '../../dist/cli.js');

const EPISODE: PageEpisode = {
  id: 'xi-putin',
  title: 'Xi & Putin <script>alert(1)</script>',
  description: 'What "they" said.',
  published: new Date('2025-06-01T08:30:00Z'),
  durationMs: 3_725_000,
  audioUrl: 'xi-putin.mp3',
  chaptersUrl: 'xi-putin.chapters.json',
  transcriptUrl: 'xi-putin.vtt',
  chapters: [
    { title: 'Opening', startMs: 0, endMs: 61_500 },
    { title: 'Trade & <energy>', startMs: 61_500, endMs: 3_725_000 },
  ],
  cues: [
    { startMs: 0, endMs: 900, lines: ['Opening'], chapterIndex: 0, role: 'title' },
    { startMs: 1200, endMs: 4000, lines: ['The leaders met', 'in Beijing.'], chapterIndex: 0, role: 'body' },
    { startMs: 61_500, endMs: 63_000, lines: ['Trade & <energy>'], chapterIndex: 1, role: 'heading' },
    { startMs: 63_250, endMs: 66_000, lines: ['Gas flows </p> east.'], chapterIndex: 1, role: 'body' },
  ],
};

describe('buildPageHtml', () => {
  const html = buildPageHtml({ title: 'Briefings & notes', feedUrl: 'feed.xml' }, [EPISODE]);

  it('escapes every title and text', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('<h2>Xi &amp; Putin &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(html).toContain('<title>Briefings &amp; notes</title>');
    expect(html).toContain('Gas flows &lt;/p&gt; east.');
  });

  it('has a player, a seek button per chapter and the transcript, without repeating the headings in it', () => {
    expect(html).toContain('<audio controls preload="metadata" src="xi-putin.mp3"></audio>');
    expect(html).toContain(
      '<button type="button" data-start="61.5" data-end="3725"><span class="time">1:01</span><span class="title">Trade &amp; &lt;energy&gt;</span></button>',
    );
    expect(html).toContain('<span class="cue" data-start="1.2" data-end="4">The leaders met in Beijing.</span>');
    expect(html).not.toContain('<span class="cue" data-start="61.5"');
  });

  it('needs nothing from outside the file', () => {
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link[^>]+stylesheet|<script[^>]+src=/);
  });

  it('formats clock times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(61_500)).toBe('1:01');
    expect(formatClock(59_999)).toBe('0:59');
    expect(formatClock(3_725_000)).toBe('1:02:05');
  });

  it('gives a served page the add form, the job list and a delete button per episode, still self-contained', () => {
    expect(html).not.toMatch(/add-form|data-delete/);
    const served = buildPageHtml({ title: 'Briefings', feedUrl: 'feed.xml', served: true }, [EPISODE]);
    expect(served).toContain('<form id="add-form">');
    expect(served).toContain('<input type="url" name="url" placeholder="https://" autocomplete="off">');
    expect(served).toContain('<ul class="jobs" id="jobs" aria-live="polite"></ul>');
    expect(served).toContain(
      '<button type="button" class="delete" data-delete="xi-putin" data-title="Xi &amp; Putin &lt;script&gt;alert(1)&lt;/script&gt;">Delete</button>',
    );
    expect(served).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(served).not.toMatch(/<link[^>]+stylesheet|<script[^>]+src=/);
  });

  it('says so when there is nothing yet', () => {
    expect(buildPageHtml({ title: 'Empty' }, [])).toContain('<p>No briefings yet.</p>');
  });
});

describeWithBinaries(
  'chromium',
  'flite',
  'ffmpeg',
)('the page in headless Chromium', () => {
  let dir: string | undefined;
  let browser: Browser | undefined;
  let chapters: { startTime: number; title: string }[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-page-'));
    await mkdir(path.join(dir, 'in'));
    await writeFile(path.join(dir, 'in', 'harbour.md'), HARBOUR_MD);
    const result = await runTool(process.execPath, [CLI, 'batch', 'in', '-o', 'out', '--engine', 'flite', '--cache-dir', path.join(dir, 'cache'), '--json'], {
      cwd: dir,
      timeoutMs: 200_000,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    chapters = (JSON.parse(await readFile(path.join(dir, 'out', 'harbour.chapters.json'), 'utf8')) as { chapters: typeof chapters }).chapters;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('seeks the player to a chapter when it is clicked, from file:// and without any network request', async () => {
    const page = await browser!.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path.join(dir!, 'out', 'index.html')).href);
    await page.waitForFunction(() => (document.querySelector('#harbour audio') as HTMLAudioElement).readyState >= 1, undefined, { timeout: 30_000 });

    expect(await page.locator('#harbour h2').textContent()).toBe('Harbour Reopens After Storm');
    const buttons = page.locator('#harbour .chapters button');
    expect(await buttons.count()).toBe(chapters.length);
    expect(chapters.length).toBe(3);

    for (const index of [2, 1]) {
      const target = chapters[index]!;
      // Where the player lands, read at the seek itself: it plays on from there, so currentTime moves later.
      const landed = page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const audio = document.querySelector('#harbour audio') as HTMLAudioElement;
            audio.addEventListener('seeked', () => resolve(audio.currentTime), { once: true });
          }),
      );
      await buttons.nth(index).click();
      expect(Math.abs((await landed) - target.startTime)).toBeLessThan(0.05);
      const now = await page.evaluate(() => (document.querySelector('#harbour audio') as HTMLAudioElement).currentTime);
      expect(now).toBeGreaterThanOrEqual(target.startTime - 0.05);
      expect(now).toBeLessThan(target.startTime + 2);
    }

    // The transcript is embedded and seeks too.
    await page.locator('#harbour details summary').click();
    const cue = page.locator('#harbour .cue', { hasText: 'Repairs will take a month' });
    const cueStart = Number(await cue.getAttribute('data-start'));
    await cue.click();
    await page.waitForFunction((start) => Math.abs((document.querySelector('#harbour audio') as HTMLAudioElement).currentTime - start) < 1.5, cueStart);

    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.close();
  }, 60_000);
});
