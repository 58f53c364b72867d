// Plans the spoken programme: opening with rundown, an announced chapter per section, every paragraph read
// once, a closing. Pure: Article in, Script out.
import type { Article, Chapter, Role, Script, Segment } from '../types.js';
import { makeSpeakable } from './speakable.js';
import { chunkSentence, splitSentences } from './sentences.js';
import { describeDate, describeDuration } from './spoken-words.js';

export interface Pauses {
  /** Silence after a sentence. */
  sentenceMs: number;
  /** Silence after a paragraph. */
  paragraphMs: number;
  /** Silence before a new section (after the previous chapter's last segment). */
  sectionMs: number;
}

export const DEFAULT_PAUSES: Pauses = Object.freeze({ sentenceMs: 250, paragraphMs: 600, sectionMs: 1000 });

export interface PlanOptions {
  narratorVoice: string;
  hostVoice: string;
  /** Longest text one segment may hold, from the engine. */
  maxChars: number;
  pauses?: Pauses;
  /** Speaking rate used only to estimate the programme's length for the opening. */
  wordsPerMinute?: number;
}

// A cut inside an over-long sentence is a breath, not a full stop.
const CLAUSE_PAUSE_MS = 120;
const DEFAULT_WPM = 165;

interface Voices {
  narrator: string;
  host: string;
}

export function planScript(article: Article, options: PlanOptions): Script {
  const pauses = options.pauses ?? DEFAULT_PAUSES;
  const voices: Voices = { narrator: options.narratorVoice, host: options.hostVoice };
  const speakableTitle = makeSpeakable(article.title) || 'Untitled article';
  const lead = article.sections.find((section) => section.heading === '');
  const sections = article.sections.filter((section) => section.heading !== '' && section.paragraphs.length > 0);

  const readParagraphs = (paragraphs: readonly string[], lastPauseMs: number): Segment[] =>
    paragraphs.flatMap((paragraph, index) =>
      readAloud(paragraph, 'body', voices.narrator, options.maxChars, pauses.sentenceMs,
        index === paragraphs.length - 1 ? lastPauseMs : pauses.paragraphMs),
    );

  const opening: Chapter = { title: article.title.trim() || speakableTitle, segments: [] };
  opening.segments.push(...readAloud(speakableTitle, 'title', voices.host, options.maxChars, pauses.sentenceMs, pauses.paragraphMs));
  const leadParagraphs = lead?.paragraphs.length ? lead.paragraphs : article.description ? [article.description] : [];

  const chapters: Chapter[] = sections.map((section) => ({
    title: section.heading.trim(),
    segments: [
      ...readAloud(section.heading, 'heading', voices.host, options.maxChars, pauses.sentenceMs, pauses.paragraphMs),
      ...readParagraphs(section.paragraphs, pauses.sectionMs),
    ],
  }));

  // The length is announced before it is known: estimate it from the words still to come.
  const wordsToRead = countWords([...leadParagraphs, ...sections.flatMap((s) => [s.heading, ...s.paragraphs])]);
  const estimatedMs = (wordsToRead / (options.wordsPerMinute ?? DEFAULT_WPM)) * 60_000 + chapters.length * pauses.sectionMs;
  const introText = describeOpening(article, sections.map((s) => s.heading), estimatedMs);
  opening.segments.push(...readAloud(introText, 'intro', voices.host, options.maxChars, pauses.sentenceMs,
    leadParagraphs.length ? pauses.paragraphMs : pauses.sectionMs));
  opening.segments.push(...readParagraphs(leadParagraphs, pauses.sectionMs));

  const all = [opening, ...chapters];
  const last = all[all.length - 1]!;
  const lastSegment = last.segments[last.segments.length - 1];
  if (lastSegment) lastSegment.pauseAfterMs = pauses.paragraphMs;
  last.segments.push(...readAloud(describeClosing(article), 'outro', voices.host, options.maxChars, pauses.sentenceMs, pauses.paragraphMs));
  return { title: opening.title, chapters: all };
}

/** One segment per sentence (or per piece of an over-long sentence), with the pauses between them. */
function readAloud(text: string, role: Role, voice: string, maxChars: number, sentenceMs: number, lastPauseMs: number): Segment[] {
  const segments: Segment[] = [];
  for (const sentence of splitSentences(makeSpeakable(text))) {
    const pieces = chunkSentence(sentence, maxChars);
    pieces.forEach((piece, index) =>
      segments.push({ role, voice, text: piece, pauseAfterMs: index === pieces.length - 1 ? sentenceMs : CLAUSE_PAUSE_MS }),
    );
  }
  const last = segments[segments.length - 1];
  if (last) last.pauseAfterMs = lastPauseMs;
  return segments;
}

function describeOpening(article: Article, headings: readonly string[], estimatedMs: number): string {
  const sentences: string[] = [];
  const by = article.byline?.trim().replace(/^by\s+/i, '');
  const site = article.siteName?.trim();
  const date = article.date ? describeDate(article.date) : undefined;
  const credit = [by ? `By ${by}` : '', site && site !== by ? `${by ? 'for' : 'From'} ${site}` : '']
    .filter(Boolean)
    .join(' ');
  if (credit || date) sentences.push(`${credit || 'Published'}${date ? `${credit ? ',' : ''} ${date}` : ''}.`);
  sentences.push(`This briefing runs ${describeDuration(estimatedMs)}.`);
  if (headings.length === 1) sentences.push(`It covers one section: ${endSentence(headings[0]!)}`);
  if (headings.length > 1) {
    const spoken = headings.map((heading) => heading.trim().replace(/[.;:,]+$/, ''));
    sentences.push(`It covers ${spoken.slice(0, -1).join('; ')}; and ${spoken[spoken.length - 1]}.`);
  }
  return sentences.join(' ');
}

function describeClosing(article: Article): string {
  const source = article.siteName?.trim() || (/^https?:\/\//.test(article.source) ? new URL(article.source).hostname : '');
  return `That was ${endSentence(article.title.trim() || 'the article')}${source ? ` The article is from ${source}.` : ''} Thanks for listening.`;
}

function endSentence(text: string): string {
  return /[.!?]["')\]]*$/.test(text) ? text : `${text}.`;
}

function countWords(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
}
