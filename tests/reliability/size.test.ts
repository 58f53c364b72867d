// Size: a 20,000-word paragraph with no punctuation at all, and a 1 MB article, through the real CLI.
//
// Cost on the 2-core CI machine: espeak-ng reads 20,000 words at 500 wpm in ~20 s of CPU and the whole briefing
// (52 minutes of audio) takes ~45 s. A 1 MB article is ~170,000 words, 5 to 17 hours of audio depending on the
// rate: planned in full here through the CLI (every word, every chapter), and briefed end to end only when
// BRIEFCAST_LARGE_TESTS=1 (about 11 minutes here), so that the suite stays within its time budget.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseId3v2Chapters } from '../../src/publish/id3v2.js';
import { probeFile, probeStream } from '../helpers/media-tools.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { createSandbox, expectNoTemporaries, runCli, type Sandbox } from '../cli/cli-harness.js';

// Plain words that no speech normalization rewrites (no abbreviations, numbers or acronyms).
const VOCABULARY = 'alpha river stone market quiet winter bridge signal garden copper lantern harbour meadow orchard valley'.split(' ');
const wordAt = (i: number) => VOCABULARY[(i * 7 + (i >> 3)) % VOCABULARY.length]!;

interface PlannedScript {
  title: string;
  chapters: { title: string; segments: { role: string; text: string; spoken: string }[] }[];
}
interface Summary {
  file: string;
  durationMs: number;
  chapters: { title: string; startMs: number; endMs: number }[];
}

let box: Sandbox;
beforeAll(async () => {
  box = await createSandbox();
});
afterAll(async () => {
  await box?.remove();
});

const bodyWords = (script: PlannedScript) =>
  script.chapters.flatMap((chapter) => chapter.segments.filter((segment) => segment.role === 'body')).flatMap((segment) => segment.text.split(' '));

describeWithBinaries(
  'espeak-ng',
  'ffmpeg',
  'ffprobe',
)('a 20,000-word paragraph with no punctuation', () => {
  const words = Array.from({ length: 20_000 }, (_, i) => wordAt(i));
  let input: string;
  beforeAll(async () => {
    // One line: no title line, no full stop, no newline. The title comes from the file name.
    input = box.path('twenty-thousand-words.txt');
    await writeFile(input, words.join(' '));
  });

  it("is planned with every word, in order, in segments within espeak-ng's limit", async () => {
    const result = await runCli(['script', input, '--engine', 'espeak-ng', '--json'], box);
    expect(result.exitCode).toBe(0);
    const script = JSON.parse(result.stdout) as PlannedScript;
    expect(script.chapters.map((chapter) => chapter.title)).toEqual(['Twenty thousand words']);
    expect(bodyWords(script)).toEqual(words);
    for (const segment of script.chapters[0]!.segments) expect(segment.spoken.length).toBeLessThanOrEqual(1000);
  });

  it('is briefed end to end: one chapter over the whole programme, as ffprobe reads it', async () => {
    const output = box.path('out', 'twenty-thousand-words.mp3');
    // The fastest rate and a low bitrate keep this near 45 s; the path through the code is the same.
    const result = await runCli([input, '--engine', 'espeak-ng', '-r', '500', '-b', '32', '--no-cache', '-o', output, '--json', '-q'], box, {
      timeoutMs: 290_000,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.file).toBe(output);
    expect(existsSync(output)).toBe(true);
    // 20,000 words at about 400 words a minute, pauses included.
    expect(summary.durationMs).toBeGreaterThan(40 * 60_000);
    const probe = await probeFile(output);
    expect(probe.chapters.map((chapter) => chapter.tags?.title)).toEqual(['Twenty thousand words']);
    expect(Number(probe.chapters[0]!.end_time)).toBeCloseTo(Number((await probeStream(output)).duration), 0);
    await expectNoTemporaries(box, path.dirname(output));
  }, 300_000);
});

/** ~1 MB of article: a title, a byline, 110 sections of 8 paragraphs of 170 words in sentences of 17. */
function oneMegabyteArticle(): { text: string; paragraphs: string[][]; sections: number } {
  let text = 'The One Megabyte Briefing\n\nBy Test Writer\n\n';
  const paragraphs: string[][] = [];
  let sections = 0;
  let i = 0;
  while (Buffer.byteLength(text) < 1024 * 1024) {
    sections += 1;
    text += `Section number ${sections}\n\n`;
    for (let p = 0; p < 8; p++) {
      const words = Array.from({ length: 170 }, (_, k) => wordAt(i++) + (k % 17 === 16 ? '.' : ''));
      words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
      paragraphs.push(words.map((word) => word.replace('.', '')).map((word) => word.toLowerCase()));
      text += `${words.join(' ').replace(/\. (\w)/g, (_, c: string) => `. ${c.toUpperCase()}`)}\n\n`;
    }
  }
  return { text, paragraphs, sections };
}

describe('a 1 MB article', () => {
  const article = oneMegabyteArticle();
  let input: string;
  beforeAll(async () => {
    input = box.path('one-megabyte.txt');
    await writeFile(input, article.text);
  });

  it('is planned through the CLI in seconds: every section a chapter, every word in order', async () => {
    expect(Buffer.byteLength(article.text)).toBeGreaterThanOrEqual(1024 * 1024);
    const result = await runCli(['script', input, '--engine', 'flite-wasm', '--json'], box);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.ms).toBeLessThan(30_000);
    const script = JSON.parse(result.stdout) as PlannedScript;
    expect(script.chapters.map((chapter) => chapter.title)).toEqual([
      'The One Megabyte Briefing',
      ...Array.from({ length: article.sections }, (_, index) => `Section number ${index + 1}`),
    ]);
    const spoken = bodyWords(script).map((word) => word.replace(/\.$/, '').toLowerCase());
    expect(spoken).toEqual(article.paragraphs.flat());
  }, 60_000);

  const describeLarge = process.env.BRIEFCAST_LARGE_TESTS === '1' ? describeWithBinaries('espeak-ng', 'ffmpeg') : describe.skip;
  describeLarge('end to end (BRIEFCAST_LARGE_TESTS=1)', () => {
    it('is briefed with espeak-ng: a file with every chapter in its tag', async () => {
      const output = box.path('out', 'one-megabyte.mp3');
      const result = await runCli([input, '--engine', 'espeak-ng', '-r', '500', '-b', '32', '--no-cache', '-o', output, '--json', '-q'], box, {
        timeoutMs: 1_750_000,
      });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const summary = JSON.parse(result.stdout) as Summary;
      expect(summary.chapters).toHaveLength(article.sections + 1);
      const tag = parseId3v2Chapters(await readFile(output));
      expect(tag.chapters).toHaveLength(article.sections + 1);
      expect(tag.tocs[0]!.childElementIds).toHaveLength(article.sections + 1);
      await expectNoTemporaries(box, path.dirname(output));
    }, 1_800_000);
  });
});
