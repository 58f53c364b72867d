// Where the files of a briefing land, through the real CLI with real flite and ffmpeg: a folder as -o, long names,
// the MP3 and its sidecars as one unit when writing fails after the work is done (a folder appearing in a sidecar's
// place, a file that cannot be replaced, a full disk), leftovers of a killed run, two batches into one folder, and a
// digest that would replace an episode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import {
  CLI,
  SAMPLE,
  createSandbox,
  expectNoTemporaries,
  expectNothingLeft,
  expectOneLineError,
  runCli,
  startCli,
  type CliResult,
  type Sandbox,
} from '../cli/cli-harness.js';

const ARTICLE = 'A Short Note\n\nThe council met on Tuesday. It agreed to repair the bridge before winter.\n';
const OTHER = 'Another Note\n\nThe library opened a new reading room. Children may borrow four books a week.\n';

let box: Sandbox;
/** One clip cache for every run: each test checks its own TMPDIR and output folder, not the cache. */
let clips: string;
beforeAll(async () => {
  box = await createSandbox();
  clips = box.path('clips');
});
afterAll(async () => {
  await box?.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(ready: () => Promise<boolean> | boolean, what: string, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** The run's work folder exists: its output has been checked and reserved, and synthesis is about to start. */
const workFolderExists = async (run: Sandbox) => (await readdir(run.tmp)).some((name) => name.startsWith('briefcast-'));

const readAll = async (dir: string, names: readonly string[]) => Promise.all(names.map((name) => readFile(path.join(dir, name))));

const SET = ['note.mp3', 'note.chapters.json', 'note.vtt'];

/** A previous briefing of ARTICLE in run/out: the set a failed rebriefing must leave exactly as it was. */
async function briefPrevious(run: Sandbox): Promise<Buffer[]> {
  await writeFile(run.path('note.txt'), ARTICLE);
  const result = await runCli(['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', 'out/note.mp3', '-q'], run);
  expect(result.exitCode, result.stderr).toBe(0);
  return readAll(run.path('out'), SET);
}

describeWithBinaries('flite', 'ffmpeg').concurrent('-o naming a folder, and long names', () => {
  it('a trailing slash or an existing folder means "in that folder", under the default name', async () => {
    const run = await box.child('folders');
    await writeFile(run.path('note.txt'), ARTICLE);
    await mkdir(run.path('existing'));
    for (const [output, folder] of [
      ['fresh/', 'fresh'],
      ['existing', 'existing'],
      [`${run.path('existing')}/`, 'existing'],
    ] as const) {
      const result = await runCli(['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', output, '-q', '--json'], run);
      expect(result.exitCode, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as { file: string }).file).toBe(run.path(folder, 'note.mp3'));
      expect((await readdir(run.path(folder))).sort()).toEqual(['note.chapters.json', 'note.mp3', 'note.vtt']);
    }
    await expectNoTemporaries(run);
  });

  it('names up to the file system limit work: the temporary names are short', async () => {
    const run = await box.child('long-names');
    await writeFile(run.path('note.txt'), ARTICLE);
    // <stem>.chapters.json is exactly 255 bytes, the most ext4, XFS, Btrfs, APFS and tmpfs allow.
    const stem = 'a-long-briefing-name-'.repeat(12).slice(0, 241);
    const withSidecars = await runCli(['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', `out/${stem}.mp3`, '-q'], run);
    expect(withSidecars.exitCode, withSidecars.stderr).toBe(0);
    expect((await readdir(run.path('out'))).sort()).toEqual([`${stem}.chapters.json`, `${stem}.mp3`, `${stem}.vtt`]);
    // A 254-byte MP3 name: its sidecars could not exist, so they are left out.
    const longer = 'b'.repeat(250);
    const alone = await runCli(['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', `alone/${longer}.mp3`, '--no-sidecars', '-q'], run);
    expect(alone.exitCode, alone.stderr).toBe(0);
    expect(await readdir(run.path('alone'))).toEqual([`${longer}.mp3`]);
    await expectNoTemporaries(run, run.path('out'));
  });
});

describeWithBinaries('flite', 'ffmpeg').concurrent('the MP3 and its sidecars land together or not at all', () => {
  it("a folder appearing in the transcript's place during synthesis: exit 6, the previous set untouched", async () => {
    const run = await box.child('folder-appears');
    const before = await briefPrevious(run);
    // A long article, so that the folder appears well before the files land.
    await copyFile(SAMPLE, run.path('note.txt'));
    const { finished } = startCli(['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', 'out/note.mp3', '-q'], run);
    await waitFor(() => workFolderExists(run), 'the work folder');
    await rm(run.path('out', 'note.vtt'));
    await mkdir(run.path('out', 'note.vtt', 'inside'), { recursive: true });
    const result = await finished;
    expectOneLineError(
      result,
      EXIT_CODES.output,
      `Cannot write the transcript to ${run.path('out', 'note.vtt')}: it is a folder. Move it away, choose another place with -o <file>, or leave out the chapters and transcript with --no-sidecars.`,
    );
    expect(await readAll(run.path('out'), SET.slice(0, 2))).toEqual(before.slice(0, 2));
    expect((await readdir(run.path('out'))).sort()).toEqual(['note.chapters.json', 'note.mp3', 'note.vtt']);
    await expectNoTemporaries(run, run.path('out'));
  });

  it('a transcript that cannot be replaced (immutable): the chapters file already moved is put back', async (context) => {
    const run = await box.child('immutable');
    const before = await briefPrevious(run);
    const vtt = run.path('out', 'note.vtt');
    // chattr needs root and a file system with attributes (ext4, XFS, Btrfs); rename(2) then fails with EPERM.
    if (spawnSync('chattr', ['+i', vtt]).status !== 0) return context.skip();
    try {
      await writeFile(run.path('note.txt'), OTHER);
      const result = await runCli(['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', 'out/note.mp3', '-q'], run);
      expectOneLineError(
        result,
        EXIT_CODES.output,
        `Cannot write the transcript to ${vtt} (EPERM: permission denied); the previous files were put back. Move it away, choose another place with -o <file>, or leave out the chapters and transcript with --no-sidecars.`,
      );
    } finally {
      spawnSync('chattr', ['-i', vtt]);
    }
    expect(await readAll(run.path('out'), SET)).toEqual(before);
    expect((await readdir(run.path('out'))).sort()).toEqual([...SET].sort());
    await expectNoTemporaries(run, run.path('out'));
  });
});

/** Whether this machine lets a test mount a small file system of its own (a user and mount namespace). */
const canMountPrivately = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;

/**
 * Runs the CLI with a tmpfs of `size` mounted on `mountpoint`, visible only to that run: a full disk of its own,
 * never the machine's. `prepare` and `report` are shell lines run inside, before and after.
 */
function runOnSmallDisk(
  run: Sandbox,
  mountpoint: string,
  size: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  prepare = ':',
  report = ':',
): Promise<CliResult> {
  const script = `mount -t tmpfs -o size=${size} tmpfs "$0" || exit 99; ${prepare}; "$@"; code=$?; ${report}; exit $code`;
  const started = Date.now();
  const child = spawn('unshare', ['--user', '--map-root-user', '--mount', '--', 'sh', '-c', script, mountpoint, process.execPath, CLI, ...args], {
    cwd: run.dir,
    env: { ...run.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr, ms: Date.now() - started }));
  });
}

