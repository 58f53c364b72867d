import { describe, expect, it } from 'vitest';
import { describeArticle, truncateWords } from '../../src/batch/describe-item.js';
import { runPool } from '../../src/batch/run-pool.js';
import { formatSummaryTable } from '../../src/batch/summary-table.js';
import { isStable, watchTargets } from '../../src/batch/watch-articles.js';

describe('formatSummaryTable', () => {
  it('lists every article with its status, duration, chapters and clips, then the failures', () => {
    const table = formatSummaryTable([
      { input: 'in/a.md', status: 'made', durationMs: 83_000, chapters: 4, cache: { hits: 30, misses: 2 } },
      { input: 'in/b.txt', status: 'up to date', durationMs: 3_725_000, chapters: 12 },
      { input: 'in/corrupt.txt', status: 'failed', error: 'in/corrupt.txt looks like a binary file, not an article.' },
    ]);
    expect(table).toBe(`article         status      duration  chapters  clips
--------------  ----------  --------  --------  ------------------------
in/a.md         made            1:23         4  2 synthesized, 30 cached
in/b.txt        up to date   1:02:05        12  none (up to date)
in/corrupt.txt  failed             -         -  -

Failed:
  in/corrupt.txt: in/corrupt.txt looks like a binary file, not an article.

3 articles: 1 made, 1 up to date, 1 failed.
`);
  });
});

describe('describeArticle', () => {
  it('uses the summary or the first paragraph, the credit and the chapters', () => {
    expect(
      describeArticle({
        title: 'T',
        source: 'a.md',
        format: 'markdown',
        byline: 'Ann',
        siteName: 'Daily',
        sections: [
          { heading: '', paragraphs: ['Lead one.'] },
          { heading: 'Part A', paragraphs: ['x'] },
          { heading: 'Part B', paragraphs: ['y'] },
        ],
      }),
    ).toBe('Lead one. (Ann, Daily) Chapters: Part A; Part B.');
  });
  it('cuts long text at a word', () => {
    expect(truncateWords('alpha beta gamma delta', 15)).toBe('alpha beta…');
  });
});

describe('runPool', () => {
  it('runs at most `limit` tasks at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runPool([30, 10, 20, 5, 15], 2, async (ms, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return index;
    });
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('starts nothing new after a failure, waits for the running task, then throws', async () => {
    const started: number[] = [];
    let finished = false;
    await expect(
      runPool([0, 1, 2, 3], 2, async (n) => {
        started.push(n);
        if (n === 0) throw new Error('boom');
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
    expect(finished).toBe(true);
  });
});

describe('watch helpers', () => {
  it('calls a file stable once it has not changed for a second', () => {
    const now = 10_000;
    expect(isStable(undefined, { key: '5:9500', mtimeMs: 9500 }, now)).toBe(false);
    expect(isStable(undefined, { key: '5:8000', mtimeMs: 8000 }, now)).toBe(true);
    expect(isStable({ key: '5:9500', seenAt: 9200 }, { key: '5:9500', mtimeMs: 9500 }, now)).toBe(false);
    expect(isStable({ key: '5:9900', seenAt: 8900 }, { key: '5:9900', mtimeMs: 9900 }, now)).toBe(true);
    // Clock ahead (a network drive): the time alone never makes it stable, the unchanged look does.
    expect(isStable({ key: '7:20000', seenAt: 8000 }, { key: '7:20000', mtimeMs: 20_000 }, now)).toBe(true);
    expect(isStable({ key: '6:20000', seenAt: 8000 }, { key: '7:20000', mtimeMs: 20_000 }, now)).toBe(false);
  });

  it('watches folders, the folders of files, and the base of globs', () => {
    const dirs = new Set(['/in']);
    expect(watchTargets(['/in', '/other/a.md', '/deep/**/*.md', '/flat/*.txt'], '/', (dir) => dirs.has(dir))).toEqual([
      { dir: '/in', recursive: false },
      { dir: '/other', recursive: false },
      { dir: '/deep', recursive: true },
      { dir: '/flat', recursive: false },
    ]);
  });
});
