// The feed's artwork: the square cover shipped with briefcast (assets/cover.png), or the user's --artwork. It is
// copied into the folder under a name carrying a hash of its bytes: podcast apps keep artwork by its URL, so a
// new image must get a new URL, and an old one is never rewritten in place.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../write-atomic.js';

/** The cover shipped in the package: 1400 px square, RGB PNG. */
export const DEFAULT_ARTWORK = fileURLToPath(new URL('../../assets/cover.png', import.meta.url));
/** Apple Podcasts' bounds for a show's artwork, in pixels. */
export const ARTWORK_MIN_PX = 1400;
export const ARTWORK_MAX_PX = 3000;
const MAX_ARTWORK_BYTES = 10 * 1024 * 1024;
const INSTALLED_NAME = /^cover-[0-9a-f]{12}\.(?:png|jpg)$/;

export interface ImageInfo {
  type: 'png' | 'jpg';
  width: number;
  height: number;
}

/** The type and size of a PNG or JPEG from its header; undefined for anything else. Pure. */
export function describeImage(bytes: Uint8Array): ImageInfo | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    view.length >= 24 &&
    view.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
    view.toString('latin1', 12, 16) === 'IHDR'
  ) {
    return { type: 'png', width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  }
  if (view.length < 4 || view[0] !== 0xff || view[1] !== 0xd8) return undefined;
  // Walk the JPEG's segments to the frame header (SOFn), which holds the size.
  for (let offset = 2; offset + 9 <= view.length;) {
    if (view[offset] !== 0xff) return undefined;
    const marker = view[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { type: 'jpg', height: view.readUInt16BE(offset + 5), width: view.readUInt16BE(offset + 7) };
    offset += 2 + view.readUInt16BE(offset + 2);
  }
  return undefined;
}

/** Refuses what is not a PNG or JPEG; warns about a size podcast apps may reject. */
export function checkArtwork(bytes: Uint8Array, name: string): { info: ImageInfo; warnings: string[] } {
  const info = describeImage(bytes);
  if (!info)
    throw new UsageError(`--artwork ${name} is not a PNG or JPEG image. Give a square PNG or JPEG, ${ARTWORK_MIN_PX} to ${ARTWORK_MAX_PX} pixels wide.`);
  const warnings: string[] = [];
  const { width, height } = info;
  if (width !== height || width < ARTWORK_MIN_PX || width > ARTWORK_MAX_PX) {
    warnings.push(
      `--artwork ${name} is ${width}×${height} pixels; Apple Podcasts wants a square of ${ARTWORK_MIN_PX} to ${ARTWORK_MAX_PX} pixels and may not show it.`,
    );
  }
  return { info, warnings };
}

/**
 * Copies the artwork (the given file, else the shipped cover) into `outDir` as cover-<hash>.<png|jpg>, unless
 * it is there already. Returns its name and the names of earlier covers installed this way, to be removed once
 * the feed no longer points at them.
 */
export async function installArtwork(outDir: string, file?: string): Promise<{ name: string; previous: string[]; warnings: string[] }> {
  const source = file ?? DEFAULT_ARTWORK;
  let bytes: Buffer;
  try {
    const info = await stat(source);
    if (!info.isFile()) throw new UsageError(`--artwork ${source} is not a file. Give a square PNG or JPEG.`);
    if (info.size > MAX_ARTWORK_BYTES) throw new UsageError(`--artwork ${source} is larger than 10 MB. Give a smaller PNG or JPEG.`);
    bytes = await readFile(source);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read the artwork ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check the path given to --artwork.`, {
      cause: error,
    });
  }
  const { info, warnings } = checkArtwork(bytes, source);
  const name = `cover-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${info.type}`;
  const target = path.join(outDir, name);
  if (!(await stat(target).catch(() => undefined))?.isFile()) await writeFileAtomic(target, bytes);
  const previous = (await readdir(outDir)).filter((other) => INSTALLED_NAME.test(other) && other !== name);
  return { name, previous, warnings };
}

/** Removes covers the feed no longer names. */
export async function removeArtwork(outDir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.filter((name) => INSTALLED_NAME.test(name)).map((name) => rm(path.join(outDir, name), { force: true })));
}
