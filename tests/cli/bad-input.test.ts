// Every bad input through the real CLI: one line on stderr (what happened, to which input, what to do), the
// documented exit code (README, "Exit codes"), no stack trace without --debug, and nothing left behind.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { link, lstat, mkdir, open, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { CLI, createSandbox, expectNoTemporaries, expectNothingLeft, expectOneLineError, runCli, startCli, type Sandbox } from './cli-harness.js';

let box: Sandbox;
let target: string;
const ARTICLE = 'A Short Note\n\nThe council met on Tuesday. It agreed to repair the bridge before winter.\n';

beforeAll(async () => {
  box = await createSandbox();
  target = box.path('out', 'note.mp3');
  await writeFile(box.path('note.txt'), ARTICLE);
  await writeFile(box.path('empty.txt'), '');
  await writeFile(box.path('blank.txt'), '  \n\t\n   \r\n\n');
  // A PNG signature, then bytes no text has.
  await writeFile(box.path('picture.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  await writeFile(box.path('noise.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  await mkdir(box.path('folder.txt'));
  await writeFile(
    box.path('nav.html'),
    '<!doctype html><html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav><footer>© 2025</footer></body></html>',
  );
  await writeFile(box.path('a-file'), 'not a folder');
});

afterAll(async () => {
  await box?.remove();
});

// flite-wasm ships with briefcast: these cases need no binary at all.
const brief = (...args: string[]) => runCli([...args, '--engine', 'flite-wasm', '-o', target, '-q'], box);

describe.concurrent('unreadable articles: exit 3', () => {
  it('a missing file', async () => {
    const result = await brief('missing.txt');
    expectOneLineError(result, EXIT_CODES.input, 'No such file: missing.txt. Check the path.');
    await expectNothingLeft(box, target);
  });

  it('an empty file and a whitespace-only file', async () => {
    expectOneLineError(await brief('empty.txt'), EXIT_CODES.input, 'empty.txt is empty: there is nothing to read. Give an article with some text.');
    expectOneLineError(await brief('blank.txt'), EXIT_CODES.input, 'blank.txt is empty: there is nothing to read. Give an article with some text.');
    await expectNothingLeft(box, target);
  });

  it('a binary file, named after what it is when known', async () => {
    expectOneLineError(await brief('picture.txt'), EXIT_CODES.input, 'picture.txt looks like a PNG image, not an article. Give a text, Markdown or HTML file.');
    expectOneLineError(await brief('noise.bin'), EXIT_CODES.input, 'noise.bin looks like a binary file, not an article. Give a text, Markdown or HTML file.');
    await expectNothingLeft(box, target);
  });

  it('a directory', async () => {
    expectOneLineError(await brief('folder.txt'), EXIT_CODES.input, 'folder.txt is a folder, not a file. Give the path of the article file inside it.');
    await expectNothingLeft(box, target);
  });

  it('HTML with no article in it', async () => {
    expectOneLineError(
      await brief('nav.html'),
      EXIT_CODES.input,
      /^briefcast: No article found in nav\.html: .*\. Save the article page itself, or copy its text into a \.txt file\.$/,
    );
    await expectNothingLeft(box, target);
  });

  it('a URL scheme other than http(s)', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/a.txt', 'javascript:alert(1)', 'data:text/plain,hello']) {
      expectOneLineError(
        await brief(url),
        EXIT_CODES.input,
        /^briefcast: .* uses the (file|ftp|javascript|data): scheme; briefcast reads only http and https URLs\. Give a file path or an http\(s\) URL\.$/,
      );
    }
    await expectNothingLeft(box, target);
  });

  it('empty stdin', async () => {
    expectOneLineError(
      await runCli(['-', '--engine', 'flite-wasm', '-o', target, '-q'], box, { input: ' \n' }),
      EXIT_CODES.input,
      'stdin is empty: there is nothing to read. Give an article with some text.',
    );
  });
});

