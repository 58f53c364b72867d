// briefcast batch --watch with the real CLI: an article that appears while watching is briefed once, from its
// complete text even though it was written in two parts a moment apart; Ctrl-C (SIGINT) stops it cleanly.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { BEES_TXT, FERRY_MD } from './articles.js';

const CLI = path.resolve(import.meta.dirname, '../../dist/cli.js');

interface Report {
  items: { input: string; status: string; chapters?: number }[];
}

let dir: string | undefined;
let child: ChildProcessWithoutNullStreams | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithBinaries('flite', 'ffmpeg')('briefcast batch --watch', () => {
  it('briefs a new article once it is completely written, then stops on SIGINT', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-watch-'));
    await mkdir(path.join(dir, 'in'));
    await writeFile(path.join(dir, 'in', 'bees.txt'), BEES_TXT);
    child = spawn(process.execPath, [CLI, 'batch', 'in', '-o', 'out', '--watch', '--json', '--engine', 'flite', '--cache-dir', path.join(dir, 'cache')], {
      cwd: dir,
    });
    const reports: Report[] = [];
    let stderr = '';
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) reports.push(JSON.parse(line) as Report);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const waitFor = async (what: string, test: () => boolean, timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${stderr}`);
        if (child!.exitCode !== null) throw new Error(`briefcast exited (${child!.exitCode}) waiting for ${what}; stderr: ${stderr}`);
        await sleep(100);
      }
    };
    // Each run reports every article it looked at; the ones it did not need to brief are "up to date".
    const statusOf = (input: string) => reports.flatMap((report) => report.items).filter((item) => item.input === input && item.status !== 'up to date');

    await waitFor('the first article', () => statusOf('in/bees.txt').some((item) => item.status === 'made'));

    // Written in two parts, 600 ms apart: the first part alone has one chapter, the whole article two.
    const cut = FERRY_MD.indexOf('## Timetable');
    const handle = await open(path.join(dir, 'in', 'ferry.md'), 'w');
    await handle.write(FERRY_MD.slice(0, cut));
    await sleep(600);
    await handle.write(FERRY_MD.slice(cut));
    await handle.close();

    await waitFor('the new article', () => statusOf('in/ferry.md').length > 0);
    // Long enough for a second briefing to show up if the half-written file had been briefed first.
    await sleep(2500);
    expect(statusOf('in/ferry.md')).toEqual([{ ...statusOf('in/ferry.md')[0], status: 'made', chapters: 2 }]);
    expect(statusOf('in/bees.txt').map((item) => item.status)).toEqual(['made']);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopped watching');
    const out = await readdir(path.join(dir, 'out'));
    expect(out.filter((name) => name.includes('partial'))).toEqual([]);
    expect(out).toEqual(expect.arrayContaining(['bees.mp3', 'ferry.mp3', 'ferry.vtt', 'ferry.chapters.json', 'feed.xml', 'index.html']));
    expect((await readFile(path.join(dir, 'out', 'feed.xml'), 'utf8')).match(/<item>/g)).toHaveLength(2);
  }, 180_000);
});
