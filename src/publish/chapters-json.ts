// Podcasting 2.0 JSON chapters (https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md),
// from the very chapter times written into the ID3 tag, so that apps reading either agree to the millisecond. Pure.
import type { ChapterTiming } from '../types.js';

export const CHAPTERS_JSON_VERSION = '1.2.0';

export interface JsonChapter {
  /** Seconds from the start of the audio. */
  startTime: number;
  endTime: number;
  title: string;
}

export interface JsonChapters {
  version: typeof CHAPTERS_JSON_VERSION;
  title?: string;
  chapters: JsonChapter[];
}

/** ms / 1000 exactly: chapter times are whole milliseconds, as in the CHAP frames. */
export function buildJsonChapters(chapters: readonly ChapterTiming[], title?: string): JsonChapters {
  return {
    version: CHAPTERS_JSON_VERSION,
    ...(title ? { title } : {}),
    chapters: chapters.map((chapter) => ({ startTime: chapter.startMs / 1000, endTime: chapter.endMs / 1000, title: chapter.title })),
  };
}

/** The file's text; JSON.stringify is the escaping function here (it escapes quotes, backslashes and controls). */
export function formatJsonChapters(chapters: readonly ChapterTiming[], title?: string): string {
  return `${JSON.stringify(buildJsonChapters(chapters, title), null, 2)}\n`;
}
