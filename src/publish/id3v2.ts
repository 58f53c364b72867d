// The ID3v2.3 tag of the briefing, written by us rather than by ffmpeg: ffmpeg's default v2.4 writer gets
// CHAP/CTOC sizes wrong (strict readers such as AntennaPod then lose chapters with long titles or past ~27
// chapters), and an older ffmpeg writes no CTOC at all, which Overcast and Prologue need.
// Spec: https://id3.org/id3v2.3.0 and the ID3v2 Chapter Frame Addendum 1.0 (CHAP, CTOC).
// Pure: bytes in, bytes out.
import { AudioError } from '../errors.js';
import type { ChapterTiming } from '../types.js';

export interface TagMetadata {
  title: string;
  /** Author, or the site when there is no byline. In v2.3 a '/' in TPE1 separates several artists. */
  artist?: string;
  album?: string;
  /** ISO 8601 date or date-time; only its year, month and day are written. */
  date?: string;
  comment?: string;
  /** Written as WXXX only when it is an http(s) URL. */
  sourceUrl?: string;
  chapters: ChapterTiming[];
  /** Title of the table of contents; defaults to the title. */
  tocTitle?: string;
  /** The language spoken, as ISO 639-2 ("fra"), written as TLAN; left out when absent or not three letters. */
  language?: string;
}

import { MAX_CHAPTERS } from '../defaults.js';

/** CTOC stores its entry count in one byte. */
export const MAX_ID3V2_CHAPTERS = MAX_CHAPTERS;

/**
 * Zero bytes of padding after the frames. Padding only helps editors that rewrite a tag in place, and we always
 * write the whole file; and music-metadata 11 reads padding as a run of empty frames, recording two warnings
 * for each ten bytes of it (51 warnings for 256 bytes).
 */
export const TAG_PADDING_BYTES = 0;

const HEADER_BYTES = 10;
const FRAME_HEADER_BYTES = 10;
/** The tag size field is 4 syncsafe bytes: 28 bits. */
const MAX_TAG_BODY_BYTES = 0x0fffffff;
const MAX_U32 = 0xffffffff;
/** CHAP byte offsets set to 0xFFFFFFFF mean "use the times, not byte offsets". */
const NO_BYTE_OFFSET = 0xffffffff;
const CTOC_TOP_LEVEL = 0x02;
const CTOC_ORDERED = 0x01;
const TOC_ELEMENT_ID = 'toc';

const ENCODING_LATIN1 = 0x00;
const ENCODING_UTF16 = 0x01;

/** Builds the complete ID3v2.3.0 tag (header, frames, padding) to put in front of the MP3 audio. */
export function buildId3v2Tag(meta: TagMetadata): Uint8Array {
  validateChapters(meta.chapters);
  const frames: Uint8Array[] = [buildTextFrame('TIT2', meta.title)];
  if (meta.artist) frames.push(buildTextFrame('TPE1', meta.artist));
  if (meta.album) frames.push(buildTextFrame('TALB', meta.album));
  const date = meta.date ? parseTagDate(meta.date) : undefined;
  if (date) {
    frames.push(buildTextFrame('TYER', date.year));
    if (date.dayMonth) frames.push(buildTextFrame('TDAT', date.dayMonth));
  }
  if (meta.language && /^[a-z]{3}$/.test(meta.language)) frames.push(buildTextFrame('TLAN', meta.language));
  if (meta.comment) frames.push(buildCommentFrame(meta.comment));
  const url = meta.sourceUrl ? toLatin1Url(meta.sourceUrl) : undefined;
  if (url) frames.push(buildUserUrlFrame(url));
  if (meta.chapters.length > 0) {
    frames.push(buildTableOfContentsFrame(meta.chapters.length, meta.tocTitle ?? meta.title));
    meta.chapters.forEach((chapter, index) => frames.push(buildChapterFrame(index, chapter)));
  }
  const body = concatBytes([...frames, new Uint8Array(TAG_PADDING_BYTES)]);
  if (body.length > MAX_TAG_BODY_BYTES) {
    throw new AudioError(`The ID3v2 tag would be ${body.length} bytes, more than ID3v2 allows (${MAX_TAG_BODY_BYTES}): shorten the titles or the comment.`);
  }
  const header = new Uint8Array(HEADER_BYTES);
  header.set([0x49, 0x44, 0x33, 0x03, 0x00, 0x00]); // 'ID3', version 2.3.0, no flags (no unsynchronisation, no extended header)
  writeSyncsafe(header, 6, body.length);
  return concatBytes([header, body]);
}

