// Writes a whole file or nothing: a reader (a podcast app polling the feed, a browser) never sees half a file.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes beside the target (same folder, so the rename is atomic on one file system), then renames over it. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const partial = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await writeFile(partial, content);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw error;
  }
}
