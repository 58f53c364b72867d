// A WebVTT transcript from the segments' own timings (the sample offsets the chapters come from), so captions
// never drift from the audio. The cues show the article's words as written (SegmentTiming.text), never the
// engine's reading of them. A cue per spoken segment (a sentence, or a piece of an over-long one); a segment
// too long for one cue is split on words into several, its time shared out by characters. Pure.
import type { SegmentTiming } from '../types.js';
import { escapeVttText } from './escape.js';

/** Captions guidance (BBC, Netflix) keeps lines near 40 to 70 characters; podcast apps show two lines at most. */
export const MAX_LINE_CHARS = 64;
export const MAX_CUE_LINES = 2;

export interface VttCue {
  startMs: number;
  endMs: number;
  /** At most MAX_CUE_LINES lines of at most MAX_LINE_CHARS characters (raw text, not yet escaped). */
  lines: string[];
  /** Which chapter the cue belongs to and what part of it is spoken, for the page's transcript. */
  chapterIndex: number;
  role: SegmentTiming['role'];
}

export interface CueOptions {
  maxLineChars?: number;
  maxLines?: number;
}

/** Greedy word wrap; a single word longer than a line (a URL) is cut, since no line may pass the limit. */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let piece = word; piece.length > 0; piece = piece.slice(maxChars)) {
      const part = piece.slice(0, maxChars);
      if (line && line.length + 1 + part.length <= maxChars) {
        line += ` ${part}`;
      } else {
        if (line) lines.push(line);
        line = part;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Two lines of even length read better than a full line and a stray word. */
function balanceTwoLines(text: string, maxChars: number): string[] {
  const words = text.split(' ');
  let best: string[] | undefined;
  for (let cut = 1; cut < words.length; cut++) {
    const first = words.slice(0, cut).join(' ');
    const second = words.slice(cut).join(' ');
    if (first.length > maxChars || second.length > maxChars) continue;
    if (!best || Math.max(first.length, second.length) < Math.max(best[0]!.length, best[1]!.length)) best = [first, second];
  }
  return best ?? wrapWords(text, maxChars);
}

export function buildCues(segments: readonly SegmentTiming[], options: CueOptions = {}): VttCue[] {
  const maxChars = options.maxLineChars ?? MAX_LINE_CHARS;
  const maxLines = options.maxLines ?? MAX_CUE_LINES;
  const cues: VttCue[] = [];
  for (const segment of segments) {
    const text = segment.text.replace(/\s+/g, ' ').trim();
    const durationMs = segment.endMs - segment.startMs;
    // A segment that makes no sound has nothing to caption.
    if (durationMs <= 0) continue;
    const previous = cues[cues.length - 1];
    if (!text) {
      // The rest of the reading of a written word shown in the cue before (a number too long to say in one engine
      // run): that cue stays up until the reading ends.
      if (previous && previous.chapterIndex === segment.chapterIndex) previous.endMs = Math.max(previous.endMs, segment.endMs);
      continue;
    }
    const lines = wrapWords(text, maxChars);
    let groups: string[][] = [];
    for (let i = 0; i < lines.length; i += maxLines) groups.push(lines.slice(i, i + maxLines));
    // Every cue needs at least a millisecond of its own.
    if (groups.length > durationMs) groups = [lines];
    const texts = groups.map((group) => group.join(' '));
    const totalChars = texts.reduce((sum, part) => sum + part.length, 0) + texts.length - 1;
    let consumed = 0;
    let startMs = segment.startMs;
    texts.forEach((part, index) => {
      consumed += part.length + (index < texts.length - 1 ? 1 : 0);
      const endMs = index === texts.length - 1 ? segment.endMs : Math.round(segment.startMs + (durationMs * consumed) / totalChars);
      const group = groups[index]!;
      const shown = group.length === 2 && maxLines === 2 ? balanceTwoLines(part, maxChars) : group;
      cues.push({ startMs, endMs: Math.max(endMs, startMs + 1), lines: shown, chapterIndex: segment.chapterIndex, role: segment.role });
      startMs = Math.max(endMs, startMs + 1);
    });
  }
  return cues;
}

/** HH:MM:SS.mmm (the hours are optional in WebVTT, but always writing them is valid and unambiguous). */
export function formatVttTimestamp(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
}

export function formatVtt(cues: readonly VttCue[]): string {
  const blocks = cues.map((cue) => `${formatVttTimestamp(cue.startMs)} --> ${formatVttTimestamp(cue.endMs)}\n${cue.lines.map(escapeVttText).join('\n')}\n`);
  return ['WEBVTT\n', ...blocks].join('\n');
}

export function formatTranscriptVtt(segments: readonly SegmentTiming[], options: CueOptions = {}): string {
  return formatVtt(buildCues(segments, options));
}