describeWithBinaries('flite', 'ffmpeg')
  .skipIf(!canMountPrivately)
  .concurrent('a full disk is reported as a full disk: exit 6', () => {
    it('TMPDIR on a full disk: not an engine or ffmpeg failure', async () => {
      const run = await box.child('full-tmp');
      const small = run.path('small-tmp');
      await mkdir(small);
      await copyFile(SAMPLE, run.path('sample.txt'));
      const result = await runOnSmallDisk(run, small, '200k', ['sample.txt', '--engine', 'flite', '--no-cache', '-o', 'out/sample.mp3', '-q'], {
        TMPDIR: small,
      });
      expectOneLineError(
        result,
        EXIT_CODES.output,
        new RegExp(
          `^briefcast: The disk that holds the temporary folder ${small} is full \\(\\d+ KB left\\)\\. Free some space there, or point TMPDIR at a folder on a disk with room\\.$`,
        ),
      );
      await expectNothingLeft(run, run.path('out', 'sample.mp3'));
    });

    it('the output folder on a full disk: the previous MP3 survives', async () => {
      const run = await box.child('full-out');
      const small = run.path('small-out');
      await mkdir(small);
      await writeFile(run.path('note.txt'), ARTICLE);
      const listing = run.path('listing');
      const result = await runOnSmallDisk(
        run,
        small,
        // The MP3 of this short article is about 100 KB.
        '64k',
        ['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', `${small}/note.mp3`, '-q'],
        {},
        `printf previous > "$0/note.mp3"`,
        `ls -A "$0" > "${listing}"; cat "$0/note.mp3" >> "${listing}"`,
      );
      expectOneLineError(
        result,
        EXIT_CODES.output,
        new RegExp(
          `^briefcast: The disk that holds ${small} is full \\(\\d+ KB left\\), so the briefing cannot be written there\\. Free some space, or choose another place with -o <file>\\.$`,
        ),
      );
      expect(await readFile(listing, 'utf8')).toBe('note.mp3\nprevious');
      await expectNoTemporaries(run);
    });
  });

