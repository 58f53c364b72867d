// Every bad input through the real CLI: one line on stderr (what happened, to which input, what to do), the
// documented exit code (README, "Exit codes"), no stack trace without --debug, and nothing left behind.
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { createSandbox, expectNoTemporaries, expectNothingLeft, expectOneLineError, runCli, startCli, type Sandbox } from './cli-harness.js';

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
  await writeFile(box.path('nav.html'), '<!doctype html><html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav><footer>© 2025</footer></body></html>');
  await writeFile(box.path('a-file'), 'not a folder');
  await mkdir(box.path('existing-folder.mp3'));
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
    expectOneLineError(await brief('nav.html'), EXIT_CODES.input, /^briefcast: No article found in nav\.html: .*\. Save the article page itself, or copy its text into a \.txt file\.$/);
    await expectNothingLeft(box, target);
  });

  it('a URL scheme other than http(s)', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/a.txt', 'javascript:alert(1)', 'data:text/plain,hello']) {
      expectOneLineError(await brief(url), EXIT_CODES.input, /^briefcast: .* uses the (file|ftp|javascript|data): scheme; briefcast reads only http and https URLs\. Give a file path or an http\(s\) URL\.$/);
    }
    await expectNothingLeft(box, target);
  });

  it('empty stdin', async () => {
    expectOneLineError(await runCli(['-', '--engine', 'flite-wasm', '-o', target, '-q'], box, { input: ' \n' }), EXIT_CODES.input, 'stdin is empty: there is nothing to read. Give an article with some text.');
  });
});

describe.concurrent('usage errors: exit 2, one line', () => {
  it('an unknown engine', async () => {
    const result = await runCli(['note.txt', '--engine', 'nope'], box);
    expectOneLineError(result, EXIT_CODES.usage, "option '-e, --engine <name>' argument 'nope' is invalid. Allowed choices are auto, say, sapi, flite, festival, espeak-ng, flite-wasm. Run `briefcast --help` for usage.");
  });

  it('an unknown option, a bad value, a missing argument', async () => {
    expectOneLineError(await runCli(['note.txt', '--jsn'], box), EXIT_CODES.usage, "unknown option '--jsn' (Did you mean --json?) Run `briefcast --help` for usage.");
    expectOneLineError(await runCli(['note.txt', '-b', '65'], box), EXIT_CODES.usage, /^briefcast: option '-b, --bitrate <kbps>' argument '65' is invalid\. choose one of 32, .* Run `briefcast --help` for usage\.$/);
    expectOneLineError(await runCli([], box), EXIT_CODES.usage, "missing required argument 'input'. Run `briefcast --help` for usage.");
  });
});

describe.concurrent('engine problems: exit 4', () => {
  it('an unknown voice names the valid ones', async () => {
    const result = await brief('note.txt', '--voice', 'nope');
    expectOneLineError(result, EXIT_CODES.engine, 'flite-wasm has no voice "nope" (--voice). Valid voices include slt, rms, awb, kal16, kal. Run `briefcast voices` to list them all.');
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
      expectOneLineError(result, EXIT_CODES.engine, new RegExp(`^briefcast: ${engine} is not installed\\. Install it with \`${install}\`.*, or use --engine flite-wasm\\.$`));
      await expectNothingLeft(box, target);
    });
  }
});

describe.concurrent('ffmpeg set explicitly but wrong: exit 5, no silent fallback', () => {
  it('FFMPEG_PATH pointing nowhere', async () => {
    const result = await runCli(['note.txt', '--engine', 'flite-wasm', '-o', target, '-q'], box, { env: { FFMPEG_PATH: '/nope/ffmpeg' } });
    expectOneLineError(result, EXIT_CODES.audio, 'FFMPEG_PATH points to /nope/ffmpeg, which is not an executable file. Fix FFMPEG_PATH or unset it to use the ffmpeg that briefcast finds.');
    await expectNothingLeft(box, target);
  });

  it('--ffmpeg pointing at a file that is not executable', async () => {
    const result = await brief('note.txt', '--ffmpeg', box.path('note.txt'));
    expectOneLineError(result, EXIT_CODES.audio, `--ffmpeg points to ${box.path('note.txt')}, which is not an executable file. Fix --ffmpeg or unset it to use the ffmpeg that briefcast finds.`);
    await expectNothingLeft(box, target);
  });
});

