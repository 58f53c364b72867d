import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipCache, clipCacheKey, decodeEntry, defaultCacheDir, encodeEntry } from '../../src/speech/clip-cache.js';

const parts = { engine: 'flite', engineVersion: '2.2', voice: 'slt', spoken: 'Hello there.' };

describe('clipCacheKey', () => {
  it('changes with everything that changes the audio', () => {
    const base = clipCacheKey(parts);
    expect(clipCacheKey({ ...parts })).toBe(base);
    for (const changed of [
      { ...parts, engine: 'espeak-ng' },
      { ...parts, engineVersion: '2.3' },
      { ...parts, voice: 'rms' },
      { ...parts, spoken: 'Hello there!' },
      { ...parts, rateWpm: 180 },
    ]) {
      expect(clipCacheKey(changed)).not.toBe(base);
    }
  });
});

describe('defaultCacheDir', () => {
  it('follows XDG_CACHE_HOME, else the platform convention', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(path.join('/x/cache', 'briefcast'));
    expect(defaultCacheDir({}, 'linux')).toBe(path.join(os.homedir(), '.cache', 'briefcast'));
    expect(defaultCacheDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Caches', 'briefcast'));
  });
});

describe('ClipCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const clip = { sampleRate: 16_000, samples: new Int16Array([1, -2, 300, -4000, 5, 32767, -32768, 8]) };

  it('misses, then hits with the same bytes', async () => {
    const cache = new ClipCache(dir);
    const key = clipCacheKey(parts);
    expect(await cache.get(key)).toBeUndefined();
    await cache.put(key, clip);
    expect(await cache.get(key)).toEqual(clip);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 1 });
  });

  it('leaves no temporary files behind', async () => {
    const cache = new ClipCache(dir);
    await cache.put(clipCacheKey(parts), clip);
    const [shard] = await readdir(dir);
    expect((await readdir(path.join(dir, shard!))).every((name) => name.endsWith('.clip'))).toBe(true);
  });

  it.each([
    [
      'a flipped data byte',
      (bytes: Buffer) => {
        bytes[bytes.length - 1]! ^= 0xff;
        return bytes;
      },
    ],
    ['a truncated entry', (bytes: Buffer) => bytes.subarray(0, bytes.length - 3)],
    ['an empty file', () => Buffer.alloc(0)],
    ['foreign bytes', () => Buffer.from('not a clip at all, just text')],
  ])('drops %s and reports a miss', async (_name, damage) => {
    const cache = new ClipCache(dir);
    const key = clipCacheKey(parts);
    await cache.put(key, clip);
    const file = path.join(dir, key.slice(0, 2), `${key}.clip`);
    await writeFile(file, damage(await readFile(file)));
    expect(await cache.get(key)).toBeUndefined();
    expect(cache.corrupt).toBe(1);
    await expect(readFile(file)).rejects.toThrow();
  });

  // Anything can end up in a cache folder. None of these may block the read, be read without a bound, or be used.
  // Huge files are sparse: they take no disk space and, read in full, would take gigabytes of memory.
  const sparseFile = async (file: string, bytes: number) => {
    await writeFile(file, '');
    await truncate(file, bytes);
  };
  const intruders: [string, (file: string) => Promise<void>][] = [
    ['a FIFO (no writer: opening it for reading would wait forever)', async (file) => void execFileSync('mkfifo', [file])],
    [
      'a link to a huge sparse file',
      async (file) => {
        await sparseFile(path.join(dir, 'huge'), 8 * 1024 ** 3);
        await symlink(path.join(dir, 'huge'), file);
      },
    ],
    ['a huge sparse file', (file) => sparseFile(file, 6 * 1024 ** 3)],
    [
      'a link to a valid entry elsewhere',
      async (file) => {
        await writeFile(path.join(dir, 'elsewhere.clip'), encodeEntry(clip));
        await symlink(path.join(dir, 'elsewhere.clip'), file);
      },
    ],
    ['a link to /dev/null', async (file) => symlink('/dev/null', file)],
  ];
  it.each(intruders)('refuses %s at once, as a damaged entry, and replaces it', async (_name, plant) => {
    const cache = new ClipCache(dir);
    const key = clipCacheKey(parts);
    const file = path.join(dir, key.slice(0, 2), `${key}.clip`);
    await mkdir(path.dirname(file), { recursive: true });
    await plant(file);
    const started = Date.now();
    const memoryBefore = process.memoryUsage().rss;
    expect(await cache.get(key)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(64 * 1024 ** 2);
    expect(cache.corrupt).toBe(1);
    await cache.put(key, clip);
    expect((await lstat(file)).isFile()).toBe(true);
    expect(await cache.get(key)).toEqual(clip);
    // Only the link was removed, never what it pointed to.
    for (const target of ['huge', 'elsewhere.clip']) {
      await stat(path.join(dir, target)).then(
        (info) => expect(info.isFile()).toBe(true),
        () => {},
      );
    }
  });

  it('refuses a folder in place of an entry without failing, and stores nothing there', async () => {
    const cache = new ClipCache(dir);
    const key = clipCacheKey(parts);
    const file = path.join(dir, key.slice(0, 2), `${key}.clip`);
    await mkdir(file, { recursive: true });
    expect(await cache.get(key)).toBeUndefined();
    await cache.put(key, clip);
    expect(await cache.get(key)).toBeUndefined();
    expect(await readdir(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('does not store a clip longer than any segment can be, so nothing is kept that would be refused', async () => {
    const cache = new ClipCache(dir);
    const key = clipCacheKey(parts);
    await cache.put(key, { sampleRate: 8000, samples: new Int16Array(8000 * 601) });
    expect(await readdir(dir)).toEqual([]);
  });

  it("removes a dead run's temporary files from a folder it writes into, and leaves a live run's", async () => {
    const cache = new ClipCache(dir);
    const key = clipCacheKey(parts);
    const shard = path.join(dir, key.slice(0, 2));
    await mkdir(shard, { recursive: true });
    // A pid that has just exited stands for a run killed with -9 while it wrote.
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    const dead = `.briefcast-${deadPid.toString(36)}-0badf00d.partial`;
    const live = `.briefcast-${process.pid.toString(36)}-0badf00d.partial`;
    await writeFile(path.join(shard, dead), 'half a clip');
    await writeFile(path.join(shard, live), 'being written');
    await cache.put(key, clip);
    expect((await readdir(shard)).sort()).toEqual([live, `${key}.clip`].sort());
  });

  it('round-trips entries through encode and decode', () => {
    expect(decodeEntry(encodeEntry(clip))).toEqual(clip);
  });
});
