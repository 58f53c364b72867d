// The typed records that flow between pipeline stages: article -> script -> speech -> audio -> publish (see docs/ARCHITECTURE.md).

export const INPUT_FORMATS = ['text', 'markdown', 'html'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface Section {
  /** Empty string for the untitled opening (standfirst/lead) before the first heading. */
  heading: string;
  paragraphs: string[];
}

export interface Article {
  title: string;
  byline?: string;
  /** ISO 8601 date or date-time, when the source states one. */
  date?: string;
  description?: string;
  siteName?: string;
  /** Where the article came from: a file path, '-' for stdin, or a URL. */
  source: string;
  format: InputFormat;
  /** The language the source declares (HTML lang or og:locale, Markdown front matter), as written there. */
  declaredLanguage?: string;
  /**
   * The primary language subtag the article is read in ("fr"), settled by the pipeline's parse stage
   * (article/language.ts: --lang, the declaration, detection, English). Absent on an Article built by hand: English.
   */
  language?: string;
  /** sections[0] may have heading '' (the lead); every other section has a heading and at least one paragraph. */
  sections: Section[];
}

export const ROLES = ['title', 'intro', 'heading', 'body', 'outro'] as const;
export type Role = (typeof ROLES)[number];

export interface Segment {
  role: Role;
  /** The engine voice that reads it. */
  voice: string;
  /** Speech-ready text: tidy, bounded in length for the engine. */
  text: string;
  /** Exact silence written after this segment's audio. */
  pauseAfterMs: number;
}

export interface Chapter {
  title: string;
  segments: Segment[];
}

export interface Script {
  title: string;
  /** The language of the host's words (and, for a single article, of the whole programme). */
  language: string;
  chapters: Chapter[];
}

export interface ChapterTiming {
  title: string;
  startMs: number;
  endMs: number;
}

/** When one segment is heard in the programme: from its first sound to the end of its speech (before its pause). */
export interface SegmentTiming {
  chapterIndex: number;
  role: Role;
  text: string;
  startMs: number;
  endMs: number;
}

export interface Briefing {
  file: string;
  durationMs: number;
  chapters: ChapterTiming[];
  /** Every segment's timing, from the same sample offsets as the chapters (for transcripts). */
  segments: SegmentTiming[];
}

/**
 * Freezes a record and everything in it. Records are handed from stage to stage (and between the articles of a
 * batch) and never changed on the way: a stage that needs another shape makes a new record.
 */
export function freezeRecord<T>(record: T): T {
  if (typeof record !== 'object' || record === null || ArrayBuffer.isView(record)) return record;
  for (const value of Object.values(record)) freezeRecord(value);
  return Object.freeze(record);
}
