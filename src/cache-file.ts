// Reading and writing the cache folder (clips, voice calibrations, the encoder's measured gain). Anything can end up
// in a cache folder, so an entry is read only when it is a regular file of plausible size, without ever blocking on
// it, and a measurement is used only when its checksum and its values hold; anything else counts as a miss, is
// removed, and is made again. Writes are atomic and never fail a briefing.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { sweepPartials, writeFileAtomic } from './write-atomic.js';

// O_NONBLOCK: opening a FIFO for reading would wait for a writer that never comes, on a thread no signal can free.
// O_NOFOLLOW: entries are files briefcast renamed into place, never links (which may lead to a device or a huge file).
// Both are 0 where the platform has no such flag (Windows has no FIFOs at a path, and links need privileges).
const OPEN_ENTRY = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** What reading an entry found: its bytes, nothing there, or something that must not be read (and may be removed). */
export type CacheRead = { bytes: Buffer } | 'missing' | 'refused';

/** An entry's bytes, when it is a regular file of at most `maxBytes`; never reads more than that, never blocks. */
export async function readCacheFile(file: string, maxBytes: number): Promise<CacheRead> {
  let handle;
  try {
    handle = await open(file, OPEN_ENTRY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a link (O_NOFOLLOW); ENXIO: a socket; EISDIR where a folder cannot be opened.
    return code === 'ELOOP' || code === 'ENXIO' || code === 'EISDIR' ? 'refused' : 'missing';
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return 'refused';
    const bytes = Buffer.alloc(info.size);
    let filled = 0;
    // A file that shrinks while it is read ends early; one that grows is read only to the size it had.
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (!bytesRead) break;
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled) };
  } catch {
    return 'missing';
  } finally {
    await handle.close().catch(() => {});
  }
}

/** Removes a damaged entry so the next write replaces it; a folder in its place stays (and is never read). */
export async function removeCacheEntry(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => {});
}

// A measurement record is a few numbers; anything larger is not one.
const MAX_RECORD_BYTES = 4096;

/**
 * A small measurement (a voice's loudness, the encoder's gain) kept as JSON with a checksum over its name and
 * values. `accept` rebuilds the record from the parsed values (fixing its key order) when they are plausible.
 */
export async function readCacheRecord<T extends object>(
  file: string,
  name: string,
  accept: (value: Record<string, unknown>) => T | undefined,
): Promise<T | undefined> {
  const read = await readCacheFile(file, MAX_RECORD_BYTES);
  if (read === 'missing') return undefined;
  const record = read === 'refused' ? undefined : parseRecord(read.bytes, name, accept);
  if (!record) await removeCacheEntry(file);
  return record;
}

function parseRecord<T extends object>(bytes: Buffer, name: string, accept: (value: Record<string, unknown>) => T | undefined): T | undefined {
  try {
    const stored = JSON.parse(bytes.toString('utf8')) as { value?: unknown; sha256?: unknown };
    if (typeof stored.value !== 'object' || stored.value === null) return undefined;
    const value = accept(stored.value as Record<string, unknown>);
    return value && stored.sha256 === recordChecksum(name, value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a measurement for readCacheRecord; a failure to write the cache never fails the briefing. */
export async function writeCacheRecord(file: string, name: string, value: object): Promise<void> {
  // Records are written rarely (a new voice, a new ffmpeg): each write clears what killed runs left in their folder.
  await sweepPartials(path.dirname(file));
  await writeFileAtomic(file, JSON.stringify({ value, sha256: recordChecksum(name, value) })).catch(() => {});
}

function recordChecksum(name: string, value: object): string {
  return createHash('sha256')
    .update(JSON.stringify([name, value]))
    .digest('hex');
}

/** A finite number within [min, max], or undefined. */
export function numberIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}
