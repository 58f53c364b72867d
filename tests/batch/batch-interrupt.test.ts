// Ctrl-C in the middle of a batch, through the real CLI: the briefing finished before it stays published (MP3,
// sidecars, feed), the one in progress leaves nothing, and the one line on stderr says so instead of claiming
// that nothing was written.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { createSandbox, expectNoTemporaries, expectOneLineError, pathWithFakeEngines, startCli, type Sandbox } from '../cli/cli-harness.js';

let box: Sandbox;
beforeAll(async () => {
  box = await createSandbox();
});
afterAll(async () => {
  await box?.remove();
});

const readText = (file: string) => readFile(file, 'utf8').catch(() => '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithBinaries('ffmpeg')('Ctrl-C while a batch briefs its second article', () => {
  it('exits 130, keeps the first briefing in the folder and its feed, and says so', async () => {
    await mkdir(box.path('in'));
    await writeFile(box.path('in', 'a-first.txt'), 'First Story\n\nThe council met on Tuesday and agreed on the budget.\n');
    await writeFile(box.path('in', 'b-second.txt'), 'Second Story\n\nThen hangword strikes in the middle of this one.\n');
    const out = box.path('out');
    const log = box.path('engine.pids');
    const { child, finished } = startCli(['batch', 'in', '-o', 'out', '--engine', 'flite', '--no-cache', '-j', '1', '-q'], box, {
      env: { PATH: pathWithFakeEngines(), FAKE_ENGINE_LOG: log },
    });
    // Articles are briefed one at a time, in name order: the second hangs once the first is published.
    const deadline = Date.now() + 60_000;
    while (!(await readText(log)).includes(' hangword')) {
      if (Date.now() > deadline) throw new Error('the second article never reached the engine');
      await sleep(50);
    }
    child.kill('SIGINT');
    const result = await finished;
    expectOneLineError(
      result,
      EXIT_CODES.interrupted,
      `Interrupted by SIGINT: the briefing finished before it is published in ${out}; the others were not made.`,
    );
    expect((await readdir(out)).filter((name) => !name.startsWith('.')).sort()).toEqual([
      'a-first.chapters.json',
      'a-first.mp3',
      'a-first.vtt',
      'feed.xml',
      'index.html',
    ]);
    const feed = await readFile(box.path('out', 'feed.xml'), 'utf8');
    expect(feed).toContain('a-first.mp3');
    expect(feed).not.toContain('b-second');
    await expectNoTemporaries(box, out);
  }, 120_000);
});
