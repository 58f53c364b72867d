import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSidecars } from '../../src/publish/output-files.js';
import { sidecarPaths } from '../../src/publish/sidecars.js';
import type { Briefing } from '../../src/types.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const BRIEFING: Briefing & { script: { title: string } } = {
  file: '/nowhere/x.mp3',
  durationMs: 5000,
  chapters: [
    { title: 'Opening', startMs: 0, endMs: 2500 },
    { title: 'Part <two>', startMs: 2500, endMs: 5000 },
  ],
  segments: [
    { chapterIndex: 0, role: 'title', text: 'Opening', startMs: 0, endMs: 900 },
    { chapterIndex: 1, role: 'heading', text: 'Part <two>', startMs: 2500, endMs: 3300 },
    { chapterIndex: 1, role: 'body', text: 'Fish & chips.', startMs: 3550, endMs: 4800 },
  ],
  script: { title: 'The briefing' },
};

describe('writeSidecars', () => {
  it('names the files after the MP3', () => {
    expect(sidecarPaths('/a/b/My Briefing.MP3')).toEqual({ chaptersJson: '/a/b/My Briefing.chapters.json', vtt: '/a/b/My Briefing.vtt' });
  });

  it('writes chapters JSON and WebVTT beside the MP3, and nothing else', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-sidecars-'));
    const mp3 = path.join(dir, 'brief.mp3');
    const written = await writeSidecars(BRIEFING, mp3);
    expect(written).toEqual({ chaptersJson: path.join(dir, 'brief.chapters.json'), vtt: path.join(dir, 'brief.vtt') });
    expect((await readdir(dir)).sort()).toEqual(['brief.chapters.json', 'brief.vtt']);
    expect(JSON.parse(await readFile(written.chaptersJson, 'utf8'))).toEqual({
      version: '1.2.0',
      title: 'The briefing',
      chapters: [
        { startTime: 0, endTime: 2.5, title: 'Opening' },
        { startTime: 2.5, endTime: 5, title: 'Part <two>' },
      ],
    });
    expect(await readFile(written.vtt, 'utf8')).toBe(`WEBVTT

00:00:00.000 --> 00:00:00.900
Opening

00:00:02.500 --> 00:00:03.300
Part &lt;two&gt;

00:00:03.550 --> 00:00:04.800
Fish &amp; chips.
`);
  });

  it('fails with an OutputError naming the MP3 when the folder cannot be written', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-sidecars-'));
    const blocker = path.join(dir, 'file');
    await (await import('node:fs/promises')).writeFile(blocker, 'x');
    await expect(writeSidecars(BRIEFING, path.join(blocker, 'brief.mp3'))).rejects.toMatchObject({ name: 'OutputError', exitCode: 6 });
  });
});
