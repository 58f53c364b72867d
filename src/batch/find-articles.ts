// Expands the batch command's inputs (files, folders, globs) into the article files to brief.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { globToRegExp, hasGlobMagic, isDeepGlob, splitGlob } from './glob-pattern.js';

export interface FoundArticles {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** Inputs that name nothing: a missing path, a glob without matches. */
  missing: { input: string; message: string }[];
}

export interface FindOptions {
  cwd?: string;
  /** The output folder: the files briefcast writes there are never taken for articles. */
  outDir?: string;
}

// Names that mean "not finished" or "not yours": editor swap and backup files, browser downloads in progress.
const TEMPORARY_NAME = /(^\.|^#.*#$|~$|\.(swp|swo|swx|tmp|temp|part|partial|crdownload|download)$)/i;
// What briefcast itself writes into an output folder.
const OUTPUT_NAME = /(\.mp3|\.vtt|\.chapters\.json|^feed\.xml|^index\.html)$/i;

/** Whether a file found in a folder or by a glob is a candidate article. */
export function isCandidateName(file: string, outDir?: string): boolean {
  const name = path.basename(file);
  if (TEMPORARY_NAME.test(name)) return false;
  if (outDir && path.resolve(path.dirname(file)) === path.resolve(outDir) && OUTPUT_NAME.test(name)) return false;
  return true;
}

async function statOrUndefined(file: string) {
  try {
    return await stat(file);
  } catch {
    return undefined;
  }
}

/** Regular files directly in a folder: folders are read one level deep (use a "**" glob to go deeper). */
async function listFolder(dir: string, outDir: string | undefined): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (!isCandidateName(file, outDir)) continue;
    if (entry.isFile() || (entry.isSymbolicLink() && (await statOrUndefined(file))?.isFile())) files.push(file);
  }
  return files;
}

// The glob is matched by picomatch (glob-pattern.ts) over this walk rather than walked by tinyglobby: files that
// are symbolic links are articles like any other, but linked folders are not entered (a link to a parent or to /
// would walk the disk), and tinyglobby can only follow links to both or to neither.
async function walk(dir: string, deep: boolean, into: string[], prefix = ''): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (deep && !entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(full, deep, into, relative);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      into.push(relative);
    }
  }
}

async function expandGlob(pattern: string, cwd: string, outDir: string | undefined): Promise<string[]> {
  const { base, rest } = splitGlob(pattern);
  const root = path.resolve(cwd, base);
  const candidates: string[] = [];
  await walk(root, isDeepGlob(rest), candidates);
  const matcher = globToRegExp(rest);
  const files: string[] = [];
  for (const relative of candidates) {
    const file = path.join(root, relative);
    if (!matcher.test(relative) || !isCandidateName(file, outDir)) continue;
    if ((await statOrUndefined(file))?.isFile()) files.push(file);
  }
  return files;
}

export async function findArticles(inputs: readonly string[], options: FindOptions = {}): Promise<FoundArticles> {
  const cwd = options.cwd ?? process.cwd();
  const found = new Set<string>();
  const missing: FoundArticles['missing'] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await statOrUndefined(absolute);
    if (info?.isFile()) {
      // Named explicitly: taken whatever its name; the reader says if it is not an article.
      found.add(absolute);
    } else if (info?.isDirectory()) {
      (await listFolder(absolute, options.outDir)).forEach((file) => found.add(file));
    } else if (hasGlobMagic(input)) {
      const matches = await expandGlob(input, cwd, options.outDir);
      if (matches.length === 0)
        missing.push({ input, message: `No file matches ${input}. Check the pattern (quote it so that the shell leaves it to briefcast).` });
      matches.forEach((file) => found.add(file));
    } else {
      missing.push({ input, message: `No such file or folder: ${input}. Check the path.` });
    }
  }
  return { files: [...found].sort((a, b) => a.localeCompare(b)), missing };
}
