// `briefcast serve` end to end, as a user runs it: the real CLI as a child process on port 0, real flite and
// ffmpeg, a loopback web site for the articles and a feed that changes, everything over 127.0.0.1. Articles added
// through the API become episodes of the feed (checked with ffprobe and a strict XML parse), a followed feed's
// items become episodes, a kill -9 right after a 202 loses nothing and publishes nothing twice, SIGTERM stops
// cleanly and the next start resumes, and the refusals hold.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, runCli, type Sandbox } from '../cli/cli-harness.js';
import { runTool } from '../../src/run-tool.js';
import { probeStream } from '../helpers/media-tools.js';
import { describeWithBinaries, shouldSkipWithout } from '../helpers/require-binary.js';
import { checkFeed } from '../publish/feed-check.js';
import {
  articlePage,
  postArticle,
  rawGet,
  startLoopbackSite,
  startServe,
  waitForJob,
  waitUntil,
  type LoopbackSite,
  type ServeProcess,
} from './serve-process.js';

const TOKEN_URL = /^http:\/\/127\.0\.0\.1:\d+\/([A-Za-z0-9_-]{32})\/$/;

let sandbox: Sandbox;
let site: LoopbackSite;
const running = new Set<ServeProcess>();

function html(title: string, ...paragraphs: string[]): { type: string; body: string } {
  return { type: 'text/html; charset=utf-8', body: articlePage(title, paragraphs) };
}

function rss(items: string[]): { type: string; body: string } {
  return {
    type: 'application/rss+xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Town news</title><link>${site.origin}/</link><description>News</description>${items.join('')}</channel></rss>`,
  };
}

/** Over 150 words: the feed carries the whole article, so it is briefed from the feed, not its (missing) page. */
const LIBRARY_TEXT = Array.from(
  { length: 12 },
  (_, i) => `The new library wing opened its reading room number ${i + 1} to the public this week, with long tables and quiet corners.`,
);

async function serve(args: string[]): Promise<ServeProcess> {
  const process = await startServe([...args, '--engine', 'flite', '--cache-dir', sandbox.path('cache'), '--port', '0'], sandbox);
  running.add(process);
  void process.exited.then(() => running.delete(process));
  return process;
}

async function feedItems(feedUrl: string): Promise<{ title: string; enclosure: string }[]> {
  const xml = await (await fetch(feedUrl)).text();
  return [...xml.matchAll(/<item>[\s\S]*?<title>([^<]*)<\/title>[\s\S]*?<enclosure url="([^"]*)"[\s\S]*?<\/item>/g)].map((match) => ({
    title: match[1]!,
    enclosure: match[2]!,
  }));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function stateItems(dir: string): Promise<{ slug: string; source: string; title: string }[]> {
  return (JSON.parse(await readFile(path.join(dir, '.briefcast', 'state.json'), 'utf8')) as { items: { slug: string; source: string; title: string }[] }).items;
}

