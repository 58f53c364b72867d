// Real pages that briefcast used to refuse, briefed through the real CLI with real flite and ffmpeg: a short
// notice in bad UTF-8 whose only text is one line without a full stop, and articles laid out in <pre>. The MP3 is
// read back with ffprobe; the transcript must carry the words as written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { probeFile } from '../helpers/media-tools.js';
import { ROOT, createSandbox, expectNoTemporaries, runCli, type Sandbox } from './cli-harness.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/pages');

let box: Sandbox;
beforeAll(async () => {
  box = await createSandbox();
});
afterAll(async () => {
  await box?.remove();
});

interface Briefed {
  stderr: string;
  chapters: string[];
  durationSeconds: number;
  transcript: string;
}

async function brief(fixture: string): Promise<Briefed> {
  const run = await box.child(fixture);
  const output = run.path('out', fixture.replace(/\.\w+$/, '.mp3'));
  const result = await runCli([path.join(FIXTURES, fixture), '--engine', 'flite', '-o', output, '-q', '--json'], run, { timeoutMs: 170_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  expect((JSON.parse(result.stdout) as { file: string }).file).toBe(output);
  await expectNoTemporaries(run, path.dirname(output));
  const probe = await probeFile(output);
  const transcript = (await readFile(output.replace(/\.mp3$/, '.vtt'), 'utf8'))
    .split('\n')
    .filter((line) => line && line !== 'WEBVTT' && !line.includes('-->'))
    .join(' ');
  return {
    stderr: result.stderr,
    chapters: probe.chapters.map((chapter) => chapter.tags?.title ?? ''),
    durationSeconds: Number(probe.format.duration),
    transcript,
  };
}

describeWithBinaries(
  'flite',
  'ffmpeg',
  'ffprobe',
)('real pages are briefed', () => {
  it('the bad-UTF-8 short article: a Windows-1252 notice whose only line has no full stop', async () => {
    const briefed = await brief('cafe-notice-latin1.txt');
    expect(briefed.stderr).toBe(
      `briefcast: warning: ${path.join(FIXTURES, 'cafe-notice-latin1.txt')} is not valid UTF-8; it was read as Windows-1252 (Latin-1). If its accents look wrong, save it as UTF-8.\n`,
    );
    expect(briefed.chapters).toEqual(['Café Rosa closed today']);
    expect(briefed.durationSeconds).toBeGreaterThan(2);
    // The transcript shows the notice as written: its accent, and its digit, not the word the engine said.
    expect(briefed.transcript).toContain('Café Rosa closed today');
    expect(briefed.transcript).toContain('Back on Monday at 9');
    expect(briefed.transcript).not.toMatch(/\bnine\b/);
  });

  it('a UTF-8 notice with broken bytes: read with the bytes replaced, and a warning', async () => {
    const briefed = await brief('cafe-notice-broken.txt');
    expect(briefed.stderr).toBe(`briefcast: warning: ${path.join(FIXTURES, 'cafe-notice-broken.txt')} is not valid UTF-8; unreadable bytes were replaced.\n`);
    expect(briefed.chapters).toEqual(['Café Rosa closed today']);
    expect(briefed.transcript).toContain('Back on Monday at 9 \uFFFD\uFFFD');
  });

  it('a plain-text bulletin in <pre>', async () => {
    const briefed = await brief('bulletin.html');
    expect(briefed.stderr).toBe('');
    expect(briefed.chapters).toEqual(['Harbour Notice to Mariners No. 14']);
    expect(briefed.durationSeconds).toBeGreaterThan(20);
    expect(briefed.transcript).toContain('from 07:00 on Monday 10 March');
    expect(briefed.transcript).toContain('Questions about this notice go to the harbour office.');
  });

  it('an RFC page in <pre>: its numbered sections are chapters', async () => {
    const briefed = await brief('rfc-page.html');
    expect(briefed.stderr).toBe('');
    expect(briefed.chapters).toEqual(['The Harbour Bell Signalling Protocol', 'Abstract', 'Introduction', 'The Signals', 'Security Considerations']);
    expect(briefed.transcript).toContain('Crews should listen for it in fog.');
    expect(briefed.transcript).not.toContain('[Page');
  });
});