/** The element ID of chapter `index` in CHAP and in the CTOC's child list. */
export function toChapterElementId(index: number): string {
  return `chp${index}`;
}

/**
 * The text a tag stores for a string: without U+0000 (v2.3 uses it as a terminator and separator, so readers
 * would cut the string there) and with lone surrogates replaced (they cannot be written as UTF-16).
 */
export function sanitizeTagText(text: string): string {
  return text.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Year (4 digits) and DDMM from an ISO date; undefined when the string does not start with a plausible year. */
export function parseTagDate(iso: string): { year: string; dayMonth?: string } | undefined {
  // The calendar date as the source states it: converting a date-time to UTC could move it to another day.
  const match = /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(iso.trim());
  if (!match?.[1]) return undefined;
  const [, year, month, day] = match;
  if (month === undefined || day === undefined) return { year };
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  if (monthNumber < 1 || monthNumber > 12 || dayNumber < 1 || dayNumber > 31) return { year };
  return { year, dayMonth: `${day}${month}` };
}

function validateChapters(chapters: readonly ChapterTiming[]): void {
  if (chapters.length > MAX_ID3V2_CHAPTERS) {
    throw new AudioError(
      `The briefing has ${chapters.length} chapters, but an ID3v2 table of contents holds at most ${MAX_ID3V2_CHAPTERS}: merge some sections.`,
    );
  }
  chapters.forEach((chapter, index) => {
    const name = `Chapter ${index + 1} ("${chapter.title}")`;
    for (const [field, value] of [
      ['start', chapter.startMs],
      ['end', chapter.endMs],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value > MAX_U32) {
        throw new AudioError(
          `${name} has ${field} ${value} ms; chapter times must be whole milliseconds from 0 to ${MAX_U32}. This is a bug in the audio stage.`,
        );
      }
    }
    if (chapter.startMs > chapter.endMs) {
      throw new AudioError(`${name} starts at ${chapter.startMs} ms, after it ends (${chapter.endMs} ms). This is a bug in the audio stage.`);
    }
    const previous = chapters[index - 1];
    if (previous && chapter.startMs < previous.startMs) {
      throw new AudioError(
        `${name} starts at ${chapter.startMs} ms, before chapter ${index} (${previous.startMs} ms); chapters must be in time order. This is a bug in the audio stage.`,
      );
    }
    // music-metadata and others drop a chapter whose TIT2 is missing or empty, so it would vanish from players.
    if (sanitizeTagText(chapter.title).trim() === '') {
      throw new AudioError(`Chapter ${index + 1} (at ${chapter.startMs} ms) has an empty title; players drop untitled chapters. Give every section a heading.`);
    }
  });
}

function buildTextFrame(id: string, text: string): Uint8Array {
  const encoded = encodeText(sanitizeTagText(text));
  // No terminator: the frame size already ends the string, and v2.3 readers treat a trailing 0 as padding.
  return buildFrame(id, [Uint8Array.of(encoded.encoding), encoded.bytes]);
}

function buildCommentFrame(comment: string): Uint8Array {
  const encoded = encodeText(sanitizeTagText(comment));
  const language = encodeLatin1('eng');
  // The empty content descriptor is still terminated, in the frame's encoding (with its BOM for UTF-16).
  const description = encoded.encoding === ENCODING_UTF16 ? Uint8Array.of(0xff, 0xfe, 0x00, 0x00) : Uint8Array.of(0x00);
  return buildFrame('COMM', [Uint8Array.of(encoded.encoding), language, description, encoded.bytes]);
}

function buildUserUrlFrame(url: string): Uint8Array {
  // Encoding byte covers only the (empty) description; the URL itself is always ISO-8859-1.
  return buildFrame('WXXX', [Uint8Array.of(ENCODING_LATIN1, 0x00), encodeLatin1(url)]);
}

function buildTableOfContentsFrame(count: number, title: string): Uint8Array {
  const children = Array.from({ length: count }, (_, index) => encodeNullTerminatedId(toChapterElementId(index)));
  return buildFrame('CTOC', [
    encodeNullTerminatedId(TOC_ELEMENT_ID),
    Uint8Array.of(CTOC_TOP_LEVEL | CTOC_ORDERED, count),
    ...children,
    buildTextFrame('TIT2', title),
  ]);
}

function buildChapterFrame(index: number, chapter: ChapterTiming): Uint8Array {
  const times = new Uint8Array(16);
  const view = new DataView(times.buffer);
  view.setUint32(0, chapter.startMs);
  view.setUint32(4, chapter.endMs);
  view.setUint32(8, NO_BYTE_OFFSET);
  view.setUint32(12, NO_BYTE_OFFSET);
  return buildFrame('CHAP', [encodeNullTerminatedId(toChapterElementId(index)), times, buildTextFrame('TIT2', chapter.title)]);
}

function buildFrame(id: string, parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(parts);
  const header = new Uint8Array(FRAME_HEADER_BYTES);
  header.set(encodeLatin1(id));
  // v2.3 frame sizes are plain 32-bit big-endian (only v2.4 makes them syncsafe); flags stay 0.
  new DataView(header.buffer).setUint32(4, body.length);
  return concatBytes([header, body]);
}

function encodeText(text: string): { encoding: number; bytes: Uint8Array } {
  if (isLatin1(text)) return { encoding: ENCODING_LATIN1, bytes: encodeLatin1(text) };
  // UTF-16 with a little-endian BOM: the form every v2.3 reader (and ffmpeg) understands.
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return { encoding: ENCODING_UTF16, bytes };
}

function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

function encodeLatin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function encodeNullTerminatedId(id: string): Uint8Array {
  return concatBytes([encodeLatin1(id), Uint8Array.of(0)]);
}

/** A URL in ISO-8859-1: non-ASCII hosts and paths percent- or punycode-encoded; undefined unless http(s). */
function toLatin1Url(sourceUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(sourceUrl.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

function writeSyncsafe(target: Uint8Array, offset: number, value: number): void {
  target[offset] = (value >> 21) & 0x7f;
  target[offset + 1] = (value >> 14) & 0x7f;
  target[offset + 2] = (value >> 7) & 0x7f;
  target[offset + 3] = value & 0x7f;
}

function readSyncsafe(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 21) | ((bytes[offset + 1] ?? 0) << 14) | ((bytes[offset + 2] ?? 0) << 7) | (bytes[offset + 3] ?? 0);
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const result = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Reading: just enough of ID3v2.3/2.4 to check the chapter frames we (or ffmpeg) wrote.

/**
 * Total length in bytes (header, body, footer) of the ID3v2 tag at the start of `bytes`, or 0 when there is
 * none. Needs only the first 10 bytes.
 */
export function measureId3v2Tag(bytes: Uint8Array): number {
  if (bytes.length < HEADER_BYTES) return 0;
  const isId3 = bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33;
  const version = bytes[3] ?? 0xff;
  const revision = bytes[4] ?? 0xff;
  const sizeBytes = bytes.subarray(6, 10);
  if (!isId3 || version === 0xff || revision === 0xff || sizeBytes.some((byte) => byte >= 0x80)) return 0;
  const hasFooter = version >= 4 && ((bytes[5] ?? 0) & 0x10) !== 0;
  return HEADER_BYTES + readSyncsafe(bytes, 6) + (hasFooter ? HEADER_BYTES : 0);
}

export interface Id3v2TableOfContents {
  elementId: string;
  /** The raw flags byte (0x02 top-level, 0x01 ordered). */
  flags: number;
  childElementIds: string[];
  /** Its embedded TIT2, if any. */
  title?: string;
}

export interface Id3v2ChapterFrame {
  elementId: string;
  startMs: number;
  endMs: number;
  startOffset: number;
  endOffset: number;
  /** Its embedded TIT2, if any. */
  title?: string;
}

export interface Id3v2Chapters {
  /** Major version: 3 or 4. */
  version: number;
  tocs: Id3v2TableOfContents[];
  chapters: Id3v2ChapterFrame[];
}

/** The CTOC and CHAP frames of the ID3v2.3 or v2.4 tag at the start of `bytes` (the tag alone or a whole file's head). */
export function parseId3v2Chapters(bytes: Uint8Array): Id3v2Chapters {
  const tagLength = measureId3v2Tag(bytes);
  if (tagLength === 0) throw new AudioError('No ID3v2 tag at the start of the data: the tag was not written.');
  const version = bytes[3] ?? 0;
  const flags = bytes[5] ?? 0;
  if (version !== 3 && version !== 4) throw new AudioError(`Found an ID3v2.${version} tag; only v2.3 and v2.4 chapters can be read.`);
  if (flags & 0x80) throw new AudioError('The ID3v2 tag uses unsynchronisation, which this reader does not undo.');
  if (bytes.length < HEADER_BYTES + readSyncsafe(bytes, 6)) throw new AudioError('The ID3v2 tag is cut short: its size field is larger than the data.');
  let body = bytes.subarray(HEADER_BYTES, HEADER_BYTES + readSyncsafe(bytes, 6));
  if (flags & 0x40) {
    // v2.3 counts the extended header's size without its own 4 size bytes; v2.4 counts them, syncsafe.
    const extended = version === 3 ? 4 + readUint32(body, 0) : readSyncsafe(body, 0);
    body = body.subarray(extended);
  }
  const result: Id3v2Chapters = { version, tocs: [], chapters: [] };
  for (const frame of readFrames(body, version)) {
    if (frame.id === 'CTOC') result.tocs.push(parseTableOfContents(frame.body, version));
    if (frame.id === 'CHAP') result.chapters.push(parseChapter(frame.body, version));
  }
  return result;
}

function readFrames(body: Uint8Array, version: number): { id: string; body: Uint8Array }[] {
  const frames: { id: string; body: Uint8Array }[] = [];
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= body.length && body[offset] !== 0) {
    const id = decodeLatin1(body.subarray(offset, offset + 4));
    const size = version === 4 ? readSyncsafe(body, offset + 4) : readUint32(body, offset + 4);
    const start = offset + FRAME_HEADER_BYTES;
    if (!/^[A-Z0-9]{4}$/.test(id) || start + size > body.length) {
      throw new AudioError(`The ID3v2 frame at byte ${offset} ("${id}", ${size} bytes) is malformed or runs past its tag.`);
    }
    frames.push({ id, body: body.subarray(start, start + size) });
    offset = start + size;
  }
  return frames;
}

function parseTableOfContents(body: Uint8Array, version: number): Id3v2TableOfContents {
  const id = readNullTerminatedLatin1(body, 0);
  let offset = id.next;
  const flags = body[offset] ?? 0;
  const count = body[offset + 1] ?? 0;
  offset += 2;
  const childElementIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const child = readNullTerminatedLatin1(body, offset);
    childElementIds.push(child.text);
    offset = child.next;
  }
  const title = readEmbeddedTitle(body.subarray(offset), version);
  return { elementId: id.text, flags, childElementIds, ...(title === undefined ? {} : { title }) };
}

function parseChapter(body: Uint8Array, version: number): Id3v2ChapterFrame {
  const id = readNullTerminatedLatin1(body, 0);
  const at = id.next;
  if (at + 16 > body.length) throw new AudioError(`The CHAP frame "${id.text}" is cut short.`);
  const title = readEmbeddedTitle(body.subarray(at + 16), version);
  return {
    elementId: id.text,
    startMs: readUint32(body, at),
    endMs: readUint32(body, at + 4),
    startOffset: readUint32(body, at + 8),
    endOffset: readUint32(body, at + 12),
    ...(title === undefined ? {} : { title }),
  };
}

function readEmbeddedTitle(subFrames: Uint8Array, version: number): string | undefined {
  const tit2 = readFrames(subFrames, version).find((frame) => frame.id === 'TIT2');
  return tit2 ? decodeTextFrame(tit2.body) : undefined;
}

function decodeTextFrame(body: Uint8Array): string {
  const encoding = body[0];
  const data = body.subarray(1);
  let text: string;
  if (encoding === 0) text = decodeLatin1(data);
  else if (encoding === 3) text = new TextDecoder('utf-8').decode(data);
  else if (encoding === 1 || encoding === 2) text = decodeUtf16(data, encoding === 2);
  else throw new AudioError(`Unknown ID3v2 text encoding ${encoding}.`);
  return text.replace(/\u0000+$/, '');
}

function decodeUtf16(data: Uint8Array, defaultBigEndian: boolean): string {
  let bigEndian = defaultBigEndian;
  let start = 0;
  if (data[0] === 0xff && data[1] === 0xfe) [bigEndian, start] = [false, 2];
  else if (data[0] === 0xfe && data[1] === 0xff) [bigEndian, start] = [true, 2];
  let text = '';
  for (let i = start; i + 1 < data.length; i += 2) {
    const a = data[i] ?? 0;
    const b = data[i + 1] ?? 0;
    text += String.fromCharCode(bigEndian ? (a << 8) | b : (b << 8) | a);
  }
  return text;
}

function decodeLatin1(data: Uint8Array): string {
  // Not TextDecoder('latin1'): the WHATWG decoder treats that label as windows-1252.
  let text = '';
  for (const byte of data) text += String.fromCharCode(byte);
  return text;
}

function readNullTerminatedLatin1(bytes: Uint8Array, offset: number): { text: string; next: number } {
  const end = bytes.indexOf(0, offset);
  if (end === -1) throw new AudioError('An ID3v2 element ID is not terminated.');
  return { text: decodeLatin1(bytes.subarray(offset, end)), next: end + 1 };
}

function readUint32(bytes: Uint8Array, offset: number): number {
  if (offset + 4 > bytes.length) throw new AudioError('An ID3v2 frame is cut short.');
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0);
}
