// The files podcast apps read beside the MP3: <name>.chapters.json (Podcasting 2.0 chapters) and <name>.vtt
// (the transcript), both from the briefing's own timings.
import path from 'node:path';
import { OutputError } from '../errors.js';
import type { Briefing } from '../types.js';
import { formatJsonChapters } from './chapters-json.js';
import { formatTranscriptVtt } from './vtt.js';
import { writeFileAtomic } from '../write-atomic.js';

export interface SidecarPaths {
  chaptersJson: string;
  vtt: string;
}

/** episode.mp3 -> episode.chapters.json and episode.vtt, in the same folder. */
export function sidecarPaths(mp3Path: string): SidecarPaths {
  const dir = path.dirname(mp3Path);
  const base = path.basename(mp3Path).replace(/\.mp3$/i, '');
  return { chaptersJson: path.join(dir, `${base}.chapters.json`), vtt: path.join(dir, `${base}.vtt`) };
}

/** Writes both sidecars atomically and returns their paths. `title` (the script's) names the JSON chapters. */
export async function writeSidecars(briefing: Briefing & { script?: { title: string } }, mp3Path: string = briefing.file): Promise<SidecarPaths> {
  const paths = sidecarPaths(path.resolve(mp3Path));
  try {
    await writeFileAtomic(paths.chaptersJson, formatJsonChapters(briefing.chapters, briefing.script?.title));
    await writeFileAtomic(paths.vtt, formatTranscriptVtt(briefing.segments));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new OutputError(`Cannot write the chapters and transcript beside ${mp3Path} (${reason}). Check the folder's permissions, or skip them with --no-sidecars.`, { cause: error });
  }
  return paths;
}