describe.concurrent('usage errors: exit 2, one line', () => {
  it('an unknown engine', async () => {
    const result = await runCli(['note.txt', '--engine', 'nope'], box);
    expectOneLineError(
      result,
      EXIT_CODES.usage,
      "option '-e, --engine <name>' argument 'nope' is invalid. Allowed choices are auto, piper, say, sapi, flite, festival, espeak-ng, flite-wasm. Run `briefcast --help` for usage.",
    );
  });

  it('an unknown option, a bad value, a missing argument', async () => {
    expectOneLineError(
      await runCli(['note.txt', '--jsn'], box),
      EXIT_CODES.usage,
      "unknown option '--jsn' (Did you mean --json?) Run `briefcast --help` for usage.",
    );
    expectOneLineError(
      await runCli(['note.txt', '-b', '65'], box),
      EXIT_CODES.usage,
      /^briefcast: option '-b, --bitrate <kbps>' argument '65' is invalid\. choose one of 32, .* Run `briefcast --help` for usage\.$/,
    );
    expectOneLineError(await runCli([], box), EXIT_CODES.usage, "missing required argument 'input'. Run `briefcast --help` for usage.");
  });
});

describe.concurrent('engine problems: exit 4', () => {
  it('an unknown voice names the valid ones', async () => {
    const result = await brief('note.txt', '--voice', 'nope');
    expectOneLineError(
      result,
      EXIT_CODES.engine,
      'flite-wasm has no voice "nope" (--voice). Valid voices include slt, rms, awb, kal16, kal. Run `briefcast voices` to list them all.',
    );
    await expectNothingLeft(box, target);
  });

  // PATH holds only an empty folder: the engine asked for by name is not there, and the message says how to get it.
  for (const [engine, install] of [
    ['flite', 'sudo apt-get install flite'],
    ['espeak-ng', 'sudo apt-get install espeak-ng'],
    ['festival', 'sudo apt-get install festival festvox-kallpc16k festvox-us-slt-hts'],
  ] as const) {
    it(`${engine} asked for by name but not installed`, async () => {
      const emptyBin = box.path(`bin-without-${engine}`);
      await mkdir(emptyBin, { recursive: true });
      const result = await runCli(['note.txt', '--engine', engine, '-o', target, '-q'], box, { env: { PATH: emptyBin } });
      expectOneLineError(
        result,
        EXIT_CODES.engine,
        new RegExp(`^briefcast: ${engine} is not installed\\. Install it with \`${install}\`.*, or use --engine flite-wasm\\.$`),
      );
      await expectNothingLeft(box, target);
    });
  }
});

describe.concurrent('ffmpeg set explicitly but wrong: exit 5, no silent fallback', () => {
  it('FFMPEG_PATH pointing nowhere', async () => {
    const result = await runCli(['note.txt', '--engine', 'flite-wasm', '-o', target, '-q'], box, { env: { FFMPEG_PATH: '/nope/ffmpeg' } });
    expectOneLineError(
      result,
      EXIT_CODES.audio,
      'FFMPEG_PATH points to /nope/ffmpeg, which is not an executable file. Fix FFMPEG_PATH or unset it to use the ffmpeg that briefcast finds.',
    );
    await expectNothingLeft(box, target);
  });

  it('--ffmpeg pointing at a file that is not executable', async () => {
    const result = await brief('note.txt', '--ffmpeg', box.path('note.txt'));
    expectOneLineError(
      result,
      EXIT_CODES.audio,
      `--ffmpeg points to ${box.path('note.txt')}, which is not an executable file. Fix --ffmpeg or unset it to use the ffmpeg that briefcast finds.`,
    );
    await expectNothingLeft(box, target);
  });
});

// These get as far as the output, so they need an ffmpeg (and use the embedded engine).
describeWithBinaries('ffmpeg').concurrent('unwritable output: exit 6, before any synthesis', () => {
  it('a path below a file (root can write anywhere else)', async () => {
    const result = await runCli(['note.txt', '--engine', 'flite-wasm', '-o', box.path('a-file', 'out.mp3'), '-q'], box);
    expectOneLineError(
      result,
      EXIT_CODES.output,
      `Cannot write to ${box.path('a-file')} (EEXIST: part of the path ${box.path('a-file')} is a file, not a folder). Choose another place with -o <file>.`,
    );
    await expectNothingLeft(box, box.path('a-file', 'out.mp3'));
    expect(result.ms).toBeLessThan(15_000);
  });

  it('a path in /proc', async () => {
    const result = await runCli(['note.txt', '--engine', 'flite-wasm', '-o', '/proc/briefcast-test.mp3', '-q'], box);
    expectOneLineError(result, EXIT_CODES.output, /^briefcast: Cannot write to \/proc \(E[A-Z]+: .*\)\. Choose another place with -o <file>\.$/);
    await expectNothingLeft(box);
  });
});