describeWithBinaries('flite', 'ffmpeg').skipIf(!canMountPrivately)('a full output folder in a batch', () => {
  it('fails the article with the full disk as its reason (exit 7), and leaves no lock', async () => {
    const run = await box.child('full-batch');
    const small = run.path('small-out');
    await mkdir(run.path('in'), { recursive: true });
    await mkdir(small);
    await writeFile(run.path('in', 'note.txt'), ARTICLE);
    const listing = run.path('listing');
    const result = await runOnSmallDisk(
      run,
      small,
      '40k', // room for the state, the feed and the page, not for the MP3: the article fails alone
      ['batch', 'in', '-o', small, '--engine', 'flite', '--cache-dir', clips, '-q'],
      {},
      ':',
      `ls -A "$0" "$0/.briefcast" > "${listing}"`,
    );
    expect(result.exitCode, result.stderr).toBe(EXIT_CODES.partial);
    expect(result.stdout).toContain(`in/note.txt: The disk that holds ${small} is full (`);
    expect((await readFile(listing, 'utf8')).split('\n').filter((name) => /lock|\.partial|\.mp3/.test(name))).toEqual([]);
    await expectNoTemporaries(run);
  });
});

describeWithBinaries('flite', 'ffmpeg')('leftovers of a killed run', () => {
  it('are swept by the next run: the .partial beside the MP3 and the work folder in TMPDIR', async () => {
    const run = await box.child('killed');
    await copyFile(SAMPLE, run.path('sample.txt'));
    const { child, finished } = startCli(['sample.txt', '--engine', 'flite', '--no-cache', '-o', 'out/sample.mp3', '-q'], run);
    await waitFor(() => workFolderExists(run), 'the work folder');
    child.kill('SIGKILL');
    expect((await finished).signal).toBe('SIGKILL');
    expect((await readdir(run.path('out'))).filter((name) => name.endsWith('.partial'))).toHaveLength(1);
    expect(await workFolderExists(run)).toBe(true);

    await writeFile(run.path('note.txt'), ARTICLE);
    const next = await runCli(['note.txt', '--engine', 'flite', '--cache-dir', clips, '-o', 'out/note.mp3', '-q'], run);
    expect(next.exitCode, next.stderr).toBe(0);
    expect((await readdir(run.path('out'))).sort()).toEqual(['note.chapters.json', 'note.mp3', 'note.vtt']);
    await expectNoTemporaries(run, run.path('out'));
  });
});

