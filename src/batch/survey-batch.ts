// A batch's look at the world before it plans: every article read and hashed (cheap, and it decides whether an
// engine is needed at all), which of the state's sources still exist, and what the output folder holds now.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFailure } from '../errors.js';
import { readInput } from '../read/read-input.js';
import { sidecarPaths } from '../publish/sidecars.js';
import { freezeRecord, type InputFormat } from '../types.js';
import type { BatchState } from './batch-state.js';
import { fingerprintArticle } from './fingerprint.js';
import type { ArticleSeen, BatchSurvey, DigestTarget, FileSeen, OutputsSeen } from './plan-batch.js';

export interface SurveyOptions {
  outDir: string;
  cwd: string;
  /** The found articles, in input order, and the inputs that named nothing. */
  files: readonly string[];
  missing: BatchSurvey['missing'];
  state: BatchState;
  from?: InputFormat;
  /** Where the digest goes and its title, when one is asked for. */
  digest?: { file: string; title: string };
  signal?: AbortSignal;
}

export async function surveyBatch(options: SurveyOptions): Promise<BatchSurvey> {
  const articles: ArticleSeen[] = [];
  for (const file of options.files) articles.push(await readArticle(file, options));
  const existingSources = new Set<string>();
  for (const item of options.state.items) if (await statFile(item.source)) existingSources.add(item.source);
  const digest: DigestTarget | undefined = options.digest && { ...options.digest, outputs: await outputsNow(options.digest.file) };
  return {
    outDir: options.outDir,
    missing: options.missing,
    articles,
    state: options.state,
    existingSources,
    folder: await listFolder(options.outDir),
    digest,
  };
}

/** Reads and hashes one article; an article that cannot be read fails alone, but Ctrl-C stops the survey. */
async function readArticle(file: string, options: SurveyOptions): Promise<ArticleSeen> {
  const input = displayName(file, options.cwd);
  try {
    // The read stage, as a single briefing reads (pipeline.ts readSource), without loading the rest of the pipeline.
    const text = freezeRecord(await readInput(file, { from: options.from, signal: options.signal }));
    return { file, input, text, articleHash: fingerprintArticle(text.content, text.format) };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    return { file, input, failure: describeFailure(error) };
  }
}

/** The article as the user named it: relative to the current folder when inside it. */
function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The regular files (links followed) among the MP3s and sidecars in the output folder, by name. */
async function listFolder(dir: string): Promise<Map<string, FileSeen>> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /\.(mp3|chapters\.json|vtt)$/i.test(name));
  const seen = new Map<string, FileSeen>();
  for (const name of names) {
    const info = await statFile(path.join(dir, name));
    if (info) seen.set(name, info);
  }
  return seen;
}

/** An MP3 anywhere, and whether both its sidecars are there. */
async function outputsNow(mp3: string): Promise<OutputsSeen> {
  const sidecars = sidecarPaths(mp3);
  return { mp3: await statFile(mp3), sidecarsExist: Boolean((await statFile(sidecars.chaptersJson)) && (await statFile(sidecars.vtt))) };
}

/** A regular file's size and time; undefined when it is missing or something else. */
export async function statFile(file: string): Promise<FileSeen | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
}
