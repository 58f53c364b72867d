// A content-addressed cache of synthesized clips (trimmed PCM in the programme's format). The key covers
// everything that changes the audio; entries are written atomically and checked on read, so a corrupt or
// half-written entry is never used: it is dropped and the clip is synthesized again. Only regular files of a
// clip's plausible size are read (src/cache-file.ts): a FIFO, a device or a link in the cache is a miss.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { PcmClip } from '../audio/wav.js';
import { readCacheFile, removeCacheEntry } from '../cache-file.js';
import { sweepPartials, writeFileAtomic } from '../write-atomic.js';

// Bump when the stored bytes or the trimming change meaning, so old entries stop matching.
const CACHE_FORMAT = 'briefcast-clip-2';
const MAGIC = Buffer.from('BCCLIP02');
// magic | sample rate (u32 BE) | data length (u32 BE) | sha256(data)
const HEADER_BYTES = MAGIC.length + 4 + 4 + 32;
// No segment takes ten minutes to say; an entry longer than that is not one of ours.
const MAX_CLIP_SECONDS = 600;
const MIN_SAMPLE_RATE = 1000;
const MAX_SAMPLE_RATE = 48_000;
const MAX_ENTRY_BYTES = HEADER_BYTES + MAX_CLIP_SECONDS * MAX_SAMPLE_RATE * 2;

export interface ClipKeyParts {
  engine: string;
  engineVersion: string;
  voice: string;
  rateWpm?: number;
  /**
   * What the engine reads (Segment.spoken), after normalization and the pronunciation lexicon: a lexicon change
   * re-synthesizes exactly the segments whose reading it changes, and no others; a change to the written text that
   * reads the same (a transcript's typography) re-synthesizes nothing.
   */
  spoken: string;
}

export function clipCacheKey(parts: ClipKeyParts): string {
  const canonical = JSON.stringify([CACHE_FORMAT, 'mono s16 trimmed', parts.engine, parts.engineVersion, parts.voice, parts.rateWpm ?? null, parts.spoken]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The user's cache folder: $XDG_CACHE_HOME/briefcast, or the platform's equivalent. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'briefcast');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'briefcast');
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'briefcast', 'Cache');
  return path.join(os.homedir(), '.cache', 'briefcast');
}

export class ClipCache {
  hits = 0;
  misses = 0;
  corrupt = 0;
  private readonly swept = new Set<string>();

  constructor(readonly dir: string) {}

  private entryPath(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.clip`);
  }

  /** The cached clip, or undefined on a miss. A damaged entry, or anything but a regular file, counts as a miss and is removed. */
  async get(key: string): Promise<PcmClip | undefined> {
    const file = this.entryPath(key);
    const read = await readCacheFile(file, MAX_ENTRY_BYTES);
    if (read === 'missing') {
      this.misses++;
      return undefined;
    }
    const clip = read === 'refused' ? undefined : decodeEntry(read.bytes);
    if (!clip) {
      this.corrupt++;
      this.misses++;
      await removeCacheEntry(file);
      return undefined;
    }
    this.hits++;
    return clip;
  }

  /** Stores a clip; a failure to write the cache never fails the briefing. */
  async put(key: string, clip: PcmClip): Promise<void> {
    if (!isPlausibleClip(clip.sampleRate, clip.samples.byteLength)) return;
    const file = this.entryPath(key);
    // A run killed while writing leaves its temporary file: the first write into a folder removes those of dead runs.
    const shard = path.dirname(file);
    if (!this.swept.has(shard)) {
      this.swept.add(shard);
      await sweepPartials(shard);
    }
    await writeFileAtomic(file, encodeEntry(clip)).catch(() => {});
  }
}

function isPlausibleClip(sampleRate: number, dataBytes: number): boolean {
  return (
    sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE && dataBytes > 0 && dataBytes % 2 === 0 && dataBytes <= MAX_CLIP_SECONDS * sampleRate * 2
  );
}

export function encodeEntry(clip: PcmClip): Buffer {
  const data = Buffer.from(clip.samples.buffer, clip.samples.byteOffset, clip.samples.byteLength);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(clip.sampleRate, MAGIC.length);
  header.writeUInt32BE(data.length, MAGIC.length + 4);
  createHash('sha256')
    .update(data)
    .digest()
    .copy(header, MAGIC.length + 8);
  return Buffer.concat([header, data]);
}

export function decodeEntry(bytes: Buffer): PcmClip | undefined {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const sampleRate = bytes.readUInt32BE(MAGIC.length);
  const length = bytes.readUInt32BE(MAGIC.length + 4);
  const data = bytes.subarray(HEADER_BYTES);
  if (data.length !== length || !isPlausibleClip(sampleRate, length)) return undefined;
  const digest = createHash('sha256').update(data).digest();
  if (!digest.equals(bytes.subarray(MAGIC.length + 8, HEADER_BYTES))) return undefined;
  // Copy into an aligned buffer: Int16Array needs an even byte offset.
  const samples = new Int16Array(length / 2);
  Buffer.from(samples.buffer).set(data);
  return { sampleRate, samples };
}
