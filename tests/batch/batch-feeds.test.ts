// `briefcast batch <feed-url> -o <dir>`: the cron user's pass over followed feeds, end to end with the real CLI,
// real flite and ffmpeg, against a web site on 127.0.0.1 whose feed changes between passes. The first pass briefs
// only the newest --follow-first entries (one from the feed's own full text, one from the page its teaser links
// to), later passes only what is new, and an entry whose page cannot be fetched is tried again next time.
import { readdir, readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox, expectOneLineError, runCli, type Sandbox } from '../cli/cli-harness.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { probeFile } from '../helpers/media-tools.js';
import { checkFeed } from '../publish/feed-check.js';
import { articlePage, startLoopbackSite, type LoopbackSite } from '../serve/serve-process.js';

let sandbox: Sandbox;
let site: LoopbackSite;

interface JsonReport {
  items: { input: string; slug?: string; status: string; error?: string }[];
  failed: number;
}

/** Over 150 words: the feed carries the whole article, so it is briefed from the feed's own text. */
const LIBRARY_HTML = Array.from(
  { length: 12 },
  (_, i) => `<p>The new library wing opened its reading room number ${i + 1} to the public this week, with long tables and quiet corners.</p>`,
).join('');

function item(guid: string, title: string, date: string, description: string, content?: string): string {
  const encoded = content === undefined ? '' : `<content:encoded><![CDATA[${content}]]></content:encoded>`;
  return `<item><title>${title}</title><link>${site.origin}/articles/${guid}</link><guid>${guid}</guid><pubDate>${date}</pubDate><description>${description}</description>${encoded}</item>`;
}

function setFeed(items: string[]): void {
  site.pages.set('/feed.xml', {
    type: 'application/rss+xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Town news</title><link>${site.origin}/</link><description>News</description>${items.join('')}</channel></rss>`,
  });
}

const OLD = () => item('old', 'Old news', 'Sat, 28 Nov 2026 08:00:00 GMT', 'Yesterday. Read more');
const ORCHARD = () => item('orchard', 'Orchard harvest', 'Mon, 30 Nov 2026 08:00:00 GMT', 'The harvest began early. Read more');
const LIBRARY = () => item('library', 'Library wing opens', 'Tue, 01 Dec 2026 08:00:00 GMT', 'A new wing.', LIBRARY_HTML);
const FERRY = () => item('ferry', 'Ferry timetable changes', 'Tue, 01 Dec 2026 12:00:00 GMT', 'New times. Read more');

const feedUrl = () => `${site.origin}/feed.xml`;
const pass = (...extra: string[]) =>
  runCli(['batch', feedUrl(), '-o', 'out', '--allow-private', '--engine', 'flite', '--cache-dir', sandbox.path('clips'), '--json', ...extra], sandbox);
const report = (stdout: string) => JSON.parse(stdout) as JsonReport;
const episodes = async () => (await readdir(sandbox.path('out'))).filter((name) => name.endsWith('.mp3')).sort();

