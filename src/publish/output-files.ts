// Where a briefing's files go and how they land. Every target is checked before any speech is made: only a regular
// file or a new path is written (never a folder, a device, a FIFO or a socket, and never the article being read,
// however it is linked), and names as long as the targets' must fit in the folder. The MP3 and its sidecars land
// as one unit: all of them or none, and whatever was there before survives any failure.
import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readlink, realpath, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AudioError, EngineError, OutputError, UsageError } from '../errors.js';
import type { Briefing } from '../types.js';
import { isPartialName, partialPathBeside, sweepPartials } from '../write-atomic.js';
import { formatSidecars, sidecarPaths, SIDECAR_NAMES, type SidecarContents, type SidecarPaths } from './sidecars.js';

/** One file of a unit: its final path, what it is (for messages), and what to do when it cannot be written. */
interface Target {
  file: string;
  what: string;
  hint: string;
}

/** A file about to land: already written at `partial`, or `content` to write first. */
interface PendingFile extends Target {
  partial?: string;
  content?: string;
}

const MP3_HINT = 'Choose another place with -o <file>.';
const SIDECAR_HINT = 'Move it away, choose another place with -o <file>, or leave out the chapters and transcript with --no-sidecars.';
const ELSEWHERE_HINT = 'Choose another name with -o <file>, or leave out the chapters and transcript with --no-sidecars.';
const SHORTER_HINT = 'Choose a shorter name with -o <file>, or leave out the chapters and transcript with --no-sidecars.';

/**
 * The MP3's path from -o as typed: a name ending in a slash, or naming an existing folder, means "in that folder",
 * under the name the briefing gets by default (`fallback`); no -o means `fallback` itself.
 */
export async function resolveOutputPath(output: string | undefined, fallback: string): Promise<string> {
  if (output === undefined) return path.resolve(fallback);
  if (!output.trim()) throw new UsageError('-o is empty: give a file name, or a folder ending in /.');
  const isFolder =
    output.endsWith('/') ||
    output.endsWith(path.sep) ||
    (await stat(output).then(
      (info) => info.isDirectory(),
      () => false,
    ));
  return isFolder ? path.resolve(output, path.basename(fallback)) : path.resolve(output);
}

export interface ReserveOptions {
  /** Files this run reads (articles): no output may replace one, under any name. */
  inputs?: readonly string[];
  /** Also write <name>.chapters.json and <name>.vtt, landing with the MP3. */
  sidecars?: boolean;
}

/**
 * Checks every file the briefing will write and claims the MP3's temporary file beside its target (same folder, so
 * the final rename is atomic), proving the folder writable before any synthesis is spent.
 */
