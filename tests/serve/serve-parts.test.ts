// The pure decisions behind the worker and the follower (what a feed entry becomes, how a fetched page is read),
// the artwork checks, and the token kept in the folder.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { checkArtwork, DEFAULT_ARTWORK, describeImage } from '../../src/serve/artwork.js';
import { requestForEntry } from '../../src/serve/follow-sites.js';
import { readJobInput } from '../../src/serve/job-input.js';
import { entryPage } from '../../src/batch/entry-page.js';
import { formatOfResponse } from '../../src/read/read-input.js';
import { loadToken, TOKEN_FILE } from '../../src/serve/token.js';

const LONG = `<p>${'Word '.repeat(200).trim()}.</p>`;

describe('requestForEntry', () => {
  const feed = 'https://news.example.com/feed.xml';

  it('briefs a teaser from the page it links to', () => {
    expect(requestForEntry({ title: 'Story', link: 'https://news.example.com/story', summary: '<p>The start… Read more</p>' }, feed)).toEqual({
      kind: 'url',
      url: 'https://news.example.com/story',
    });
  });

  it('briefs an entry carrying the whole article from its own text, keeping where it came from', () => {
    expect(
      requestForEntry({ title: 'Story', guid: 'g-1', link: 'https://news.example.com/story', published: '2026-12-01T08:00:00.000Z', contentHtml: LONG }, feed),
    ).toEqual({
      kind: 'entry',
      feed,
      title: 'Story',
      html: LONG,
      link: 'https://news.example.com/story',
      guid: 'g-1',
      published: '2026-12-01T08:00:00.000Z',
    });
  });

  it('briefs a short entry without a link from what it has', () => {
    expect(requestForEntry({ title: 'Note', summary: '<p>Short.</p>' }, feed)).toEqual({ kind: 'entry', feed, title: 'Note', html: '<p>Short.</p>' });
  });
});

describe('reading a job', () => {
  it("makes a feed entry a page whose title is the entry's, escaped", async () => {
    expect(entryPage('Fish & <chips>', '<p>Body.</p>')).toContain(
      '<title>Fish &amp; &lt;chips&gt;</title></head>\n<body><article><h1>Fish &amp; &lt;chips&gt;</h1>\n<p>Body.</p>',
    );
    const text = await readJobInput(
      { kind: 'entry', feed: 'https://e.example/feed', title: 'Fish', link: 'https://e.example/fish', html: '<p>Body.</p>' },
      { policy: {} },
    );
    expect(text).toMatchObject({ format: 'html', source: 'https://e.example/fish' });
  });

  it("puts a pasted title where each format's parser finds a title", async () => {
    expect(await readJobInput({ kind: 'text', title: 'Tides', text: 'High tide at six.\n\nLow tide at noon.' }, { policy: {} })).toEqual({
      content: 'Tides\n\nHigh tide at six.\n\nLow tide at noon.',
      format: 'text',
      source: '-',
      warnings: [],
    });
    expect((await readJobInput({ kind: 'text', title: 'Tides', text: '## Morning\n\nHigh tide at *six*.\n\n- one\n- two' }, { policy: {} })).content).toMatch(
      /^# Tides\n\n## Morning/,
    );
    await expect(readJobInput({ kind: 'text', text: '   ' }, { policy: {} })).rejects.toThrow('The pasted text is empty: there is nothing to read.');
  });

  it('reads a fetched page as the server types it', () => {
    expect(formatOfResponse('text/html; charset=utf-8', 'https://e.example/a', '<p>x</p>')).toBe('html');
    expect(formatOfResponse('text/markdown', 'https://e.example/a', '# x')).toBe('markdown');
    expect(formatOfResponse('text/plain', 'https://e.example/a.md', '# x\n\ntext')).toBe('markdown');
    expect(formatOfResponse('text/plain', 'https://e.example/a', '<p>x</p><p>y</p><p>z</p>')).toBe('text');
    expect(formatOfResponse('', 'https://e.example/a', 'x')).toBe('html');
  });
});

describe('artwork', () => {
  it('reads the size of a PNG and a JPEG, and nothing else', async () => {
    expect(describeImage(await readFile(DEFAULT_ARTWORK))).toEqual({ type: 'png', width: 1400, height: 1400 });
    // SOI, an APP0 segment, then a baseline frame header: 8-bit, 1500 high, 1600 wide.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x05, 0xdc, 0x06, 0x40, 0x03]);
    expect(describeImage(jpeg)).toEqual({ type: 'jpg', width: 1600, height: 1500 });
    expect(describeImage(Buffer.from('GIF89a......'))).toBeUndefined();
  });

  it('refuses what is not a PNG or JPEG, and warns about a size Apple Podcasts rejects', () => {
    expect(() => checkArtwork(Buffer.from('<svg/>'), 'logo.svg')).toThrow(UsageError);
    expect(() => checkArtwork(Buffer.from('<svg/>'), 'logo.svg')).toThrow(
      '--artwork logo.svg is not a PNG or JPEG image. Give a square PNG or JPEG, 1400 to 3000 pixels wide.',
    );
    const wide = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x05, 0xdc, 0x06, 0x40]);
    expect(checkArtwork(wide, 'wide.jpg').warnings).toEqual([
      '--artwork wide.jpg is 1600×1500 pixels; Apple Podcasts wants a square of 1400 to 3000 pixels and may not show it.',
    ]);
  });
});

describe('loadToken', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-token-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a token once, keeps it across starts, makes a new one when rotated, readable by its owner only', async () => {
    const first = await loadToken(dir);
    expect(first.created).toBe(true);
    expect((await stat(path.join(dir, TOKEN_FILE))).mode & 0o777).toBe(0o600);
    expect(await loadToken(dir)).toEqual({ token: first.token, created: false });
    const rotated = await loadToken(dir, { rotate: true });
    expect(rotated.token).not.toBe(first.token);
    expect((await loadToken(dir)).token).toBe(rotated.token);
    await writeFile(path.join(dir, TOKEN_FILE), 'short\n');
    expect((await loadToken(dir)).created).toBe(true);
  });
});
