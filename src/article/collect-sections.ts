// One collector for all three parsers, so that every format obeys the same Article rules:
// only sections[0] may be untitled, no section is empty, no paragraph is empty, reference matter is dropped,
// and headings with nothing under them are read as paragraphs only when the article has nothing else to read.
import type { Section } from '../types.js';
import { collapseWhitespace, ensureSentenceEnd, isAttributionLine, isPointerLine, isReferenceHeading, softenShouting, toComparisonKey } from './text-tools.js';

/** Read in place of a code block (consecutive code blocks give one note). */
export const CODE_NOTE = 'A code example is skipped.';
/** Read in place of a data table. */
export const TABLE_NOTE = 'A table is skipped.';
export const SKIPPED_NOTES = [CODE_NOTE, TABLE_NOTE] as const;

export interface SectionCollector {
  /**
   * Starts a new section; a heading that repeats the title is ignored. The level (1 for the highest, 0 when the format
   * has none) lets a heading with nothing under it but a deeper heading name that one's chapter too.
   */
  startSection(heading: string, level?: number): void;
  /** Adds a paragraph to the current section; blank text is ignored. */
  addParagraph(text: string): void;
  /** Adds a skipped-content note, unless the paragraph before it is the same note. */
  addNote(note: (typeof SKIPPED_NOTES)[number]): void;
  /** A heading below the section levels: read as a sentence of its own inside the current section. */
  addMinorHeading(text: string): void;
  finish(): Section[];
}

/**
 * The byline lets the collector recognise the article's own attribution line ("Posted on 2 May 2019 by Jane Doe"),
 * which is not read in the body in any format: the intro says who wrote it and when.
 */
export function createSectionCollector(title: string, byline = ''): SectionCollector {
  const titleKey = toComparisonKey(title);
  const sections: Section[] = [{ heading: '', paragraphs: [] }];
  const levels: number[] = [0];
  const current = (): Section => sections[sections.length - 1] as Section;

  return {
    startSection(heading, level = 0) {
      const text = softenShouting(collapseWhitespace(heading));
      // A line that points elsewhere ("Read more: …", "ADVERTISEMENT") is furniture even where it looks like a heading.
      if (text === '' || toComparisonKey(text) === titleKey || isAttributionLine(text, byline) || isPointerLine(text)) return;
      sections.push({ heading: text, paragraphs: [] });
      levels.push(level);
    },
    addParagraph(text) {
      // A paragraph in capitals (an author's note, a disclaimer) is read as words: engines spell out what looks like an acronym.
      const collapsed = collapseWhitespace(text);
      // Only in scripts with letter case: "WEB問診" is not shouting.
      const paragraph = /\p{Lo}/u.test(collapsed) ? collapsed : softenShouting(collapsed);
      // Attribution lines and pointers to other pages ("Read more: …", "12 comments") are page furniture in every format.
      if (paragraph !== '' && !isAttributionLine(paragraph, byline) && !isPointerLine(paragraph)) current().paragraphs.push(paragraph);
    },
    addNote(note) {
      const paragraphs = current().paragraphs;
      if (paragraphs[paragraphs.length - 1] !== note) paragraphs.push(note);
    },
    addMinorHeading(text) {
      const heading = softenShouting(collapseWhitespace(text));
      if (heading === '' || toComparisonKey(heading) === titleKey || isAttributionLine(heading, byline) || isPointerLine(heading)) return;
      current().paragraphs.push(ensureSentenceEnd(heading));
    },
    finish() {
      // "Project updates" with nothing under it but "Add-ons" (a deeper heading): the chapter is "Project updates: Add-ons",
      // so the higher heading is heard rather than dropped as empty.
      for (let index = sections.length - 2; index >= 1; index--) {
        const [parent, child] = [sections[index]!, sections[index + 1]!];
        const [parentLevel, childLevel] = [levels[index]!, levels[index + 1]!];
        if (parent.paragraphs.length === 0 && parentLevel > 0 && childLevel > parentLevel && !isReferenceHeading(child.heading)) {
          child.heading = `${parent.heading.replace(/[\s:.–—-]+$/, '')}: ${child.heading}`;
          levels[index + 1] = parentLevel;
        }
      }
      const kept = sections.filter(
        (section, index) =>
          section.paragraphs.length > 0 &&
          (index === 0 || !isReferenceHeading(section.heading)) &&
          // A section that holds nothing but notes of skipped content would be a chapter of silence.
          section.paragraphs.some((paragraph) => !(SKIPPED_NOTES as readonly string[]).includes(paragraph)),
      );
      if (kept.length > 0) return kept;
      // A heading needs something under it, but a line that nothing follows ("Power back by 6pm" under the
      // title of a notice) is the article's text when nothing else would be read: its paragraph, not a refusal.
      const unread = sections.filter((section, index) => index > 0 && section.paragraphs.length === 0 && !isReferenceHeading(section.heading));
      return unread.length > 0 ? [{ heading: '', paragraphs: unread.map((section) => section.heading) }] : [];
    },
  };
}

/**
 * The heading levels that start sections: the two highest levels used in the body. Deeper headings
 * fold into their section as a sentence. "Highest used" rather than fixed levels, so that a post whose
 * headings start at `###` (the Rust blog) or at `#` (title in front matter) gets chapters all the same.
 */
export function pickSectionLevels(levels: Iterable<number>): Set<number> {
  const sorted = [...new Set(levels)].sort((a, b) => a - b);
  return new Set(sorted.slice(0, 2));
}