describeWithBinaries(
  'flite',
  'ffmpeg',
  'ffprobe',
)('briefcast serve', () => {
  beforeAll(async () => {
    sandbox = await createSandbox('briefcast-serve-cli-');
    site = await startLoopbackSite();
    site.pages.set(
      '/articles/harbour',
      html('Harbour reopens', 'The harbour reopened on Monday after two weeks of repairs.', 'The first ferries arrived before dawn.'),
    );
    site.pages.set('/articles/orchard', html('Orchard harvest', 'The orchard harvest began early this year.', 'Pickers filled the first crates by noon.'));
    site.pages.set('/articles/bridge', html('Bridge repainted', 'The iron bridge was repainted green.', 'Traffic returned on Friday.'));
    site.pages.set('/articles/market', html('Market moves', 'The Saturday market moves to the square.', 'Stalls open at eight.'));
    site.pages.set('/articles/ferry', html('Ferry timetable', 'The winter ferry timetable starts next week.', 'Boats leave every hour.'));
    site.pages.set('/articles/tower', html('Clock tower', 'The clock tower chimes again.', 'Its bells were recast in spring.'));
  });

  afterAll(async () => {
    for (const process of running) process.child.kill('SIGKILL');
    await site?.close();
    await sandbox?.remove();
  });

  describe('a served folder that follows a feed', () => {
    let server: ServeProcess;
    const dir = () => sandbox.path('podcast');

    beforeAll(async () => {
      site.pages.set(
        '/feed.xml',
        rss([
          `<item><title>Orchard harvest</title><link>${site.origin}/articles/orchard</link><guid>orchard</guid><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate><description>The harvest began early. Read more</description></item>`,
          `<item><title>Old news</title><link>${site.origin}/articles/old</link><guid>old</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate><description>Yesterday.</description></item>`,
        ]),
      );
      server = await serve([dir(), '--allow-private', '--follow', `${site.origin}/feed.xml`, '--follow-every', '2s', '--follow-first', '1']);
    });

    it('prints the feed and page addresses under a secret path, one line each on stdout', () => {
      expect(server.pageUrl).toMatch(TOKEN_URL);
      expect(server.feedUrl).toBe(`${server.pageUrl}feed.xml`);
      expect(server.stdout()).toBe(`Feed: ${server.feedUrl}\nPage: ${server.pageUrl}\n`);
    });

    it('briefs a URL sent to the API into an episode of the feed, and answers 409 when it comes again', async () => {
      const url = `${site.origin}/articles/harbour`;
      const response = await postArticle(server.pageUrl, { url });
      expect(response.status).toBe(202);
      const accepted = (await response.json()) as { id: string; status: string };
      expect(accepted.status).toBe('queued');

      const again = await postArticle(server.pageUrl, { url: `${url}#top` });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { id: string }).id).toBe(accepted.id);

      const job = await waitForJob(server.pageUrl, accepted.id);
      expect(job).toMatchObject({ status: 'done', episode: { title: 'Harbour reopens' } });
      const episodeUrl = job.episode!.url;
      expect(episodeUrl.startsWith(server.pageUrl)).toBe(true);
      expect(episodeUrl).toMatch(/\/harbour-reopens-[a-z0-9]{6}\.mp3$/);

      const xml = await (await fetch(server.feedUrl)).text();
      expect(checkFeed(xml, { absoluteUrls: true, requireImage: true })).toEqual([]);
      expect((await feedItems(server.feedUrl)).filter((item) => item.title === 'Harbour reopens')).toEqual([
        { title: 'Harbour reopens', enclosure: episodeUrl },
      ]);
      expect(xml).toContain('<itunes:block>Yes</itunes:block>');
      expect(xml).toContain('<podcast:block>yes</podcast:block>');
      expect(xml).toContain(`<podcast:chapters url="${episodeUrl.replace(/\.mp3$/, '.chapters.json')}" type="application/json+chapters"/>`);
      expect(xml).toContain(`<podcast:transcript url="${episodeUrl.replace(/\.mp3$/, '.vtt')}" type="text/vtt" rel="captions"/>`);

      const mp3 = Buffer.from(await (await fetch(episodeUrl)).arrayBuffer());
      const downloaded = sandbox.path('downloaded.mp3');
      await writeFile(downloaded, mp3);
      const stream = await probeStream(downloaded);
      expect(stream.codec_name).toBe('mp3');
      expect(Number(stream.duration)).toBeGreaterThan(2);

      // The artwork the feed names is served, square and large enough for Apple Podcasts.
      const image = /<itunes:image href="([^"]+)"/.exec(xml)![1]!;
      expect(image).toMatch(new RegExp(`^${server.pageUrl}cover-[0-9a-f]{12}\\.png$`));
      const cover = await fetch(image);
      expect(cover.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await cover.arrayBuffer());
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 1400]);
    });

    it('serves the feed and the episodes with ranges and conditional requests, only under the token', async () => {
      // Once the followed feed's first item is in, nothing more is queued: the feed stays as it is.
      await waitUntil(async () => (await feedItems(server.feedUrl)).some((item) => item.title === 'Orchard harvest'), 'the followed item in the feed');
      const [episode] = await feedItems(server.feedUrl);
      const full = await fetch(episode!.enclosure, { method: 'HEAD' });
      const length = Number(full.headers.get('content-length'));
      expect(full.headers.get('content-type')).toBe('audio/mpeg');
      expect(full.headers.get('accept-ranges')).toBe('bytes');
      const range = await fetch(episode!.enclosure, { headers: { range: 'bytes=100-199' } });
      expect(range.status).toBe(206);
      expect(range.headers.get('content-range')).toBe(`bytes 100-199/${length}`);
      expect((await range.arrayBuffer()).byteLength).toBe(100);
      expect((await fetch(episode!.enclosure, { headers: { range: `bytes=${length + 10}-` } })).status).toBe(416);

      const feed = await rawGet(server.feedUrl);
      expect(feed.headers['cache-control']).toBe('private, no-store');
      const unchanged = await rawGet(server.feedUrl, { 'if-none-match': String(feed.headers.etag) });
      expect([unchanged.status, unchanged.body.length]).toEqual([304, 0]);
      expect((await rawGet(server.feedUrl, { 'if-modified-since': String(feed.headers['last-modified']) })).status).toBe(304);
      expect((await rawGet(server.feedUrl, { 'if-none-match': 'W/"another"' })).status).toBe(200);
      const mp3 = await rawGet(episode!.enclosure);
      expect((await rawGet(episode!.enclosure, { 'if-none-match': String(mp3.headers.etag) })).status).toBe(304);

      const token = TOKEN_URL.exec(server.pageUrl)![1]!;
      const wrong = server.feedUrl.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
      expect((await fetch(wrong)).status).toBe(404);
      expect((await fetch(server.feedUrl.replace(`${token}/`, ''))).status).toBe(404);
      expect((await fetch(`${server.pageUrl}.briefcast/serve-token`)).status).toBe(404);
    });

    it("briefs the newest item of the followed feed, then an item that appears later, from the feed's own text", async () => {
      await waitUntil(async () => (await feedItems(server.feedUrl)).some((item) => item.title === 'Orchard harvest'), 'the followed item in the feed');
      site.pages.set(
        '/feed.xml',
        rss([
          `<item><title>Library extension</title><link>${site.origin}/articles/library-gone</link><guid>library</guid><pubDate>Wed, 02 Dec 2026 08:00:00 GMT</pubDate><description>A new wing.</description><content:encoded><![CDATA[${LIBRARY_TEXT.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item>`,
          `<item><title>Orchard harvest</title><link>${site.origin}/articles/orchard</link><guid>orchard</guid><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate><description>The harvest began early. Read more</description></item>`,
          `<item><title>Old news</title><link>${site.origin}/articles/old</link><guid>old</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate><description>Yesterday.</description></item>`,
        ]),
      );
      await waitUntil(async () => (await feedItems(server.feedUrl)).some((item) => item.title === 'Library extension'), 'the new item in the feed');
      const titles = (await feedItems(server.feedUrl)).map((item) => item.title).sort();
      expect(titles).toEqual(['Harbour reopens', 'Library extension', 'Orchard harvest']);
      const items = await stateItems(dir());
      expect(items.find((item) => item.title === 'Library extension')?.source).toBe(`${site.origin}/articles/library-gone`);
      expect(items.find((item) => item.title === 'Orchard harvest')?.source).toBe(`${site.origin}/articles/orchard`);
      const follow = JSON.parse(await readFile(path.join(dir(), '.briefcast', 'follow.json'), 'utf8')) as {
        sources: { url: string; primed: boolean; seen: string[] }[];
      };
      expect(follow.sources).toMatchObject([{ url: `${site.origin}/feed.xml`, primed: true }]);
      expect(follow.sources[0]!.seen).toEqual(expect.arrayContaining(['guid:library', 'guid:orchard', 'guid:old']));
    });

    it.skipIf(shouldSkipWithout('gpo'))('is a podcast gpo (gpodder) subscribes to and downloads every episode of, byte for byte', async () => {
      const env = { ...process.env, GPODDER_HOME: sandbox.path('gpodder'), GPODDER_DOWNLOAD_DIR: sandbox.path('gpodder-downloads') };
      const gpo = async (...args: string[]) => {
        const result = await runTool('gpo', args, { env, timeoutMs: 60_000 });
        expect(result.exitCode, result.stderr).toBe(0);
        return result.stdout;
      };
      expect(await gpo('subscribe', server.feedUrl)).toContain(`Successfully added ${server.feedUrl}`);
      expect(await gpo('update')).toContain('3 new episodes');
      expect(await gpo('download')).toContain('3 episodes downloaded');
      const folder = sandbox.path('gpodder-downloads', 'briefcast briefings');
      const downloaded = await Promise.all((await readdir(folder)).map(async (name) => sha256(await readFile(path.join(folder, name)))));
      const served = await Promise.all(
        (await feedItems(server.feedUrl)).map(async (item) => sha256(Buffer.from(await (await fetch(item.enclosure)).arrayBuffer()))),
      );
      expect(downloaded.sort()).toEqual(served.sort());
    });

    it('fails an article it cannot read alone, saying why on the API', async () => {
      const response = await postArticle(server.pageUrl, { url: `${site.origin}/articles/missing` });
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      const job = await waitForJob(server.pageUrl, id);
      expect(job).toMatchObject({
        status: 'failed',
        error: `Fetching ${site.origin}/articles/missing failed: HTTP 404 Not Found. Check the address, or try again later.`,
      });
      const list = (await (await fetch(`${server.pageUrl}api/articles`)).json()) as { jobs: { id: string; status: string; error?: string }[] };
      expect(list.jobs.find((listed) => listed.id === id)).toMatchObject({ status: 'failed', error: job.error });
    });

    it('deletes an episode through the API: out of the feed, the state and the folder; it may then be added again', async () => {
      const [episode] = (await feedItems(server.feedUrl)).filter((item) => item.title === 'Harbour reopens');
      const slug = path.basename(episode!.enclosure, '.mp3');
      const refused = await fetch(`${server.pageUrl}api/episodes/${slug}`, { method: 'DELETE', headers: { origin: 'https://evil.example' } });
      expect(refused.status).toBe(403);
      const deleted = await fetch(`${server.pageUrl}api/episodes/${slug}`, { method: 'DELETE' });
      expect(deleted.status).toBe(200);
      expect((await feedItems(server.feedUrl)).map((item) => item.title)).not.toContain('Harbour reopens');
      expect((await stateItems(dir())).map((item) => item.slug)).not.toContain(slug);
      expect((await readdir(dir())).filter((name) => name.startsWith(slug))).toEqual([]);
      expect((await fetch(episode!.enclosure)).status).toBe(404);
      expect((await fetch(`${server.pageUrl}api/episodes/${slug}`, { method: 'DELETE' })).status).toBe(404);
      const again = await postArticle(server.pageUrl, { url: `${site.origin}/articles/harbour` });
      expect(again.status).toBe(202);
      // Briefed again, it gets a new file name: a published MP3 is never rewritten at the same URL.
      const job = await waitForJob(server.pageUrl, ((await again.json()) as { id: string }).id);
      expect(job.episode!.url).toMatch(/\/harbour-reopens-[a-z0-9]{6}\.mp3$/);
      expect(job.episode!.url).not.toBe(episode!.enclosure);
    });

    it("is the folder's one writer: a batch into it is told the folder is busy (exit 75)", async () => {
      await writeFile(sandbox.path('note.txt'), 'A note\n\nSomething worth hearing today.\n');
      const batch = await runCli(['batch', 'note.txt', '-o', dir(), '--engine', 'flite'], sandbox, { timeoutMs: 30_000 });
      expect(batch.exitCode).toBe(75);
      expect(batch.stderr).toMatch(/^briefcast: .*podcast is busy: another briefcast run \(pid \d+, since .*\) is writing to it\./m);
    });

    it('refuses a port in use, or an address it does not have, with one line and exit code 2', async () => {
      const port = new URL(server.pageUrl).port;
      const result = await runCli(['serve', sandbox.path('elsewhere'), '--port', port, '--engine', 'flite'], sandbox, { timeoutMs: 30_000 });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(`briefcast: Cannot listen on 127.0.0.1:${port}: the port is in use. Choose another with --port.\n`);
      // 192.0.2.0/24 is reserved for documentation: no computer has it.
      const unbound = await runCli(['serve', sandbox.path('elsewhere'), '--host', '192.0.2.1', '--port', '0', '--engine', 'flite'], sandbox, {
        timeoutMs: 30_000,
      });
      expect([unbound.exitCode, unbound.stdout]).toEqual([2, '']);
      expect(unbound.stderr).toBe('briefcast: Cannot listen on 192.0.2.1:0: this computer has no such address. Check --host.\n');
    });

    it('stops on SIGTERM with exit 143, releasing the folder', async () => {
      const { code } = await server.stop('SIGTERM');
      expect(code).toBe(143);
      expect(server.stderr()).toMatch(/briefcast: Interrupted by SIGTERM: the server stopped; articles still waiting are briefed at the next start\.\n$/);
      await expect(stat(path.join(dir(), '.briefcast', 'lock'))).rejects.toThrow();
    });
  });

  describe('crashes and restarts', () => {
    const dir = () => sandbox.path('restarts');

    it('completes a job accepted right before a kill -9 once, after a restart, under the same address', async () => {
      const first = await serve([dir(), '--allow-private']);
      const response = await postArticle(first.pageUrl, { url: `${site.origin}/articles/bridge` });
      expect(response.status).toBe(202);
      first.child.kill('SIGKILL');
      await first.exited;
      const { id } = (await response.json()) as { id: string };

      const second = await serve([dir(), '--allow-private']);
      expect(TOKEN_URL.exec(second.pageUrl)![1]).toBe(TOKEN_URL.exec(first.pageUrl)![1]);
      expect((await waitForJob(second.pageUrl, id)).status).toBe('done');
      expect((await feedItems(second.feedUrl)).map((item) => item.title)).toEqual(['Bridge repainted']);
      expect((await stateItems(dir())).map((item) => item.title)).toEqual(['Bridge repainted']);
      expect((await readdir(dir())).filter((name) => name.endsWith('.mp3') || name.endsWith('.partial'))).toHaveLength(1);
      expect((await second.stop('SIGINT')).code).toBe(130);
    });

    it('puts the jobs in hand back on SIGTERM, and the next start briefs them', async () => {
      const first = await serve([dir(), '--allow-private']);
      const ids: string[] = [];
      for (const name of ['market', 'ferry'])
        ids.push(((await (await postArticle(first.pageUrl, { url: `${site.origin}/articles/${name}` })).json()) as { id: string }).id);
      expect((await first.stop('SIGTERM')).code).toBe(143);
      const jobs = JSON.parse(await readFile(path.join(dir(), '.briefcast', 'jobs.json'), 'utf8')) as { jobs: { id: string; status: string }[] };
      expect(jobs.jobs.filter((job) => ids.includes(job.id)).map((job) => job.status)).toEqual(['queued', 'queued']);

      const second = await serve([dir(), '--allow-private']);
      for (const id of ids) expect((await waitForJob(second.pageUrl, id)).status).toBe('done');
      expect((await feedItems(second.feedUrl)).map((item) => item.title).sort()).toEqual(['Bridge repainted', 'Ferry timetable', 'Market moves']);
      expect(second.stderr()).toMatch(/2 articles waiting from before; resuming\./);
      expect((await second.stop('SIGTERM')).code).toBe(143);
    });

    it('does not brief again a job whose episode was recorded just before the server died', async () => {
      // As a kill -9 between recording the episode and marking its job done leaves them.
      const jobsFile = path.join(dir(), '.briefcast', 'jobs.json');
      const jobs = JSON.parse(await readFile(jobsFile, 'utf8')) as { jobs: { status: string; episode?: { slug: string } }[] };
      const victim = jobs.jobs.find((job) => job.status === 'done')!;
      victim.status = 'working';
      await writeFile(jobsFile, JSON.stringify(jobs));
      const mp3 = path.join(dir(), `${victim.episode!.slug}.mp3`);
      const before = await stat(mp3);

      const server = await serve([dir(), '--allow-private']);
      await waitUntil(async () => server.stderr().includes('(recorded before the server stopped)'), 'the recovered job');
      expect((await stat(mp3)).mtimeMs).toBe(before.mtimeMs);
      const items = await feedItems(server.feedUrl);
      expect(items).toHaveLength(3);
      expect(new Set(items.map((item) => item.title)).size).toBe(3);
      expect(await stateItems(dir())).toHaveLength(3);
      expect((await server.stop('SIGTERM')).code).toBe(143);
    });
  });

  describe('feed settings', () => {
    it('keeps the newest --keep episodes, names the owner, takes --artwork, and --rotate-token retires the old address', async () => {
      const before = (await stateItems(sandbox.path('restarts'))).sort((a, b) => a.slug.localeCompare(b.slug));
      expect(before).toHaveLength(3);
      const artwork = sandbox.path('small-cover.jpg');
      await runTool('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=200x200', '-frames:v', '1', artwork]);
      const old = await serve([sandbox.path('restarts')]);
      const oldFeed = old.feedUrl;
      await old.stop('SIGTERM');

      const server = await serve([sandbox.path('restarts'), '--keep', '2', '--owner-email', 'owner@example.com', '--artwork', artwork, '--rotate-token']);
      expect(server.feedUrl).not.toBe(oldFeed);
      expect((await fetch(oldFeed.replace(new URL(oldFeed).host, new URL(server.feedUrl).host))).status).toBe(404);
      expect(server.stderr()).toContain(
        `briefcast: warning: --artwork ${artwork} is 200×200 pixels; Apple Podcasts wants a square of 1400 to 3000 pixels and may not show it.\n`,
      );

      const xml = await (await fetch(server.feedUrl)).text();
      expect(xml).toContain(
        '<itunes:owner>\n      <itunes:name>briefcast</itunes:name>\n      <itunes:email>owner@example.com</itunes:email>\n    </itunes:owner>',
      );
      expect(xml).toMatch(new RegExp(`<itunes:image href="${server.pageUrl}cover-[0-9a-f]{12}\\.jpg"/>`));
      const files = await readdir(sandbox.path('restarts'));
      expect(files.filter((name) => name.startsWith('cover-'))).toEqual([expect.stringMatching(/\.jpg$/)]);

      // The oldest episode left the feed, the state and the folder; its job is forgotten.
      const kept = await stateItems(sandbox.path('restarts'));
      expect(kept).toHaveLength(2);
      const gone = before.find((item) => !kept.some((other) => other.slug === item.slug))!;
      expect(gone.title).toBe('Bridge repainted');
      expect(files.filter((name) => name.startsWith(gone.slug))).toEqual([]);
      expect((await feedItems(server.feedUrl)).map((item) => item.title).sort()).toEqual(['Ferry timetable', 'Market moves']);
      const jobs = ((await (await fetch(`${server.pageUrl}api/articles`)).json()) as { jobs: { label: string }[] }).jobs;
      expect(jobs.map((job) => job.label).sort()).toEqual(['Ferry timetable', 'Market moves']);
      expect((await server.stop('SIGTERM')).code).toBe(143);
    });

    it('serves at / with --public, and the feed is not blocked', async () => {
      const server = await serve([sandbox.path('public'), '--public']);
      expect(server.pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const xml = await (await fetch(server.feedUrl)).text();
      expect(xml).not.toContain('block');
      expect((await fetch(server.pageUrl)).headers.get('cache-control')).toBe('no-cache');
      expect((await server.stop('SIGTERM')).code).toBe(143);
    });
  });

  describe('without --allow-private', () => {
    it('refuses loopback, private and non-http addresses with a 4xx and the reason, queueing nothing', async () => {
      const server = await serve([sandbox.path('strict')]);
      const cases: Array<[string, number, RegExp]> = [
        [
          `${site.origin}/articles/tower`,
          422,
          /^Refused to fetch http:\/\/127\.0\.0\.1:\d+\/articles\/tower: 127\.0\.0\.1 is a loopback address \(this computer\), and briefcast fetches only public addresses \(--allow-private permits local ones\)\.$/,
        ],
        ['http://localhost:9/x', 422, /localhost is a name for this computer/],
        ['http://192.168.1.20/admin', 422, /a private-network address/],
        ['http://169.254.169.254/latest/meta-data/', 422, /a link-local address/],
        ['http://[::ffff:127.0.0.1]/', 422, /IPv4-mapped/],
        ['file:///etc/passwd', 400, /uses the file: scheme, and briefcast fetches only http and https URLs\.$/],
        ['ftp://example.com/a.txt', 400, /uses the ftp: scheme/],
      ];
      for (const [url, status, message] of cases) {
        const response = await postArticle(server.pageUrl, { url });
        expect(response.status, url).toBe(status);
        expect(((await response.json()) as { error: string }).error, url).toMatch(message);
      }
      expect(((await (await fetch(`${server.pageUrl}api/articles`)).json()) as { jobs: unknown[] }).jobs).toEqual([]);
      expect((await server.stop('SIGTERM')).code).toBe(143);
    });
  });
});
