// The files podcast apps read beside the MP3: <name>.chapters.json (Podcasting 2.0 chapters) and <name>.vtt
// (the transcript), both from the briefing's own timings. Pure: output-files.ts writes them, together with the
// MP3, as one unit.
import path from 'node:path';
import type { Briefing } from '../types.js';
import { formatJsonChapters } from './chapters-json.js';
import { formatTranscriptVtt } from './vtt.js';

export interface SidecarPaths {
  chaptersJson: string;
  vtt: string;
}

/** The sidecars' contents, keyed like their paths. */
export type SidecarContents = SidecarPaths;

/** What each sidecar is, for messages. */
export const SIDECAR_NAMES: Readonly<SidecarPaths> = { chaptersJson: 'the chapters file', vtt: 'the transcript' };

/** episode.mp3 -> episode.chapters.json and episode.vtt, in the same folder. */
export function sidecarPaths(mp3Path: string): SidecarPaths {
  const dir = path.dirname(mp3Path);
  const base = path.basename(mp3Path).replace(/\.mp3$/i, '');
  return { chaptersJson: path.join(dir, `${base}.chapters.json`), vtt: path.join(dir, `${base}.vtt`) };
}

/** Both sidecars' text. `title` (the script's) names the JSON chapters. */
export function formatSidecars(briefing: Pick<Briefing, 'chapters' | 'segments'>, title?: string): SidecarContents {
  return { chaptersJson: formatJsonChapters(briefing.chapters, title), vtt: formatTranscriptVtt(briefing.segments) };
}
