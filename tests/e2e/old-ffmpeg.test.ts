// The last resort of the ffmpeg resolution order (@ffmpeg-installer/ffmpeg, an ffmpeg 4.1 that writes no CTOC of
// its own) must give the same tag and chapters: the tag is ours, whatever ffmpeg encoded the audio.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from 'music-metadata';
import { runTool } from '../../src/run-tool.js';
import { parseId3v2Chapters } from '../../src/publish/id3v2.js';
import { measureFileLoudness, probeFile, probeStream } from '../helpers/media-tools.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const installerFfmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

const ARTICLE = `Harbour Lights Return

The old harbour lights were switched back on this week after a long repair.

The Repair

Engineers replaced the wiring and the lenses. The work took two years.

What Comes Next

The council plans to open the lighthouse to visitors next summer.
`;

let dir: string;
let mp3: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-old-ffmpeg-'));
  const input = path.join(dir, 'harbour.txt');
  await writeFile(input, ARTICLE);
  mp3 = path.join(dir, 'harbour.mp3');
  const version = await runTool(installerFfmpeg, ['-version']);
  expect(version.stdout).toMatch(/^ffmpeg version (N-|4\.)/);
  const result = await runTool(process.execPath, [CLI, input, '--engine', 'flite', '-o', mp3, '--no-cache', '-q'], {
    env: { FFMPEG_PATH: installerFfmpeg },
    timeoutMs: 120_000,
  });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('briefing with @ffmpeg-installer/ffmpeg (ffmpeg 4.1)', () => {
  it('writes the same ID3v2.3 chapters and CTOC', async () => {
    const titles = ['Harbour Lights Return', 'The Repair', 'What Comes Next'];
    expect((await probeFile(mp3)).chapters.map((chapter) => chapter.tags?.title)).toEqual(titles);
    const tag = parseId3v2Chapters(await readFile(mp3));
    expect(tag.version).toBe(3);
    expect(tag.tocs[0]!.childElementIds).toHaveLength(3);
    expect((await parseFile(mp3)).format.chapters?.map((chapter) => chapter.title)).toEqual(titles);
  });

  it('is CBR 64 kbps mono at 44.1 kHz, loudness-normalized', async () => {
    expect(await probeStream(mp3)).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 1, bit_rate: '64000' });
    const { integrated, truePeak } = await measureFileLoudness(mp3);
    expect(Math.abs(integrated + 16)).toBeLessThanOrEqual(1);
    expect(truePeak).toBeLessThanOrEqual(-1);
  });
});