// Targets that exist but must never be replaced, and paths that cannot be written: refused before any speech is
// made (nothing in the clip cache), and before anything is opened for writing (the device is a harmless copy of
// /dev/null made in the sandbox, so a regression could not touch the system's).
describeWithBinaries('ffmpeg').concurrent('outputs refused before any speech: exit 6', () => {
  const refused = async (run: Sandbox, args: string[], message: RegExp | string, env: NodeJS.ProcessEnv = {}) => {
    const result = await runCli([...args, '--engine', 'flite-wasm', '-q'], run, { env, timeoutMs: 60_000 });
    expectOneLineError(result, EXIT_CODES.output, message);
    expect(result.ms, 'refused before synthesis').toBeLessThan(15_000);
    expect(await listFiles(run.cache), 'no clip was synthesized').toEqual([]);
    await expectNoTemporaries(run, run.dir);
  };

  it('the article itself: by name, through a hard link, through a symbolic link', async () => {
    const run = await box.child('same-file');
    await writeFile(run.path('note.txt'), ARTICLE);
    await link(run.path('note.txt'), run.path('hard.mp3'));
    await symlink('note.txt', run.path('soft.mp3'));
    for (const output of ['note.txt', './sub/../note.txt', 'hard.mp3', 'soft.mp3']) {
      await refused(
        run,
        ['note.txt', '-o', output],
        `Cannot write the MP3 to ${path.resolve(run.dir, output)}: it is the article being read (note.txt), which it would replace. Choose another place with -o <file>.`,
      );
    }
    expect(await readFile(run.path('note.txt'), 'utf8')).toBe(ARTICLE);
    expect((await readdir(run.dir)).sort()).toEqual(['cache', 'hard.mp3', 'note.txt', 'soft.mp3', 'tmp']);
  });

  it('a sidecar that would be the article (brief.vtt briefed to brief.mp3)', async () => {
    const run = await box.child('sidecar-is-input');
    await writeFile(run.path('brief.vtt'), ARTICLE);
    await refused(
      run,
      ['brief.vtt', '-o', 'brief.mp3'],
      `Cannot write the transcript to ${run.path('brief.vtt')}: it is the article being read (brief.vtt), which it would replace. Choose another name with -o <file>, or leave out the chapters and transcript with --no-sidecars.`,
    );
    expect(await readFile(run.path('brief.vtt'), 'utf8')).toBe(ARTICLE);
    expect(existsSync(run.path('brief.mp3'))).toBe(false);
  });

  it('a device, a FIFO, a socket, and a link to a device: left as they are', async () => {
    const run = await box.child('special-files');
    await writeFile(run.path('note.txt'), ARTICLE);
    const kinds: [string, string, (info: Stats) => boolean][] = [];
    // Making a device node needs root (CAP_MKNOD); without it that case is left out.
    if (spawnSync('mknod', [run.path('null.mp3'), 'c', '1', '3']).status === 0) {
      await symlink('null.mp3', run.path('to-device.mp3'));
      kinds.push(['null.mp3', 'a device', (info) => info.isCharacterDevice()], ['to-device.mp3', 'a device', (info) => info.isCharacterDevice()]);
    }
    expect(spawnSync('mkfifo', [run.path('pipe.mp3')]).status).toBe(0);
    kinds.push(['pipe.mp3', 'a FIFO (named pipe)', (info) => info.isFIFO()]);
    const server = createNetServer();
    await new Promise<void>((resolve) => server.listen(run.path('socket.mp3'), resolve));
    kinds.push(['socket.mp3', 'a socket', (info) => info.isSocket()]);
    try {
      for (const [name, kind, isKind] of kinds) {
        await refused(
          run,
          ['note.txt', '-o', name],
          `Cannot write the MP3 to ${run.path(name)}: it is ${kind}, and briefcast writes only regular files or new paths. Choose another place with -o <file>.`,
        );
        expect(isKind(await stat(run.path(name))), `${name} is still ${kind}`).toBe(true);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a link to an open file, as /dev/stdout is, with stdout going to a file', async () => {
    const run = await box.child('fd-link');
    await writeFile(run.path('note.txt'), ARTICLE);
    // The sandbox's own link, never the system's /dev/stdout: a regression replaces only this one.
    await symlink('/proc/self/fd/1', run.path('stdout.mp3'));
    const handle = await open(run.path('stdout.txt'), 'w');
    const child = spawn(process.execPath, [CLI, 'note.txt', '-o', 'stdout.mp3', '--engine', 'flite-wasm', '-q'], {
      cwd: run.dir,
      env: run.env,
      stdio: ['ignore', handle.fd, 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [exitCode, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    await handle.close();
    const result = { exitCode, signal, stdout: await readFile(run.path('stdout.txt'), 'utf8'), stderr, ms: 0 };
    expectOneLineError(
      result,
      EXIT_CODES.output,
      /^briefcast: Cannot write the MP3 to .*\/stdout\.mp3: it is a link to an open file \(\/proc\/(self|\d+)\/fd\/1\), not a file of its own\. Choose another place with -o <file>\.$/,
    );
    expect((await lstat(run.path('stdout.mp3'))).isSymbolicLink()).toBe(true);
    await expectNoTemporaries(run, run.dir);
  });

  it('a folder where a sidecar goes: the previous MP3 is left alone', async () => {
    const run = await box.child('sidecar-folder');
    await writeFile(run.path('note.txt'), ARTICLE);
    await mkdir(run.path('out', 'note.vtt'), { recursive: true });
    await writeFile(run.path('out', 'note.mp3'), 'the previous briefing');
    await refused(
      run,
      ['note.txt', '-o', 'out/note.mp3'],
      `Cannot write the transcript to ${run.path('out', 'note.vtt')}: it is a folder. Move it away, choose another place with -o <file>, or leave out the chapters and transcript with --no-sidecars.`,
    );
    expect(await readFile(run.path('out', 'note.mp3'), 'utf8')).toBe('the previous briefing');
    expect((await readdir(run.path('out'))).sort()).toEqual(['note.mp3', 'note.vtt']);
  });

  it('a name longer than the file system allows, for the MP3 or for a sidecar', async () => {
    const run = await box.child('long-names');
    await writeFile(run.path('note.txt'), ARTICLE);
    const tooLong = `${'n'.repeat(252)}.mp3`;
    await refused(
      run,
      ['note.txt', '-o', `out/${tooLong}`],
      `Cannot write the MP3 to ${run.path('out', tooLong)}: its name (256 bytes) is too long for this folder's file system. Choose a shorter name with -o <file>.`,
    );
    // 250 bytes fits; <name>.chapters.json would be 260.
    const stem = 'l'.repeat(246);
    await refused(
      run,
      ['note.txt', '-o', `out/${stem}.mp3`],
      `Cannot write the chapters file to ${run.path('out', `${stem}.chapters.json`)}: its name (260 bytes) is too long for this folder's file system. Choose a shorter name with -o <file>, or leave out the chapters and transcript with --no-sidecars.`,
    );
    expect(await readdir(run.path('out')).catch(() => [])).toEqual([]);
  });

  it('a TMPDIR that is missing, or is a file', async () => {
    const run = await box.child('tmpdir');
    await writeFile(run.path('note.txt'), ARTICLE);
    const missing = run.path('no-such-folder');
    await refused(
      run,
      ['note.txt', '-o', 'out/note.mp3'],
      `The temporary folder ${missing} (TMPDIR) does not exist: briefcast keeps its work files there. Create it, or point TMPDIR at a folder that can be written.`,
      { TMPDIR: missing },
    );
    await refused(
      run,
      ['note.txt', '-o', 'out/note.mp3'],
      `The temporary folder ${run.path('note.txt')} (TMPDIR) is not a folder: briefcast keeps its work files there. Point TMPDIR at a folder that can be written.`,
      { TMPDIR: run.path('note.txt') },
    );
    expect(await readdir(run.path('out')).catch(() => [])).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });
});

it('an empty -o is a usage error', async () => {
  expectOneLineError(
    await runCli(['note.txt', '--engine', 'flite-wasm', '-o', '', '-q'], box),
    EXIT_CODES.usage,
    '-o is empty: give a file name, or a folder ending in /.',
  );
});

/** Every file under a folder (the clip cache must stay empty when a run is refused). */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
}

describe('--debug', () => {
  it('adds the stack trace after the same one-line message', async () => {
    const result = await runCli(['missing.txt', '--debug', '--engine', 'flite-wasm', '-o', target], box);
    expect(result.exitCode).toBe(EXIT_CODES.input);
    const [first, ...rest] = result.stderr.trimEnd().split('\n');
    expect(first).toBe('briefcast: No such file: missing.txt. Check the path.');
    expect(rest.join('\n')).toMatch(/^InputError: No such file[\s\S]*\n\s+at /);
  });
});

describe.concurrent('URLs served from 127.0.0.1: exit 3, one line', () => {
  let server: Server;
  let base: string;
  const hangs = new Set<import('node:http').ServerResponse>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = request.url ?? '/';
      if (url === '/missing') {
        response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
      } else if (url === '/slow') {
        // Headers never come: the 20 s whole-request limit must end it.
        hangs.add(response);
      } else if (url === '/huge') {
        // No Content-Length: the body is streamed until the reader gives up (20 MB cap).
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, '<p>words and more words</p>\n');
        let sent = 0;
        const pump = () => {
          while (sent < 64 && !response.destroyed) {
            sent += 1;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
      } else if (url === '/huge-declared') {
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
        response.write('<p>start</p>');
      } else if (url.startsWith('/loop')) {
        response.writeHead(302, { location: `/loop${Number(url.slice(5) || 0) + 1}` }).end();
      } else if (url === '/to-file') {
        response.writeHead(301, { location: 'file:///etc/passwd' }).end();
      } else {
        response.writeHead(500).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const response of hangs) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('404', async () => {
    expectOneLineError(
      await brief(`${base}/missing`),
      EXIT_CODES.input,
      `Fetching ${base}/missing failed: HTTP 404 Not Found. Check the address, or save the page and give its file.`,
    );
    await expectNothingLeft(box, target);
  });

  it('a server that never answers: stopped after 20 s', async () => {
    const result = await brief(`${base}/slow`);
    expectOneLineError(result, EXIT_CODES.input, `Timed out after 20 s fetching ${base}/slow. Check the address, or try again later.`);
    expect(result.ms).toBeGreaterThan(19_000);
    expect(result.ms).toBeLessThan(35_000);
    await expectNothingLeft(box, target);
  }, 60_000);

  it('an enormous body, streamed or declared', async () => {
    expectOneLineError(
      await brief(`${base}/huge`),
      EXIT_CODES.input,
      `${base}/huge is larger than 20 MB, the most briefcast reads. Give a smaller article or raise the limit.`,
    );
    expectOneLineError(
      await brief(`${base}/huge-declared`),
      EXIT_CODES.input,
      `${base}/huge-declared is larger than 20 MB, the most briefcast reads. Give a smaller article or raise the limit.`,
    );
    await expectNothingLeft(box, target);
  });

  it('a redirect loop, and a redirect to file:', async () => {
    expectOneLineError(
      await brief(`${base}/loop`),
      EXIT_CODES.input,
      `Too many redirects fetching ${base}/loop (more than 5). Check the address, or save the page and give its file.`,
    );
    expectOneLineError(
      await brief(`${base}/to-file`),
      EXIT_CODES.input,
      `${base}/to-file redirects to a file: address, which briefcast does not follow. Save the page and give its file.`,
    );
  });

  it('a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // The cause in words, the system's code kept for searching.
    expectOneLineError(
      await brief(`http://127.0.0.1:${port}/`),
      EXIT_CODES.input,
      `Could not fetch http://127.0.0.1:${port}/: the connection was refused: nothing is listening at 127.0.0.1:${port} (ECONNREFUSED). Check the address and the network connection.`,
    );
  });
});

describeWithBinaries('espeak-ng', 'ffmpeg')('invalid UTF-8', () => {
  it('is read with replacement characters, with a warning, and the briefing is made', async () => {
    const file = box.path('latin1.txt');
    await writeFile(
      file,
      Buffer.concat([Buffer.from('Cafe Notes\n\nThe caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' opened early. Everyone came for coffee.\n')]),
    );
    const out = box.path('out', 'latin1.mp3');
    const result = await runCli([file, '--engine', 'espeak-ng', '-o', out, '-q', '--json'], box);
    expect(result.stderr).toBe(`briefcast: warning: ${file} is not valid UTF-8; unreadable bytes were replaced.\n`);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { file: string }).file).toBe(out);
    expect(existsSync(out)).toBe(true);
    await expectNoTemporaries(box, box.path('out'));
  });
});

describe('stdout closed early', () => {
  it('`briefcast script … | head` ends quietly, without a stack trace', async () => {
    const run = await box.child('epipe');
    const sentences = Array.from({ length: 3000 }, (_, i) => `Sentence number ${i} tells the harbour story again.`).join(' ');
    await writeFile(run.path('long.txt'), `Long Story\n\n${sentences}\n`);
    const { child, finished } = startCli(['script', 'long.txt', '--engine', 'flite-wasm'], run);
    child.stdout!.once('data', () => child.stdout!.destroy());
    const result = await finished;
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
