// The cache's reader and its measurement records (src/cache-file.ts): only regular files of bounded size are read,
// without ever blocking, and a record is used only when its checksum and its values hold.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { numberIn, readCacheFile, readCacheRecord, writeCacheRecord } from '../../src/cache-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-cache-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readCacheFile', () => {
  it('reads a regular file up to its limit, and says when there is nothing', async () => {
    const file = path.join(dir, 'entry');
    await writeFile(file, 'twelve bytes');
    expect(await readCacheFile(file, 12)).toEqual({ bytes: Buffer.from('twelve bytes') });
    expect(await readCacheFile(file, 11)).toBe('refused');
    expect(await readCacheFile(path.join(dir, 'absent'), 100)).toBe('missing');
    expect(await readCacheFile(path.join(dir, 'absent', 'below'), 100)).toBe('missing');
  });

  it('refuses a FIFO at once (no writer ever comes), a folder, a link, and a huge sparse file without reading it', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const folder = path.join(dir, 'folder');
    await mkdir(folder);
    const huge = path.join(dir, 'huge');
    await writeFile(huge, '');
    await truncate(huge, 8 * 1024 ** 3);
    const link = path.join(dir, 'link');
    await writeFile(path.join(dir, 'small'), 'ok');
    await symlink(path.join(dir, 'small'), link);
    const started = Date.now();
    for (const file of [fifo, folder, huge, link]) expect(await readCacheFile(file, 1024 ** 2), file).toBe('refused');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('cache records', () => {
  interface Gain {
    gainDb: number;
  }
  const accept = (value: Record<string, unknown>): Gain | undefined => {
    const gainDb = numberIn(value.gainDb, -3, 3);
    return gainDb === undefined ? undefined : { gainDb };
  };

  it('round-trip, atomically, leaving only the record', async () => {
    const file = path.join(dir, 'encoders', 'abc.json');
    await writeCacheRecord(file, 'abc', { gainDb: -0.45 });
    expect(await readCacheRecord(file, 'abc', accept)).toEqual({ gainDb: -0.45 });
    expect(await readdir(path.dirname(file))).toEqual(['abc.json']);
  });

  it.each([
    ['a changed value, still valid JSON', (text: string) => text.replace('-0.45', '-2.9')],
    ['a value of the wrong type', (text: string) => text.replace('-0.45', '"-0.45"')],
    ['no checksum', (text: string) => JSON.stringify({ value: (JSON.parse(text) as { value: unknown }).value })],
    ['truncated JSON', (text: string) => text.slice(0, -5)],
    ['an old bare record', () => JSON.stringify({ gainDb: -0.45 })],
    ['a huge record', () => JSON.stringify({ value: { gainDb: -0.45, pad: 'x'.repeat(5000) } })],
  ])('refuse %s, and remove it', async (_name, damage) => {
    const file = path.join(dir, 'abc.json');
    await writeCacheRecord(file, 'abc', { gainDb: -0.45 });
    await writeFile(file, damage(await readFile(file, 'utf8')));
    expect(await readCacheRecord(file, 'abc', accept)).toBeUndefined();
    await expect(readFile(file)).rejects.toThrow();
  });

  it('refuse a record under another name (a file copied over another key) and values outside their range', async () => {
    const copied = path.join(dir, 'copied.json');
    await writeCacheRecord(copied, 'original', { gainDb: 1 });
    expect(await readCacheRecord(copied, 'copied', accept)).toBeUndefined();
    const implausible = path.join(dir, 'implausible.json');
    await writeCacheRecord(implausible, 'implausible', { gainDb: 40 });
    expect(await readCacheRecord(implausible, 'implausible', accept)).toBeUndefined();
  });

  it("clear a dead run's temporary file from their folder when written", async () => {
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    const folder = path.join(dir, 'voices');
    await mkdir(folder);
    await writeFile(path.join(folder, `.briefcast-${deadPid.toString(36)}-0badf00d.partial`), '{"value":');
    await writeCacheRecord(path.join(folder, 'abc.json'), 'abc', { gainDb: 0 });
    expect(await readdir(folder)).toEqual(['abc.json']);
  });

  it('a failure to write never throws', async () => {
    await writeFile(path.join(dir, 'file'), '');
    await expect(writeCacheRecord(path.join(dir, 'file', 'below.json'), 'below', { gainDb: 0 })).resolves.toBeUndefined();
  });
});