describeWithBinaries('flite', 'ffmpeg')('one batch writer per folder', () => {
  const batch = (...args: string[]) => ['batch', ...args, '--engine', 'flite', '--cache-dir', clips, '-q'];
  const lockOf = (run: Sandbox) => run.path('out', '.briefcast', 'lock');

  it('a second batch into a busy folder waits, then reports it busy (exit 75); run again, it adds its episodes', async () => {
    const run = await box.child('busy');
    await mkdir(run.path('first'));
    await mkdir(run.path('second'));
    // Two long articles at one engine run at a time keep the first batch busy well past the second's wait.
    await copyFile(SAMPLE, run.path('first', 'summit.txt'));
    await writeFile(run.path('first', 'summit-again.txt'), `${await readFile(SAMPLE, 'utf8')}\nThe end, once more.\n`);
    await writeFile(run.path('second', 'note.txt'), ARTICLE);
    const first = startCli([...batch('first', '-o', 'out', '--engine-jobs', '1', '--no-cache')], run);
    await waitFor(() => existsSync(lockOf(run)), 'the first batch to take the folder');
    const second = await runCli(batch('second', '-o', 'out'), run);
    expectOneLineError(
      second,
      EXIT_CODES.busy,
      new RegExp(
        `^briefcast: ${run.path('out')} is busy: another briefcast run \\(pid ${first.child.pid}, since [0-9T:.Z-]+\\) is writing to it\\. Run again when it is done \\(if no briefcast run is working there, remove ${lockOf(run)}\\)\\.$`,
      ),
    );
    expect(second.ms, 'waited briefly').toBeGreaterThan(4_000);
    const firstResult = await first.finished;
    expect(firstResult.exitCode, firstResult.stderr).toBe(0);
    expect(existsSync(lockOf(run)), 'the lock is released').toBe(false);

    const again = await runCli(batch('second', '-o', 'out'), run);
    expect(again.exitCode, again.stderr).toBe(0);
    const feed = await readFile(run.path('out', 'feed.xml'), 'utf8');
    expect(feed.match(/<item>/g)).toHaveLength(3);
    const state = JSON.parse(await readFile(run.path('out', '.briefcast', 'state.json'), 'utf8')) as { items: { slug: string }[] };
    expect(state.items.map((item) => item.slug).sort()).toEqual(['note', 'summit', 'summit-again']);
  }, 240_000);

  it('a killed batch does not leave the folder stuck: the next one takes it over at once and sweeps up', async () => {
    const run = await box.child('stale-lock');
    await mkdir(run.path('in'));
    await copyFile(SAMPLE, run.path('in', 'summit.txt'));
    const killed = startCli(batch('in', '-o', 'out', '--no-cache'), run);
    await waitFor(async () => existsSync(lockOf(run)) && (await workFolderExists(run)), 'the batch to start briefing');
    killed.child.kill('SIGKILL');
    await killed.finished;
    expect(existsSync(lockOf(run))).toBe(true);

    await writeFile(run.path('in', 'summit.txt'), ARTICLE);
    const next = await runCli(batch('in', '-o', 'out'), run);
    expect(next.exitCode, next.stderr).toBe(0);
    expect(existsSync(lockOf(run))).toBe(false);
    expect((await readdir(run.path('out', '.briefcast'))).sort()).toEqual(['state.json']);
    await expectNoTemporaries(run, run.path('out'));
  }, 180_000);
});

describeWithBinaries('flite', 'ffmpeg')("batch --digest never takes an episode's file", () => {
  it('refuses, before any work, a digest named like an existing or a coming episode (exit 2)', async () => {
    const run = await box.child('digest');
    await mkdir(run.path('in'));
    await writeFile(run.path('in', 'harbour.txt'), ARTICLE);
    await writeFile(run.path('in', 'library.txt'), OTHER);
    const common = ['batch', 'in', '-o', 'out', '--engine', 'flite', '--cache-dir', clips, '-q'];
    const made = await runCli(common, run);
    expect(made.exitCode, made.stderr).toBe(0);
    const episode = await readFile(run.path('out', 'harbour.mp3'));
    const feed = await readFile(run.path('out', 'feed.xml'), 'utf8');

    for (const digest of ['out/harbour.mp3', 'out/../out/Harbour.MP3']) {
      const refused = await runCli([...common, '--digest', digest], run);
      expectOneLineError(
        refused,
        EXIT_CODES.usage,
        `--digest ${run.path(digest)} is the episode file of ${run.path('in', 'harbour.txt')} (${run.path('out', 'harbour.mp3')}), which the digest would replace. Give the digest another name, e.g. --digest ${run.path('out', 'digest.mp3')}.`,
      );
    }
    // An article added now would get bridge.mp3: the digest may not take that name either.
    await writeFile(run.path('in', 'bridge.txt'), ARTICLE.replace('Short', 'Bridge'));
    const coming = await runCli([...common, '--digest', 'out/bridge.mp3'], run);
    expectOneLineError(coming, EXIT_CODES.usage, /^briefcast: --digest .*\/out\/bridge\.mp3 is the episode file of .*\/in\/bridge\.txt /);
    expect(existsSync(run.path('out', 'bridge.mp3')), 'refused before any article was briefed').toBe(false);
    expect(await readFile(run.path('out', 'harbour.mp3'))).toEqual(episode);
    expect(await readFile(run.path('out', 'feed.xml'), 'utf8')).toBe(feed);

    const digest = await runCli([...common, '--digest', 'out/digest.mp3'], run);
    expect(digest.exitCode, digest.stderr).toBe(0);
    expect((await readdir(run.path('out'))).filter((name) => name.endsWith('.mp3')).sort()).toEqual(['bridge.mp3', 'digest.mp3', 'harbour.mp3', 'library.mp3']);
  }, 180_000);
});
