// Chapter start and end times from the programme's sample offsets. Pure.
import type { ChapterTiming, Script, SegmentTiming } from '../types.js';
import { samplesToMs } from './pcm.js';

/**
 * Chapters are contiguous: each starts at its first segment's first sample and ends where the next begins;
 * the last ends with the programme. The pause before a section belongs to the chapter before it, so a chapter
 * starts on the announcement of its heading.
 */
export function computeChapterTimes(script: Script, segmentStarts: readonly number[], totalSamples: number, sampleRate: number): ChapterTiming[] {
  const starts: number[] = [];
  let index = 0;
  for (const chapter of script.chapters) {
    const start = segmentStarts[index];
    if (start === undefined) throw new RangeError('fewer segment offsets than segments in the script');
    starts.push(index === 0 ? 0 : start);
    index += chapter.segments.length;
  }
  return script.chapters.map((chapter, i) => ({
    title: chapter.title,
    startMs: samplesToMs(starts[i]!, sampleRate),
    endMs: samplesToMs(starts[i + 1] ?? totalSamples, sampleRate),
  }));
}

/** Each segment's speech, in programme order, in milliseconds from the same offsets as the chapters. */
export function computeSegmentTimes(script: Script, segmentStarts: readonly number[], segmentEnds: readonly number[], sampleRate: number): SegmentTiming[] {
  const segments = script.chapters.flatMap((chapter, chapterIndex) => chapter.segments.map((segment) => ({ chapterIndex, segment })));
  return segments.map(({ chapterIndex, segment }, index) => ({
    chapterIndex,
    role: segment.role,
    text: segment.text,
    startMs: samplesToMs(segmentStarts[index] ?? 0, sampleRate),
    endMs: samplesToMs(segmentEnds[index] ?? 0, sampleRate),
  }));
}