describeWithBinaries(
  'flite',
  'ffmpeg',
  'ffprobe',
)('briefcast batch <feed-url>: one pass over followed feeds', () => {
  beforeAll(async () => {
    sandbox = await createSandbox('briefcast-batch-feeds-');
    site = await startLoopbackSite();
    site.pages.set('/articles/orchard', {
      type: 'text/html; charset=utf-8',
      body: articlePage('Orchard harvest', ['The apple harvest began two weeks early this year.', 'Growers say the warm spring helped.']),
    });
    setFeed([LIBRARY(), ORCHARD(), OLD()]);
  });

  afterAll(async () => {
    await site?.close();
    await sandbox?.remove();
  });

  it('briefs the newest --follow-first entries on the first pass: one from the feed text, one from its linked page', async () => {
    const first = await pass('--follow-first', '2');
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(report(first.stdout).items.map((row) => row.status)).toEqual(['made', 'made']);
    expect(await episodes()).toEqual(['library-wing-opens.mp3', 'orchard-harvest.mp3']);
    for (const name of await episodes()) {
      const probed = await probeFile(sandbox.path('out', name));
      expect(Number(probed.format.duration)).toBeGreaterThan(2);
      expect(probed.chapters.length).toBeGreaterThan(0);
    }
    const xml = await readFile(sandbox.path('out', 'feed.xml'), 'utf8');
    expect(checkFeed(xml, { absoluteUrls: false, requireImage: false })).toEqual([]);
    expect(xml).toContain('<title>Library wing opens</title>');
    expect(xml).toContain('<title>Orchard harvest</title>');
    expect(xml).not.toContain('Old news');
    // The linked page's own words were read, not the teaser's.
    expect(await readFile(sandbox.path('out', 'orchard-harvest.vtt'), 'utf8')).toContain('warm spring');
    const follow = JSON.parse(await readFile(sandbox.path('out', '.briefcast', 'follow.json'), 'utf8')) as {
      sources: { url: string; seen: string[]; primed: boolean }[];
    };
    expect(follow.sources).toMatchObject([{ url: feedUrl(), primed: true }]);
    expect(follow.sources[0]!.seen).toEqual(expect.arrayContaining(['guid:library', 'guid:orchard', 'guid:old']));
  });

  it('briefs nothing again when the feed has nothing new', async () => {
    const again = await pass();
    expect(again.exitCode).toBe(0);
    expect(report(again.stdout).items.map((row) => row.status)).toEqual(['up to date', 'up to date']);
    expect(await episodes()).toEqual(['library-wing-opens.mp3', 'orchard-harvest.mp3']);
  });

  it('tries an entry whose page cannot be fetched again on the next pass, and briefs it once the page is there', async () => {
    setFeed([FERRY(), LIBRARY(), ORCHARD(), OLD()]);
    const missingPage = await pass();
    expect(missingPage.exitCode).toBe(7);
    const rows = report(missingPage.stdout).items;
    expect(rows.filter((row) => row.status === 'failed')).toEqual([
      expect.objectContaining({ input: `${site.origin}/articles/ferry`, error: expect.stringMatching(/^Ferry timetable changes: .*404/) }),
    ]);
    expect(await episodes()).toEqual(['library-wing-opens.mp3', 'orchard-harvest.mp3']);

    site.pages.set('/articles/ferry', {
      type: 'text/html; charset=utf-8',
      body: articlePage('Ferry timetable changes', ['The morning ferry now leaves at seven.', 'The evening crossing is unchanged.']),
    });
    const found = await pass();
    expect(found.exitCode).toBe(0);
    expect(report(found.stdout).items.filter((row) => row.status === 'made')).toHaveLength(1);
    expect(await episodes()).toEqual(['ferry-timetable-changes.mp3', 'library-wing-opens.mp3', 'orchard-harvest.mp3']);
    const xml = await readFile(sandbox.path('out', 'feed.xml'), 'utf8');
    expect(xml.match(/<item>/g)).toHaveLength(3);
  });

  it('leaves an episode deleted from the folder deleted: its article is not briefed again', async () => {
    await rm(sandbox.path('out', 'orchard-harvest.mp3'));
    const after = await pass();
    expect(after.exitCode).toBe(0);
    expect(report(after.stdout).items.map((row) => row.status)).toEqual(['up to date', 'up to date']);
    expect(await episodes()).toEqual(['ferry-timetable-changes.mp3', 'library-wing-opens.mp3']);
    const xml = await readFile(sandbox.path('out', 'feed.xml'), 'utf8');
    expect(xml).not.toContain('Orchard harvest');
    expect((await readdir(sandbox.path('out', '.briefcast', 'feeds'))).sort()).toEqual(['ferry-timetable-changes.html', 'library-wing-opens.html']);
  });

  it('refuses a loopback feed without --allow-private, and a page that is not a feed, in one line each', async () => {
    const refused = await runCli(['batch', feedUrl(), '-o', 'refused', '--engine', 'flite', '--json'], sandbox);
    expect(refused.exitCode).toBe(7);
    expect(report(refused.stdout).items).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.stringMatching(/could not be followed: .*(loopback|private)/i) }),
    ]);
    expect((await readdir(sandbox.path('refused'))).filter((name) => name.endsWith('.mp3'))).toEqual([]);

    const notAFeed = await runCli(['batch', `${site.origin}/articles/orchard`, '-o', 'not-a-feed', '--allow-private', '--engine', 'flite', '--json'], sandbox);
    expect(notAFeed.exitCode).toBe(7);
    expect(report(notAFeed.stdout).items).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/could not be followed/) })]);
  });

  it('does not take feed URLs with --watch, and says what to use instead', async () => {
    const watched = await runCli(['batch', feedUrl(), '-o', 'watched', '--watch', '--engine', 'flite'], sandbox);
    expectOneLineError(watched, 2, /--watch watches files and folders, not feeds .*cron.*serve <dir> --follow/);
  });
});
