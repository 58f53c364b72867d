// Puts our ID3v2.3 tag in front of the encoded MP3, and reads the result back with music-metadata (an ID3 reader
// we did not write) to prove that players will see the title and every chapter.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AudioError, OutputError } from '../errors.js';
import { measureId3v2Tag, sanitizeTagText, toChapterElementId, type TagMetadata } from './id3v2.js';

/**
 * Writes `tag` followed by the audio of `mp3Path` to `outputPath`, streaming the audio. Any ID3v2 tags already at
 * the start of the input are dropped. The output appears whole or not at all (written beside it, then renamed),
 * so `outputPath` may be `mp3Path` itself.
 */
export async function prependId3v2Tag(mp3Path: string, tag: Uint8Array, outputPath: string): Promise<void> {
  const audioStart = await findAudioStart(mp3Path);
  const temporary = join(dirname(outputPath), `.${basename(outputPath)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await pipeline(
      async function* () {
        yield tag;
        yield* createReadStream(mp3Path, { start: audioStart });
      },
      createWriteStream(temporary, { flags: 'wx' }),
    );
    await rename(temporary, outputPath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new OutputError(`Could not write the tagged MP3 ${outputPath}: ${describe(error)}. Check that its folder exists and is writable.`, { cause: error });
  }
}

/** Byte offset of the audio: past every ID3v2 tag at the start (some encoders write more than one). */
async function findAudioStart(mp3Path: string): Promise<number> {
  let handle;
  try {
    handle = await open(mp3Path, 'r');
  } catch (error) {
    throw new AudioError(`Could not read the encoded MP3 ${mp3Path}: ${describe(error)}. The encode step should have written it.`, { cause: error });
  }
  try {
    const header = new Uint8Array(10);
    let offset = 0;
    for (;;) {
      const { bytesRead } = await handle.read(header, 0, header.length, offset);
      const length = bytesRead === header.length ? measureId3v2Tag(header) : 0;
      if (length === 0) return offset;
      offset += length;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads `mp3Path` back with music-metadata and throws an AudioError naming the first difference from `expected`:
 * title, artist, album, the table of contents (CTOC: top-level, ordered, every chapter in order), chapter count,
 * titles, start and end times.
 */
export async function verifyTag(mp3Path: string, expected: TagMetadata): Promise<void> {
  const fail = (what: string): never => {
    throw new AudioError(`The tag of ${mp3Path} does not read back as written: ${what}. This is a bug in briefcast's ID3 writer; please report it.`);
  };
  let metadata;
  try {
    // includeChapters only matters for MP4; ID3v2 CHAP frames always land in format.chapters.
    const { parseFile } = await import('music-metadata');
    metadata = await parseFile(mp3Path, { includeChapters: true, skipCovers: true, duration: false });
  } catch (error) {
    fail(`music-metadata could not parse it (${describe(error)})`);
    return;
  }
  const native = metadata.native['ID3v2.3'];
  if (!native) fail(`no ID3v2.3 tag found (tag types: ${Object.keys(metadata.native).join(', ') || 'none'})`);

  const compare = (field: string, actual: string | undefined, wanted: string | undefined) => {
    if ((actual ?? '') !== (wanted ?? '')) fail(`${field} is ${quote(actual)}, expected ${quote(wanted)}`);
  };
  compare('title', metadata.common.title, sanitizeTagText(expected.title));
  // v2.3 splits TPE1 at '/' into several artists; joining them back gives the string we wrote.
  compare('artist', metadata.common.artists?.join('/'), expected.artist ? sanitizeTagText(expected.artist) : undefined);
  compare('album', metadata.common.album, expected.album ? sanitizeTagText(expected.album) : undefined);
  const language = (native ?? []).find((tag) => tag.id === 'TLAN')?.value as string | undefined;
  compare('the language (TLAN)', language, expected.language && /^[a-z]{3}$/.test(expected.language) ? expected.language : undefined);

  const wantedIds = expected.chapters.map((_, index) => toChapterElementId(index));
  const tocs = (native ?? []).filter((tag) => tag.id === 'CTOC').map((tag) => tag.value as NativeToc);
  if (expected.chapters.length > 0) {
    if (tocs.length !== 1) fail(`${tocs.length} CTOC frames, expected 1`);
    const toc = tocs[0];
    if (!toc?.flags?.topLevel || !toc.flags.ordered) fail('the CTOC is not marked top-level and ordered');
    if (toc?.childElementIds?.join(',') !== wantedIds.join(','))
      fail(`the CTOC lists ${toc?.childElementIds?.length ?? 0} chapters, expected ${wantedIds.length} in order`);
    compare('the CTOC title', toc?.frames?.get('TIT2') as string | undefined, sanitizeTagText(expected.tocTitle ?? expected.title));
  }

  const chapters = metadata.format.chapters ?? [];
  if (chapters.length !== expected.chapters.length) fail(`${chapters.length} chapters, expected ${expected.chapters.length}`);
  expected.chapters.forEach((wanted, index) => {
    const actual = chapters[index];
    const name = `chapter ${index + 1}`;
    compare(`${name}'s title`, actual?.title, sanitizeTagText(wanted.title));
    // music-metadata gives ID3 chapter times in seconds (CHAP milliseconds / 1000), with no timeScale or sampleOffset.
    const startMs = Math.round((actual?.start ?? NaN) * 1000);
    const endMs = Math.round((actual?.end ?? NaN) * 1000);
    if (startMs !== wanted.startMs) fail(`${name} starts at ${startMs} ms, expected ${wanted.startMs} ms`);
    if (endMs !== wanted.endMs) fail(`${name} ends at ${endMs} ms, expected ${wanted.endMs} ms`);
  });
}

/** The shape music-metadata 11 gives a CTOC frame in metadata.native['ID3v2.3']. */
interface NativeToc {
  label?: string;
  flags?: { topLevel: boolean; ordered: boolean };
  childElementIds?: string[];
  frames?: Map<string, unknown>;
}

function quote(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
