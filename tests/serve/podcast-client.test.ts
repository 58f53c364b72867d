// A real podcast client (gpo, from gpodder) subscribes to the server over loopback, under the secret path,
// downloads every episode byte for byte, and finds the episode added later.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMemoryJobStore } from './memory-job-store.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { createToken } from '../../src/serve/token.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const run = promisify(execFile);

describeWithBinaries('gpo')('gpo subscribes and downloads over loopback', () => {
  let work: string;
  let root: string;
  let server: RunningServer;
  const episodes = new Map<string, Buffer>();

  function writeFeed(): void {
    const items = [...episodes]
      .map(
        ([name, bytes], index) =>
          `<item><title>Episode ${index + 1}</title><guid isPermaLink="false">${name}</guid><pubDate>${new Date(Date.UTC(2026, 11, 1 + index)).toUTCString()}</pubDate>` +
          `<enclosure url="${server.baseUrl}${name}" length="${bytes.length}" type="audio/mpeg"/></item>`,
      )
      .join('');
    writeFileSync(
      path.join(root, 'feed.xml'),
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Briefings</title><link>${server.baseUrl}</link><description>Test</description>${items}</channel></rss>`,
    );
  }

  function addEpisode(name: string): void {
    const bytes = randomBytes(40_000);
    writeFileSync(path.join(root, name), bytes);
    episodes.set(name, bytes);
    writeFeed();
  }

  async function gpo(...args: string[]): Promise<string> {
    const env = { ...process.env, GPODDER_HOME: path.join(work, 'home'), GPODDER_DOWNLOAD_DIR: path.join(work, 'downloads') };
    const { stdout } = await run('gpo', args, { env, timeout: 60_000 });
    return stdout;
  }

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'briefcast-gpo-'));
    root = path.join(work, 'podcast');
    mkdirSync(root);
    server = await startServer({ root, token: createToken(), jobs: createMemoryJobStore() });
  });

  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('downloads every episode, then the one published later', async () => {
    addEpisode('first.mp3');
    addEpisode('second.mp3');
    expect(await gpo('subscribe', server.feedUrl)).toContain(`Successfully added ${server.feedUrl}`);
    expect(await gpo('update')).toContain('2 new episodes');
    expect(await gpo('download')).toContain('2 episodes downloaded');

    addEpisode('third.mp3');
    expect(await gpo('update')).toContain('1 new episode');
    expect(await gpo('download')).toContain('1 episodes downloaded');

    const folder = path.join(work, 'downloads', 'Briefings');
    expect(readdirSync(folder).sort()).toEqual(['first.mp3', 'second.mp3', 'third.mp3']);
    for (const [name, bytes] of episodes) expect(readFileSync(path.join(folder, name)).equals(bytes), name).toBe(true);
  });
});