// These get as far as the output, so they need an ffmpeg (and use the embedded engine).
describeWithBinaries('ffmpeg').concurrent('unwritable output: exit 6, before any synthesis', () => {
  it('a path below a file (root can write anywhere else)', async () => {
    const result = await runCli(['note.txt', '--engine', 'flite-wasm', '-o', box.path('a-file', 'out.mp3'), '-q'], box);
    expectOneLineError(result, EXIT_CODES.output, `Cannot write to ${box.path('a-file')} (EEXIST: part of the path ${box.path('a-file')} is a file, not a folder). Choose another place with -o <file>.`);
    await expectNothingLeft(box, box.path('a-file', 'out.mp3'));
    expect(result.ms).toBeLessThan(15_000);
  });

  it('a path in /proc', async () => {
    const result = await runCli(['note.txt', '--engine', 'flite-wasm', '-o', '/proc/briefcast-test.mp3', '-q'], box);
    expectOneLineError(result, EXIT_CODES.output, /^briefcast: Cannot write to \/proc \(E[A-Z]+: .*\)\. Choose another place with -o <file>\.$/);
    await expectNothingLeft(box);
  });

  it('-o naming an existing folder', async () => {
    const folder = box.path('existing-folder.mp3');
    const result = await runCli(['note.txt', '--engine', 'flite-wasm', '-o', folder, '-q'], box);
    expectOneLineError(result, EXIT_CODES.output, `Cannot write the MP3 to ${folder}: it is a folder. Give a file name, e.g. -o ${folder}/briefing.mp3.`);
    expect(existsSync(folder)).toBe(true);
    await expectNothingLeft(box);
  });
});

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
    expectOneLineError(await brief(`${base}/missing`), EXIT_CODES.input, `Fetching ${base}/missing failed: HTTP 404 Not Found. Check the address, or save the page and give its file.`);
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
    expectOneLineError(await brief(`${base}/huge`), EXIT_CODES.input, `${base}/huge is larger than 20 MB, the most briefcast reads. Give a smaller article or raise the limit.`);
    expectOneLineError(await brief(`${base}/huge-declared`), EXIT_CODES.input, `${base}/huge-declared is larger than 20 MB, the most briefcast reads. Give a smaller article or raise the limit.`);
    await expectNothingLeft(box, target);
  });

  it('a redirect loop, and a redirect to file:', async () => {
    expectOneLineError(await brief(`${base}/loop`), EXIT_CODES.input, `Too many redirects fetching ${base}/loop (more than 5). Check the address, or save the page and give its file.`);
    expectOneLineError(await brief(`${base}/to-file`), EXIT_CODES.input, `${base}/to-file redirects to a file: address, which briefcast does not follow. Save the page and give its file.`);
  });

  it('a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // The cause in words, the system's code kept for searching.
    expectOneLineError(await brief(`http://127.0.0.1:${port}/`), EXIT_CODES.input,
      `Could not fetch http://127.0.0.1:${port}/: the connection was refused: nothing is listening at 127.0.0.1:${port} (ECONNREFUSED). Check the address and the network connection.`);
  });
});

describeWithBinaries('espeak-ng', 'ffmpeg')('invalid UTF-8', () => {
  it('is read with replacement characters, with a warning, and the briefing is made', async () => {
    const file = box.path('latin1.txt');
    await writeFile(file, Buffer.concat([Buffer.from('Cafe Notes\n\nThe caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' opened early. Everyone came for coffee.\n')]));
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