export async function reserveOutput(target: string, options: ReserveOptions = {}): Promise<ReservedOutput> {
  const file = path.resolve(target);
  const sidecars = options.sidecars ? sidecarPaths(file) : undefined;
  const targets: Target[] = [{ file, what: 'the MP3', hint: MP3_HINT }, ...(sidecars ? sidecarFiles(sidecars) : [])];
  const inputs = options.inputs ?? [];
  await checkTargets(targets, inputs);
  const dir = path.dirname(file);
  const partial = partialPathBeside(file);
  try {
    await mkdir(dir, { recursive: true });
    await sweepPartials(dir);
    await (await open(partial, 'wx')).close();
  } catch (error) {
    throw new OutputError(`Cannot write to ${dir} (${describeWriteFailure(error, dir)}). ${MP3_HINT}`, { cause: error });
  }
  try {
    await checkNameLengths(targets);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return new ReservedOutput(file, partial, sidecars, inputs);
}

/** The files of one briefing, reserved: write the MP3 at `partial`, then `commit` or `abandon`. */
export class ReservedOutput {
  constructor(
    readonly file: string,
    /** Where the finished MP3 is written before it lands. */
    readonly partial: string,
    readonly sidecars: SidecarPaths | undefined,
    private readonly inputs: readonly string[],
  ) {}

  /** Lands the MP3 written at `partial` and the sidecars made from `briefing`, all together or not at all. */
  async commit(briefing: Pick<Briefing, 'chapters' | 'segments'>, title?: string): Promise<SidecarPaths | undefined> {
    const files: PendingFile[] = this.sidecars ? sidecarFiles(this.sidecars, formatSidecars(briefing, title)) : [];
    // The MP3 last: whoever watches the folder sees a new MP3 only with its sidecars beside it.
    files.push({ file: this.file, what: 'the MP3', hint: MP3_HINT, partial: this.partial });
    await commitFiles(files, this.inputs);
    return this.sidecars;
  }

  /**
   * Removes the temporary MP3 after a failure and returns the error to throw: one caused by a full disk is told
   * as that, with the disk (`workDir`: the run's temporary folder, if it has one).
   */
  async abandon(error: unknown, workDir?: string): Promise<unknown> {
    // Measured before the temporary file goes: removing it may free the very space that ran out.
    const explained = await explainFullDisk(error, { outputDir: path.dirname(this.file), workDir });
    await rm(this.partial, { force: true });
    return explained;
  }
}

/**
 * Writes the sidecars of a briefing already made beside `mp3Path` (default: the briefing's file), both or neither,
 * and returns their paths. `title` (the script's) names the JSON chapters.
 */
export async function writeSidecars(briefing: Briefing & { script?: { title: string } }, mp3Path: string = briefing.file): Promise<SidecarPaths> {
  const paths = sidecarPaths(path.resolve(mp3Path));
  await commitFiles(sidecarFiles(paths, formatSidecars(briefing, briefing.script?.title)));
  return paths;
}

const SIDECAR_KEYS = Object.keys(SIDECAR_NAMES) as (keyof SidecarPaths)[];

function sidecarFiles(paths: SidecarPaths, contents?: SidecarContents): PendingFile[] {
  return SIDECAR_KEYS.map((key) => ({ file: paths[key], what: SIDECAR_NAMES[key], hint: SIDECAR_HINT, content: contents?.[key] }));
}

/**
 * Lands every file or none. All temporaries are written first and every target checked again; each existing
 * target keeps a backup (a hard link, else a copy) until all renames are done, and a failed rename puts every
 * file already moved back as it was.
 */
async function commitFiles(files: readonly PendingFile[], inputs: readonly string[] = []): Promise<void> {
  const temporaries: string[] = [];
  const backups = new Map<string, string>();
  const placed: PendingFile[] = [];
  let current: PendingFile | undefined;
  try {
    const staged: (PendingFile & { partial: string })[] = [];
    for (const file of files) {
      current = file;
      const partial = file.partial ?? partialPathBeside(file.file);
      temporaries.push(partial);
      if (file.partial === undefined) await writeFile(partial, file.content ?? '', { flag: 'wx' });
      staged.push({ ...file, partial });
    }
    current = undefined;
    // The targets may have changed while the briefing was made.
    await checkTargets(files, inputs);
    for (const file of files) {
      current = file;
      const backup = await backUp(file.file);
      if (backup) backups.set(file.file, backup);
    }
    for (const file of staged) {
      current = file;
      await rename(file.partial, file.file);
      placed.push(file);
    }
  } catch (error) {
    const kept = await putBack(placed, backups);
    await Promise.all(
      [...temporaries, ...[...backups.values()].filter((backup) => !kept.includes(backup))].map((file) => rm(file, { force: true }).catch(() => {})),
    );
    if (error instanceof OutputError || !current) throw error;
    const outcome = kept.length
      ? `; the previous files are kept as ${kept.join(', ')}`
      : placed.length
        ? '; the previous files were put back'
        : '; nothing was replaced';
    throw new OutputError(`Cannot write ${current.what} to ${current.file} (${describeWriteFailure(error, current.file)})${outcome}. ${current.hint}`, {
      cause: error,
    });
  }
  await Promise.all([...backups.values()].map((backup) => rm(backup, { force: true }).catch(() => {})));
}

/** A second name for the file at `target`, if there is one, so that it can be put back. */
async function backUp(target: string): Promise<string | undefined> {
  const info = await lstat(target).catch(() => undefined);
  if (!info) return undefined;
  const backup = partialPathBeside(target);
  try {
    await link(target, backup);
  } catch {
    // File systems without hard links (FAT, some network shares).
    await copyFile(target, backup, constants.COPYFILE_EXCL);
  }
  return backup;
}

/** Undoes the renames done so far, newest first; returns the backups that could not be put back. */
async function putBack(placed: readonly PendingFile[], backups: ReadonlyMap<string, string>): Promise<string[]> {
  const kept: string[] = [];
  for (const file of [...placed].reverse()) {
    const backup = backups.get(file.file);
    try {
      if (backup) await rename(backup, file.file);
      else await rm(file.file, { force: true });
    } catch {
      if (backup) kept.push(backup);
    }
  }
  return kept;
}

/** Refuses, before anything is opened, a target that is a folder, not a regular file, or one of the inputs. */
async function checkTargets(targets: readonly Target[], inputs: readonly string[]): Promise<void> {
  const read = (
    await Promise.all(inputs.filter((input) => input !== '-').map(async (file) => ({ file, info: await stat(file).catch(() => undefined) })))
  ).filter((input) => input.info?.isFile());
  for (const target of targets) {
    let info;
    try {
      // Following links: a link to /dev/null or to the article is what it points at.
      info = await stat(target.file);
    } catch (error) {
      if (errorCode(error) === 'ENAMETOOLONG') throw tooLong(target, error);
      // A new path; a folder that cannot be made there is reported when the temporary file is claimed.
      continue;
    }
    if (info.isDirectory()) {
      const hint = target.what === 'the MP3' ? `Give a file name, e.g. -o ${path.join(target.file, 'briefing.mp3')}.` : target.hint;
      throw new OutputError(`Cannot write ${target.what} to ${target.file}: it is a folder. ${hint}`);
    }
    if (!info.isFile()) {
      throw new OutputError(
        `Cannot write ${target.what} to ${target.file}: it is ${describeKind(info)}, and briefcast writes only regular files or new paths. ${target.hint}`,
      );
    }
    // /dev/stdout and /dev/fd/N are links to an open file: the rename would replace the system's link, not write there.
    const linked = await readlink(target.file).then(
      (to) => path.resolve(path.dirname(target.file), to),
      () => undefined,
    );
    if (linked?.startsWith('/proc/')) {
      throw new OutputError(`Cannot write ${target.what} to ${target.file}: it is a link to an open file (${linked}), not a file of its own. ${target.hint}`);
    }
    const input = read.find((other) => other.info!.dev === info.dev && other.info!.ino === info.ino);
    const hint = target.hint === SIDECAR_HINT ? ELSEWHERE_HINT : target.hint;
    if (input)
      throw new OutputError(`Cannot write ${target.what} to ${target.file}: it is the article being read (${input.file}), which it would replace. ${hint}`);
  }
}

function describeKind(info: { isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Proves that each target's name fits in its folder's file system, with a short-lived file of the same length:
 * the temporary names are short, so without this a name too long would fail only after all the work.
 */
async function checkNameLengths(targets: readonly Target[]): Promise<void> {
  for (const target of targets) {
    const probe = probePathBeside(target.file);
    if (!probe) continue;
    try {
      await (await open(probe, 'wx')).close();
    } catch (error) {
      if (errorCode(error) === 'ENAMETOOLONG') throw tooLong(target, error);
      // Anything else is reported when the file itself is written.
      continue;
    }
    await rm(probe, { force: true });
  }
}

/** A temporary path whose name is exactly as long (in bytes) as the target's, or none if the target's is short. */
function probePathBeside(target: string): string | undefined {
  const partial = partialPathBeside(target);
  const padding = Buffer.byteLength(path.basename(target)) - Buffer.byteLength(path.basename(partial));
  if (padding <= 0) return undefined;
  // Leading zeros in the pid keep it a name that sweepPartials removes, should this run be killed right now.
  const name = path.basename(partial).replace(/^\.briefcast-/, `.briefcast-${'0'.repeat(padding)}`);
  return isPartialName(name) ? path.join(path.dirname(partial), name) : undefined;
}

function tooLong(target: Target, cause: unknown): OutputError {
  const bytes = Buffer.byteLength(path.basename(target.file));
  const hint = target.hint === SIDECAR_HINT ? SHORTER_HINT : 'Choose a shorter name with -o <file>.';
  return new OutputError(`Cannot write ${target.what} to ${target.file}: its name (${bytes} bytes) is too long for this folder's file system. ${hint}`, {
    cause,
  });
}

/**
 * Refuses a digest that is, or would become, an episode's MP3 (or would share its sidecars): `episodes` are the
 * slugs of this run's articles and of those briefed before into `outDir`.
 */
export async function refuseDigestOverEpisode(digest: string, outDir: string, episodes: Iterable<{ slug: string; source: string }>): Promise<void> {
  const real = (dir: string) => realpath(dir).catch(() => path.resolve(dir));
  if ((await real(path.dirname(digest))) !== (await real(outDir))) return;
  const stem = path
    .basename(digest)
    .replace(/\.mp3$/i, '')
    .toLowerCase();
  for (const episode of episodes) {
    // Lower case: on macOS and Windows Harbour.mp3 and harbour.mp3 are one file.
    if (episode.slug.toLowerCase() !== stem) continue;
    throw new UsageError(
      `--digest ${digest} is the episode file of ${episode.source} (${path.join(outDir, `${episode.slug}.mp3`)}), which the digest would replace. Give the digest another name, e.g. --digest ${path.join(outDir, 'digest.mp3')}.`,
    );
  }
}

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
const DISK_FULL_TEXT = /no space left on device|disk quota exceeded|\bENOSPC\b|\bEDQUOT\b/i;
/** Below this, a failed engine or ffmpeg was most likely starved of disk: they often fail without saying why. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * The error a failure should be reported as: a full disk as a full disk (an OutputError naming the disk), not as
 * the engine or ffmpeg failure it caused; anything else unchanged.
 */
export async function explainFullDisk(error: unknown, places: { outputDir: string; workDir?: string }): Promise<unknown> {
  const said = mentionsFullDisk(error);
  if (!said && !(error instanceof EngineError || error instanceof AudioError)) return error;
  const tmp = places.workDir ? path.dirname(places.workDir) : undefined;
  const candidates: [string | undefined, (free: string) => string][] = [
    [
      places.workDir,
      (free) =>
        `The disk that holds the temporary folder ${tmp} is full (${free} left). Free some space there, or point TMPDIR at a folder on a disk with room.`,
    ],
    [
      places.outputDir,
      (free) =>
        `The disk that holds ${places.outputDir} is full (${free} left), so the briefing cannot be written there. Free some space, or choose another place with -o <file>.`,
    ],
  ];
  for (const [dir, message] of candidates) {
    const free = dir ? await freeBytes(dir) : undefined;
    if (free !== undefined && free < NEARLY_FULL_BYTES) return new OutputError(message(`${Math.floor(free / 1024)} KB`), { cause: error });
  }
  if (!said) return error;
  const where = findInChain(error, (link) => (link as NodeJS.ErrnoException).path);
  return new OutputError(`The disk is full${where ? ` (writing ${where})` : ''}. Free some space and run again.`, { cause: error });
}

function mentionsFullDisk(error: unknown): boolean {
  return Boolean(
    findInChain(error, (link) => DISK_FULL_CODES.has(errorCode(link) ?? '') || (link instanceof Error && DISK_FULL_TEXT.test(link.message)) || undefined),
  );
}

function findInChain<T>(error: unknown, pick: (link: unknown) => T | undefined): T | undefined {
  for (let link = error, depth = 0; link !== undefined && link !== null && depth < 8; link = (link as { cause?: unknown }).cause, depth++) {
    const found = pick(link);
    if (found) return found;
  }
  return undefined;
}

/** Bytes the file system holding `dir` has left for this process (root may use the reserved blocks). */
async function freeBytes(dir: string): Promise<number | undefined> {
  const info = await statfs(dir).catch(() => undefined);
  if (!info) return undefined;
  return (process.getuid?.() === 0 ? info.bfree : info.bavail) * info.bsize;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** An errno error as words: which failure, and what it means for the user. */
export function describeWriteFailure(error: unknown, where: string): string {
  const code = errorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${code}: permission denied`;
    case 'EROFS':
      return 'EROFS: a read-only file system';
    case 'ENOSPC':
    case 'EDQUOT':
      return `${code}: no space left`;
    // mkdir -p reports a file in the way as EEXIST; open below a file reports ENOTDIR.
    case 'EEXIST':
    case 'ENOTDIR':
      return `${code}: part of the path ${where} is a file, not a folder`;
    case 'EISDIR':
      return 'EISDIR: it is a folder';
    case 'ENOENT':
      return 'ENOENT: files cannot be created there';
    case 'ENAMETOOLONG':
      return 'ENAMETOOLONG: the name is too long for this file system';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
